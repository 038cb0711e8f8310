/**
 * Live accounts of one app in pages of `pageSize`, by external id (keyset paging on the primary key, so each page
 * costs the same on SQLite and PostgreSQL however large the store is). Only the slim columns verdicts need (see
 * AccountFacts); `readDetails` fills in the rest for the accounts that get a finding or a guess.
 */
import { type Kysely, sql } from "kysely";
import type { AccountStatus } from "../../core/account.ts";
import type { Database } from "../../store/schema.ts";
import { type AccountFacts, employeeIdInPayload } from "../correlation/account-facts.ts";
import { isPostgres } from "./bulk-insert.ts";

const SLIM = [
  "external_id",
  "username",
  "email_norm",
  "status",
  "privileged",
  "last_activity_at",
  "created_at",
  "invited_at",
  "first_seen_run",
] as const;

export interface PageOptions {
  /** Read the raw payload too (apps whose payloads may carry an employee id). */
  withPayload?: boolean;
  /** Read the roles in the first pass (when the config decides privilege from them). */
  withRoles?: boolean;
  pageSize?: number;
}

export async function* accountPages(
  db: Kysely<Database>,
  app: string,
  options: PageOptions = {},
): AsyncGenerator<AccountFacts[]> {
  const pageSize = options.pageSize ?? 10_000;
  let after: string | null = null;
  for (;;) {
    let query = db
      .selectFrom("accounts")
      .select(SLIM)
      .$if(options.withPayload === true, (q) => q.select("raw"))
      .$if(options.withRoles === true, (q) => q.select("roles"))
      .where("app", "=", app)
      .where("gone_run", "is", null);
    if (after !== null) query = query.where("external_id", ">", after);
    const rows = await query.orderBy("external_id").limit(pageSize).execute();
    if (rows.length === 0) return;
    yield rows.map((r) => ({
      app,
      externalId: r.external_id,
      username: r.username,
      email: r.email_norm,
      emailNorm: r.email_norm,
      displayName: null,
      firstName: null,
      lastName: null,
      status: r.status as AccountStatus,
      rolesJson: "roles" in r && typeof r.roles === "string" ? r.roles : "[]",
      privileged: Number(r.privileged) === 1,
      lastActivityAt: r.last_activity_at,
      createdAt: r.created_at,
      invitedAt: r.invited_at,
      firstSeenRun: r.first_seen_run,
      employeeIdHint:
        "raw" in r && typeof r.raw === "string" ? employeeIdInPayload(JSON.parse(r.raw) as unknown) : null,
      detailed: false,
    }));
    if (rows.length < pageSize) return;
    after = rows.at(-1)!.external_id;
  }
}

/** Read the rest of these accounts (stored e-mail, names, roles) into them. */
export async function readDetails(db: Kysely<Database>, accounts: AccountFacts[]): Promise<void> {
  const pending = accounts.filter((a) => !a.detailed);
  const byApp = new Map<string, Map<string, AccountFacts>>();
  for (const a of pending) {
    let map = byApp.get(a.app);
    if (!map) byApp.set(a.app, (map = new Map()));
    map.set(a.externalId, a);
  }
  // PostgreSQL takes the ids as one array parameter; SQLite as a list (up to 500 per statement).
  const postgres = isPostgres(db);
  const chunk = postgres ? 10_000 : 500;
  for (const [app, wanted] of byApp) {
    const ids = [...wanted.keys()];
    for (let start = 0; start < ids.length; start += chunk) {
      const some = ids.slice(start, start + chunk);
      const rows = await db
        .selectFrom("accounts")
        .select(["external_id", "email", "display_name", "first_name", "last_name", "roles"])
        .where("app", "=", app)
        .$if(postgres, (q) => q.where("external_id", "=", sql<string>`any(${some}::text[])`))
        .$if(!postgres, (q) => q.where("external_id", "in", some))
        .execute();
      for (const r of rows) {
        const a = wanted.get(r.external_id)!;
        a.email = r.email;
        a.displayName = r.display_name;
        a.firstName = r.first_name;
        a.lastName = r.last_name;
        a.rolesJson = r.roles;
        a.detailed = true;
      }
    }
  }
}

/**
 * Apps with accounts in the store: a skip-scan over the primary key (one index seek per app), not a pass over every
 * account. An app whose accounts are all gone is listed too (its pages are empty).
 */
export async function appsInStore(db: Kysely<Database>): Promise<string[]> {
  const apps: string[] = [];
  for (;;) {
    let query = db.selectFrom("accounts").select("app");
    const last = apps.at(-1);
    if (last !== undefined) query = query.where("app", ">", last);
    const row = await query.orderBy("app").limit(1).executeTakeFirst();
    if (!row) return apps;
    apps.push(row.app);
  }
}
