/**
 * Run locks: only one run at a time may change a given part of the store. Two syncs of the same app at once would
 * each mark *gone* what the other had just seen (gone = "not seen by this run"), and two imports likewise for
 * persons — so a sync holds `sync:<app>` for each app it reads, an import holds `import`, an analysis `analyze`.
 *
 * A lock is a row in `run_locks`, kept alive by a heartbeat while its run goes on. A lock whose heartbeat is older
 * than `staleMs` belongs to a process that died (killed, machine rebooted): the next run takes it over and records
 * the dead run as failed ("abandoned"). Works the same on SQLite and PostgreSQL, across processes and machines.
 */
import type { Kysely } from "kysely";
import { type Clock, systemClock } from "../http/timers.ts";
import { finishRun } from "./repositories/runs.ts";
import type { Database, RunLockTable } from "./schema.ts";

export interface RunLockOptions {
  clock?: Clock;
  /** How often the holder refreshes its heartbeat. Default 30 s. */
  heartbeatMs?: number;
  /** A heartbeat older than this means the holder is dead. Default 2 min. */
  staleMs?: number;
}

export class RunLockedError extends Error {
  constructor(
    readonly key: string,
    readonly holder: RunLockTable,
  ) {
    super(
      `${describeKey(key)} is already being done by run ${holder.run_id} (started ${holder.acquired_at}, alive at ${holder.heartbeat_at}): wait for it to finish, then run again`,
    );
    this.name = "RunLockedError";
  }
}

function describeKey(key: string): string {
  if (key.startsWith("sync:")) return `the sync of ${key.slice(5)}`;
  if (key === "import") return "an HR import";
  if (key === "analyze") return "an analysis";
  return key;
}

export interface HeldLocks {
  readonly keys: readonly string[];
  /** Stop the heartbeat and let go of every lock (idempotent). */
  release(): Promise<void>;
}

/**
 * Take every lock in `keys` for `runId`, all or none; throws RunLockedError naming the first one a live run holds.
 * Dead holders' locks are taken over and their runs marked failed.
 */
export async function acquireRunLocks(
  db: Kysely<Database>,
  runId: string,
  keys: readonly string[],
  options: RunLockOptions = {},
): Promise<HeldLocks> {
  const clock = options.clock ?? systemClock;
  const staleMs = options.staleMs ?? 120_000;
  const heartbeatMs = options.heartbeatMs ?? 30_000;
  const wanted = [...new Set(keys)].sort();
  try {
    await db.transaction().execute(async (trx) => {
      const now = clock.now();
      const stamp = new Date(now).toISOString();
      const held = wanted.length
        ? await trx.selectFrom("run_locks").selectAll().where("key", "in", wanted).execute()
        : [];
      for (const lock of held) {
        if (lock.run_id === runId) continue;
        if (now - Date.parse(lock.heartbeat_at) < staleMs) throw new RunLockedError(lock.key, lock);
      }
      for (const lock of held) {
        if (lock.run_id === runId) continue;
        await trx
          .updateTable("runs")
          .set({
            status: "failed",
            finished_at: stamp,
            error: `abandoned: its process stopped without finishing (last heartbeat ${lock.heartbeat_at}); run ${runId} took over ${lock.key}`,
          })
          .where("id", "=", lock.run_id)
          .where("status", "=", "running")
          .execute();
        await trx.deleteFrom("run_locks").where("key", "=", lock.key).execute();
      }
      for (const key of wanted.filter((k) => !held.some((l) => l.key === k && l.run_id === runId))) {
        await trx
          .insertInto("run_locks")
          .values({ key, run_id: runId, acquired_at: stamp, heartbeat_at: stamp })
          .execute();
      }
    });
  } catch (err) {
    if (err instanceof RunLockedError) throw err;
    // Two runs raced for a free lock and the other inserted first: report it like any held lock.
    const holder = await db
      .selectFrom("run_locks")
      .selectAll()
      .where("key", "in", wanted)
      .where("run_id", "<>", runId)
      .executeTakeFirst()
      .catch(() => undefined);
    if (holder) throw new RunLockedError(holder.key, holder);
    throw err;
  }

  let released = false;
  let beating: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    beating = db
      .updateTable("run_locks")
      .set({ heartbeat_at: new Date(clock.now()).toISOString() })
      .where("run_id", "=", runId)
      .execute()
      .catch(() => {}); // a missed beat is retried at the next tick; staleMs spans several
  }, heartbeatMs);
  timer.unref();
  return {
    keys: wanted,
    async release() {
      if (released) return;
      released = true;
      clearInterval(timer);
      await beating;
      await db.deleteFrom("run_locks").where("run_id", "=", runId).execute();
    },
  };
}

/**
 * Run `body` holding `keys` for `runId`. When a live run holds one of them, `runId` is finished as failed (with
 * the reason) and RunLockedError is thrown; the locks are let go of however `body` ends.
 */
export async function withRunLocks<T>(
  db: Kysely<Database>,
  runId: string,
  keys: readonly string[],
  body: () => Promise<T>,
  options: RunLockOptions = {},
): Promise<T> {
  let locks: HeldLocks;
  try {
    locks = await acquireRunLocks(db, runId, keys, options);
  } catch (err) {
    await finishRun(db, runId, "failed", undefined, (err as Error).message).catch(() => {});
    throw err;
  }
  try {
    return await body();
  } finally {
    await locks.release();
  }
}
