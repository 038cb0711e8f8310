/**
 * Accounts, groups, grants and persons are "sighted": each sync upserts what it saw (keeping `first_seen_run`,
 * moving `last_seen_run`, clearing `gone_run`), and only a complete enumeration may mark the rest gone.
 */
import type { Kysely } from "kysely";
import type { Database } from "./schema.ts";

type SightedTable = "accounts" | "groups" | "grants" | "persons";

/** Rows per INSERT: stays under SQLite's and PostgreSQL's bound-parameter limits for our widest table. */
const BATCH_ROWS = 400;

export async function upsertSighted<T extends SightedTable>(
  db: Kysely<Database>,
  table: T,
  rows: Database[T][],
  key: readonly string[],
): Promise<void> {
  if (rows.length === 0) return;
  const first = rows[0] as unknown as Record<string, unknown>;
  const updated = Object.keys(first).filter((column) => !key.includes(column) && column !== "first_seen_run");
  // Kysely cannot type a table chosen at run time; the row types above keep callers honest.
  const loose = db as unknown as Kysely<Record<string, Record<string, unknown>>>;
  for (let start = 0; start < rows.length; start += BATCH_ROWS) {
    const batch = rows.slice(start, start + BATCH_ROWS) as unknown as Record<string, unknown>[];
    await loose
      .insertInto(table as string)
      .values(batch)
      .onConflict((oc) =>
        oc
          .columns(key as string[])
          .doUpdateSet((eb) =>
            Object.fromEntries(updated.map((column) => [column, eb.ref(`excluded.${column}`)])),
          ),
      )
      .execute();
  }
}

/** Mark gone every live row of `app` (or every person, for `persons`) not seen in `runId`; returns how many. */
export async function markUnseenGone(
  db: Kysely<Database>,
  table: SightedTable,
  runId: string,
  app?: string,
): Promise<number> {
  const loose = db as unknown as Kysely<Record<string, Record<string, unknown>>>;
  let query = loose
    .updateTable(table)
    .set({ gone_run: runId })
    .where("last_seen_run", "<>", runId)
    .where("gone_run", "is", null);
  if (app !== undefined) query = query.where("app", "=", app);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Live rows of `app` (not marked gone); with `knownBefore`, only those first seen before that run. */
export async function countLive(
  db: Kysely<Database>,
  table: SightedTable,
  app?: string,
  knownBefore?: string,
): Promise<number> {
  const loose = db as unknown as Kysely<Record<string, Record<string, unknown>>>;
  let query = loose
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("gone_run", "is", null);
  if (app !== undefined) query = query.where("app", "=", app);
  if (knownBefore !== undefined) query = query.where("first_seen_run", "<>", knownBefore);
  const row = await query.executeTakeFirstOrThrow();
  return Number(row.n);
}
