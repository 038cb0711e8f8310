import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import type { AppSyncTable, Database, RunTable } from "../schema.ts";

/** `analyze`: one correlation + findings pass over the store (src/graph). */
export type RunKind = "sync" | "import" | "apply" | "analyze";
export type RunStatus = "running" | "succeeded" | "partial" | "failed";

export async function startRun(db: Kysely<Database>, kind: RunKind, summary: object = {}): Promise<string> {
  const id = randomUUID();
  await db
    .insertInto("runs")
    .values({
      id,
      kind,
      status: "running",
      started_at: new Date().toISOString(),
      finished_at: null,
      summary: JSON.stringify(summary),
      error: null,
    })
    .execute();
  return id;
}

/** Finish a run (`summary` undefined: keep the one it started with); a finished run is immutable. */
export async function finishRun(
  db: Kysely<Database>,
  id: string,
  status: Exclude<RunStatus, "running">,
  summary: object | undefined,
  error?: string,
): Promise<void> {
  const result = await db
    .updateTable("runs")
    .set({
      status,
      finished_at: new Date().toISOString(),
      ...(summary === undefined ? {} : { summary: JSON.stringify(summary) }),
      error: error ?? null,
    })
    .where("id", "=", id)
    .where("status", "=", "running")
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1)
    throw new Error(`run ${id} is not running (finished runs are immutable)`);
}

export async function listRuns(db: Kysely<Database>, kind?: RunKind, limit = 20): Promise<RunTable[]> {
  let q = db.selectFrom("runs").selectAll();
  if (kind) q = q.where("kind", "=", kind);
  return q.orderBy("started_at", "desc").orderBy("id").limit(limit).execute();
}

export async function recordAppSync(db: Kysely<Database>, row: AppSyncTable): Promise<void> {
  await db
    .insertInto("app_syncs")
    .values(row)
    .onConflict((oc) =>
      oc.columns(["run_id", "app"]).doUpdateSet((eb) => {
        const columns = Object.keys(row).filter(
          (c) => c !== "run_id" && c !== "app",
        ) as (keyof AppSyncTable)[];
        return Object.fromEntries(columns.map((c) => [c, eb.ref(`excluded.${c}`)]));
      }),
    )
    .execute();
}

export async function listAppSyncs(db: Kysely<Database>, runId: string): Promise<AppSyncTable[]> {
  return db.selectFrom("app_syncs").selectAll().where("run_id", "=", runId).orderBy("app").execute();
}
