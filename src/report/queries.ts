/**
 * Small reads the reports need that the graph API does not offer in bulk: who holds each account now (computed
 * links plus manual `link` decisions, with the person's name), persons' names, the latest sync run, and an app's
 * memberships in one query. Read-only.
 */
import type { Kysely } from "kysely";
import type { GroupKind } from "../core/account.ts";
import type { Database } from "../store/schema.ts";
import { membershipLabel } from "./account-views.ts";

export interface Holder {
  employeeId: string;
  name: string;
}

export function accountKey(app: string, externalId: string): string {
  return `${app}\u0000${externalId}`;
}

/**
 * The person holding each account the findings of these analysis runs are about (a report's: the run and the one
 * before it), by `accountKey` — read from those findings to their accounts' links, not from every link. Computed
 * links only exist for accounts without a manual decision, and `unlink` / `ignore` decisions carry no person, so at
 * most one link per account qualifies.
 */
export async function accountHolders(
  db: Kysely<Database>,
  runIds: readonly string[],
  app?: string,
): Promise<Map<string, Holder>> {
  const out = new Map<string, Holder>();
  if (runIds.length === 0) return out;
  const rows = await db
    .selectFrom("findings as f")
    .innerJoin("links as l", (j) =>
      j.onRef("l.app", "=", "f.app").onRef("l.account_external_id", "=", "f.external_id"),
    )
    .innerJoin("persons as p", "p.employee_id", "l.employee_id")
    .select(["l.app", "l.account_external_id", "l.employee_id", "l.decision", "p.first_name", "p.last_name"])
    .where("f.run_id", "in", [...runIds])
    .where((eb) => eb.or([eb("l.decision", "is", null), eb("l.decision", "=", "link")]))
    .$if(app !== undefined, (q) => q.where("f.app", "=", app!))
    .execute();
  for (const r of rows) {
    const key = accountKey(r.app, r.account_external_id);
    // A manual link wins over a computed one should both ever be present.
    if (out.has(key) && r.decision !== "link") continue;
    out.set(key, { employeeId: r.employee_id!, name: `${r.first_name} ${r.last_name}`.trim() });
  }
  return out;
}

/** Display names of persons by employee id (for person-keyed findings). */
export async function personNames(db: Kysely<Database>, employeeIds: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const unique = [...new Set(employeeIds)];
  for (let i = 0; i < unique.length; i += 500) {
    const rows = await db
      .selectFrom("persons")
      .select(["employee_id", "first_name", "last_name"])
      .where("employee_id", "in", unique.slice(i, i + 500))
      .execute();
    for (const r of rows) out.set(r.employee_id, `${r.first_name} ${r.last_name}`.trim());
  }
  return out;
}

export async function latestSyncRunId(db: Kysely<Database>): Promise<string | null> {
  const row = await db
    .selectFrom("runs")
    .select("id")
    .where("kind", "=", "sync")
    .where("status", "!=", "running")
    .orderBy("started_at", "desc")
    .limit(1)
    .executeTakeFirst();
  return row?.id ?? null;
}

/**
 * Group, team, project, space, branch and role memberships (`membershipLabel`) of an app's live accounts, by
 * `accountKey`; only of `externalIds` when given.
 */
export async function membershipsOf(
  db: Kysely<Database>,
  app: string,
  externalIds?: string[],
): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (externalIds?.length === 0) return out;
  let q = db
    .selectFrom("grants as gr")
    .leftJoin("groups as g", (join) =>
      join
        .onRef("g.app", "=", "gr.app")
        .onRef("g.kind", "=", "gr.group_kind")
        .onRef("g.external_id", "=", "gr.group_external_id"),
    )
    .select([
      "gr.account_external_id",
      "gr.group_kind",
      "gr.group_external_id",
      "gr.role",
      "gr.derived",
      "g.name",
    ])
    .where("gr.app", "=", app)
    .where("gr.gone_run", "is", null);
  if (externalIds) q = q.where("gr.account_external_id", "in", externalIds);
  const rows = await q.orderBy("gr.group_kind").orderBy("g.name").orderBy("gr.group_external_id").execute();
  for (const r of rows) {
    const label = membershipLabel({
      groupName: r.name,
      groupExternalId: r.group_external_id,
      groupKind: r.group_kind as GroupKind,
      role: r.role,
      derived: Number(r.derived) === 1,
    });
    const key = accountKey(app, r.account_external_id);
    const list = out.get(key);
    if (list) list.push(label);
    else out.set(key, [label]);
  }
  return out;
}

/** Whether the store holds any account (live or gone) of `app`. */
export async function appInStore(db: Kysely<Database>, app: string): Promise<boolean> {
  const row = await db
    .selectFrom("accounts")
    .select("app")
    .where("app", "=", app)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}
