import type { Kysely } from "kysely";
import type { Grant, Group, GroupKind } from "../../core/account.ts";
import type { Database, GrantTable, GroupTable } from "../schema.ts";
import { upsertSighted } from "../sightings.ts";

export interface StoredGroup extends Group {
  members: number;
  goneRun: string | null;
}

export async function upsertGroups(db: Kysely<Database>, runId: string, groups: Group[]): Promise<void> {
  const rows: GroupTable[] = groups.map((g) => ({
    app: g.app,
    kind: g.kind,
    external_id: g.externalId,
    name: g.name,
    dynamic: g.dynamic ? 1 : 0,
    parent_external_id: g.parentExternalId,
    raw: JSON.stringify(g.raw ?? null),
    first_seen_run: runId,
    last_seen_run: runId,
    gone_run: null,
  }));
  await upsertSighted(db, "groups", rows, ["app", "kind", "external_id"]);
}

export async function upsertGrants(db: Kysely<Database>, runId: string, grants: Grant[]): Promise<void> {
  const rows: GrantTable[] = grants.map((g) => ({
    app: g.app,
    account_external_id: g.accountExternalId,
    group_kind: g.groupKind,
    group_external_id: g.groupExternalId,
    role: g.role,
    derived: g.derived ? 1 : 0,
    first_seen_run: runId,
    last_seen_run: runId,
    gone_run: null,
  }));
  await upsertSighted(db, "grants", rows, ["app", "account_external_id", "group_kind", "group_external_id"]);
}

export interface GroupQuery {
  app?: string;
  kind?: GroupKind;
  includeGone?: boolean;
  search?: string;
}

/** Groups with their live member counts. */
export async function listGroups(db: Kysely<Database>, query: GroupQuery = {}): Promise<StoredGroup[]> {
  let q = db
    .selectFrom("groups as g")
    .leftJoin("grants as gr", (join) =>
      join
        .onRef("gr.app", "=", "g.app")
        .onRef("gr.group_kind", "=", "g.kind")
        .onRef("gr.group_external_id", "=", "g.external_id")
        .on("gr.gone_run", "is", null),
    )
    .select([
      "g.app",
      "g.kind",
      "g.external_id",
      "g.name",
      "g.dynamic",
      "g.parent_external_id",
      "g.raw",
      "g.gone_run",
    ])
    .select((eb) => eb.fn.count<number>("gr.account_external_id").as("members"))
    .groupBy([
      "g.app",
      "g.kind",
      "g.external_id",
      "g.name",
      "g.dynamic",
      "g.parent_external_id",
      "g.raw",
      "g.gone_run",
    ]);
  if (query.app) q = q.where("g.app", "=", query.app);
  if (query.kind) q = q.where("g.kind", "=", query.kind);
  if (!query.includeGone) q = q.where("g.gone_run", "is", null);
  if (query.search)
    q = q.where((eb) => eb(eb.fn("lower", ["g.name"]), "like", `%${query.search!.toLowerCase()}%`));
  const rows = await q.orderBy("g.app").orderBy("g.kind").orderBy("g.external_id").execute();
  return rows.map((r) => ({
    app: r.app,
    kind: r.kind as GroupKind,
    externalId: r.external_id,
    name: r.name,
    dynamic: r.dynamic === 1,
    parentExternalId: r.parent_external_id,
    raw: JSON.parse(r.raw) as unknown,
    members: Number(r.members),
    goneRun: r.gone_run,
  }));
}

export async function listGrants(
  db: Kysely<Database>,
  query: { app?: string; accountExternalId?: string; includeGone?: boolean } = {},
): Promise<(Grant & { goneRun: string | null })[]> {
  let q = db.selectFrom("grants").selectAll();
  if (query.app) q = q.where("app", "=", query.app);
  if (query.accountExternalId) q = q.where("account_external_id", "=", query.accountExternalId);
  if (!query.includeGone) q = q.where("gone_run", "is", null);
  const rows = await q
    .orderBy("app")
    .orderBy("account_external_id")
    .orderBy("group_kind")
    .orderBy("group_external_id")
    .execute();
  return rows.map((r) => ({
    app: r.app,
    accountExternalId: r.account_external_id,
    groupExternalId: r.group_external_id,
    groupKind: r.group_kind as GroupKind,
    role: r.role,
    derived: r.derived === 1,
    goneRun: r.gone_run,
  }));
}
