import type { Kysely } from "kysely";
import type { Account, AccountStatus } from "../../core/account.ts";
import { normaliseEmail, REDACTED } from "../../core/index.ts";
import type { AccountTable, Database } from "../schema.ts";
import { upsertSighted } from "../sightings.ts";

export interface StoredAccount extends Account {
  firstSeenRun: string;
  lastSeenRun: string;
  goneRun: string | null;
}

export async function upsertAccounts(
  db: Kysely<Database>,
  runId: string,
  accounts: Account[],
): Promise<void> {
  await upsertSighted(
    db,
    "accounts",
    accounts.map((a) => toRow(a, runId)),
    ["app", "external_id"],
  );
}

export interface AccountQuery {
  app?: string;
  status?: AccountStatus;
  /** Include accounts marked gone. */
  includeGone?: boolean;
  /** Substring of e-mail, username or name (case-insensitive). */
  search?: string;
}

export async function listAccounts(db: Kysely<Database>, query: AccountQuery = {}): Promise<StoredAccount[]> {
  let q = db.selectFrom("accounts").selectAll();
  if (query.app) q = q.where("app", "=", query.app);
  if (query.status) q = q.where("status", "=", query.status);
  if (!query.includeGone) q = q.where("gone_run", "is", null);
  if (query.search) {
    const needle = `%${query.search.toLowerCase()}%`;
    q = q.where((eb) =>
      eb.or([
        eb("email_norm", "like", needle),
        eb(eb.fn("lower", ["username"]), "like", needle),
        eb(eb.fn("lower", ["display_name"]), "like", needle),
      ]),
    );
  }
  const rows = await q.orderBy("app").orderBy("external_id").execute();
  return rows.map(fromRow);
}

function toRow(a: Account, runId: string): AccountTable {
  const email = a.email;
  return {
    app: a.app,
    external_id: a.externalId,
    username: a.username,
    email,
    // A redacted address is unknown, not an address: it never takes part in matching.
    email_norm: email && email !== REDACTED ? normaliseEmail(email) : null,
    display_name: a.displayName,
    first_name: a.firstName,
    last_name: a.lastName,
    status: a.status,
    roles: JSON.stringify(a.roles),
    privileged: a.privileged ? 1 : 0,
    last_activity_at: a.lastActivityAt,
    created_at: a.createdAt,
    invited_at: a.invitedAt,
    raw: JSON.stringify(a.raw ?? null),
    first_seen_run: runId,
    last_seen_run: runId,
    gone_run: null,
  };
}

export function fromRow(r: AccountTable): StoredAccount {
  return { ...summaryFromRow(r), raw: JSON.parse(r.raw) as unknown };
}

/** A stored account without its raw payload (read without the `raw` column: views never show it). */
export function summaryFromRow(r: Omit<AccountTable, "raw">): Omit<StoredAccount, "raw"> {
  return {
    app: r.app,
    externalId: r.external_id,
    username: r.username,
    email: r.email,
    displayName: r.display_name,
    firstName: r.first_name,
    lastName: r.last_name,
    status: r.status as AccountStatus,
    roles: JSON.parse(r.roles) as string[],
    privileged: r.privileged === 1,
    lastActivityAt: r.last_activity_at,
    createdAt: r.created_at,
    invitedAt: r.invited_at,
    firstSeenRun: r.first_seen_run,
    lastSeenRun: r.last_seen_run,
    goneRun: r.gone_run,
  };
}
