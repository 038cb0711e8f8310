/**
 * Live accounts of one app in pages of `pageSize`, by external id, each page costing the same however large the
 * store is. Only the slim columns verdicts need (see
 * AccountFacts); `readDetails` fills in the rest for the accounts that get a finding or a guess.
 */
import type SqliteDatabase from "better-sqlite3";
import { CompiledQuery, type Kysely, sql } from "kysely";
import type { AccountStatus } from "../../core/account.ts";
import { isPostgres } from "../../store/dialect.ts";
import type { Database } from "../../store/schema.ts";
import { type AccountFacts, employeeIdInPayload } from "../correlation/account-facts.ts";

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

/** What `readDetails` adds: the stored address, names and roles. */
const DETAILS = ["email", "display_name", "first_name", "last_name", "roles"] as const;

export interface PageOptions {
  /** Read the raw payload too (apps whose payloads may carry an employee id). */
  withPayload?: boolean;
  /** Read the roles in the first pass (when the config decides privilege from them). */
  withRoles?: boolean;
  /** Read the details (stored e-mail, names, roles) with the page, so no account needs `readDetails`. */
  withDetails?: boolean;
  pageSize?: number;
  /**
   * The store's SQLite connection (`sqliteHandle`), when `db` runs on it: pages are then read as value arrays
   * straight from better-sqlite3 — a third of the time of Kysely's row objects on 400,000 accounts.
   */
  sqlite?: SqliteDatabase.Database;
}

type SlimRow = {
  external_id: string;
  username: string | null;
  email_norm: string | null;
  status: string;
  privileged: number;
  last_activity_at: string | null;
  created_at: string | null;
  invited_at: string | null;
  first_seen_run: string;
  raw?: string;
  roles?: string;
};

/**
 * SQLite: keyset pages on the primary key (its planner always walks the index). PostgreSQL: one server-side
 * cursor inside the caller's transaction — a keyset page there can turn into "scan the rest and sort" whenever the
 * table's statistics are stale (right after a large sync), which makes paging quadratic. On PostgreSQL `db` must
 * be a transaction (a cursor lives in one), as it is inside `analyze`.
 */
export async function* accountPages(
  db: Kysely<Database>,
  app: string,
  options: PageOptions = {},
): AsyncGenerator<AccountFacts[]> {
  const pageSize = options.pageSize ?? 10_000;
  const select = () =>
    db
      .selectFrom("accounts")
      .select(SLIM)
      .$if(options.withPayload === true, (q) => q.select("raw"))
      .$if(options.withRoles === true && options.withDetails !== true, (q) => q.select("roles"))
      .$if(options.withDetails === true, (q) => q.select(DETAILS))
      .where("app", "=", app)
      .where("gone_run", "is", null);
  const toFacts = options.withDetails
    ? (r: SlimRow): AccountFacts => withDetails(slimFacts(app, r), r as DetailedRow)
    : (r: SlimRow): AccountFacts => slimFacts(app, r);

  if (isPostgres(db)) {
    const query = select().orderBy("external_id").compile();
    const cursor = `accounts_${app.replace(/[^a-z0-9]/g, "_")}`;
    await db.executeQuery(
      CompiledQuery.raw(`declare ${cursor} no scroll cursor for ${query.sql}`, [...query.parameters]),
    );
    try {
      for (;;) {
        const { rows } = await db.executeQuery<SlimRow>(
          CompiledQuery.raw(`fetch forward ${pageSize} from ${cursor}`),
        );
        if (rows.length === 0) return;
        yield rows.map(toFacts);
        if (rows.length < pageSize) return;
      }
    } finally {
      await db.executeQuery(CompiledQuery.raw(`close ${cursor}`));
    }
  }

  if (options.sqlite) {
    const first = select().orderBy("external_id").limit(pageSize).compile();
    const later = select().where("external_id", ">", AFTER).orderBy("external_id").limit(pageSize).compile();
    yield* rawPages(options.sqlite, first, later, pageSize, toFacts);
    return;
  }
  let after: string | null = null;
  for (;;) {
    let query = select();
    if (after !== null) query = query.where("external_id", ">", after);
    const rows = (await query.orderBy("external_id").limit(pageSize).execute()) as SlimRow[];
    if (rows.length === 0) return;
    yield rows.map(toFacts);
    if (rows.length < pageSize) return;
    after = rows.at(-1)!.external_id;
  }
}

/** Stands for "the last external id of the previous page" in a compiled keyset query. */
const AFTER = "\u0000after";

/**
 * SQLite through better-sqlite3 directly: the same keyset pages, Kysely's compiled queries run as prepared
 * statements that return each row as an array of values, turned into a SlimRow-shaped object once (Kysely would
 * build a row object, then we would copy it).
 */
async function* rawPages(
  sqlite: SqliteDatabase.Database,
  firstQuery: CompiledQuery,
  laterQuery: CompiledQuery,
  pageSize: number,
  toFacts: (row: SlimRow) => AccountFacts,
): AsyncGenerator<AccountFacts[]> {
  const first = sqlite.prepare(firstQuery.sql).raw(true);
  const later = sqlite.prepare(laterQuery.sql).raw(true);
  const afterAt = laterQuery.parameters.indexOf(AFTER);
  const laterParameters = [...laterQuery.parameters];
  const columns = first.columns().map((c) => c.name);
  const key = columns.indexOf("external_id");
  const row: Record<string, unknown> = {};
  let values = first.all(...firstQuery.parameters) as unknown[][];
  for (;;) {
    if (values.length === 0) return;
    const page = new Array<AccountFacts>(values.length);
    for (let i = 0; i < values.length; i++) {
      const v = values[i]!;
      for (let c = 0; c < columns.length; c++) row[columns[c]!] = v[c];
      page[i] = toFacts(row as SlimRow);
    }
    yield page;
    if (values.length < pageSize) return;
    laterParameters[afterAt] = values.at(-1)![key];
    values = later.all(...laterParameters) as unknown[][];
  }
}

type DetailedRow = SlimRow & {
  email: string | null;
  display_name: string | null;
  first_name: string | null;
  last_name: string | null;
  roles: string;
};

function withDetails(a: AccountFacts, r: DetailedRow): AccountFacts {
  a.email = r.email;
  a.displayName = r.display_name;
  a.firstName = r.first_name;
  a.lastName = r.last_name;
  a.rolesJson = r.roles;
  a.detailed = true;
  return a;
}

/** An account as a page gives it: the slim columns, details not read yet. */
function slimFacts(app: string, r: SlimRow): AccountFacts {
  return {
    app,
    externalId: r.external_id,
    username: r.username,
    email: r.email_norm,
    emailNorm: r.email_norm,
    displayName: null,
    firstName: null,
    lastName: null,
    status: r.status as AccountStatus,
    rolesJson: typeof r.roles === "string" ? r.roles : "[]",
    privileged: Number(r.privileged) === 1,
    lastActivityAt: r.last_activity_at,
    createdAt: r.created_at,
    invitedAt: r.invited_at,
    firstSeenRun: r.first_seen_run,
    employeeIdHint: typeof r.raw === "string" ? employeeIdInPayload(JSON.parse(r.raw) as unknown) : null,
    detailed: false,
  };
}

/** Read the rest of these accounts (stored e-mail, names, roles) into them. */
export async function readDetails(db: Kysely<Database>, accounts: AccountFacts[]): Promise<void> {
  const pending = accounts.filter((a) => !a.detailed);
  const byApp = new Map<string, Map<string, AccountFacts>>();
  for (const a of pending) {
    let map = byApp.get(a.app);
    if (!map) {
      map = new Map();
      byApp.set(a.app, map);
    }
    map.set(a.externalId, a);
  }
  for (const [app, wanted] of byApp) {
    for (const r of await rowsByIds(db, app, [...wanted.keys()])) withDetails(wanted.get(r.external_id)!, r);
  }
}

/** These accounts of one app (live or not), with their details: for evidence about a handful of accounts. */
export async function readAccounts(
  db: Kysely<Database>,
  app: string,
  externalIds: string[],
): Promise<Map<string, AccountFacts>> {
  const out = new Map<string, AccountFacts>();
  for (const r of await rowsByIds(db, app, externalIds))
    out.set(r.external_id, withDetails(slimFacts(app, r), r));
  return out;
}

/** The slim and detail columns of these accounts of one app: PostgreSQL takes the ids as one array parameter,
 * SQLite as a list of up to 500 per statement. */
async function rowsByIds(db: Kysely<Database>, app: string, externalIds: string[]): Promise<DetailedRow[]> {
  const postgres = isPostgres(db);
  const chunk = postgres ? 10_000 : 500;
  const out: DetailedRow[] = [];
  for (let start = 0; start < externalIds.length; start += chunk) {
    const some = externalIds.slice(start, start + chunk);
    const rows = await db
      .selectFrom("accounts")
      .select([...SLIM, ...DETAILS])
      .where("app", "=", app)
      .$if(postgres, (q) => q.where("external_id", "=", sql<string>`any(${some}::text[])`))
      .$if(!postgres, (q) => q.where("external_id", "in", some))
      .execute();
    out.push(...rows);
  }
  return out;
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
