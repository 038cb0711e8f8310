/**
 * Only one run at a time may change a part of the store: two syncs of one app, or two imports, would each mark gone
 * what the other had just seen. Checked on both stores: the lock rules, the takeover of a dead run's lock, and
 * that sync, import and analysis refuse to start while a live run holds what they need — leaving nothing written.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ManualClock } from "../src/sandbox/kit/clock.ts";
import type { StoreConnection } from "../src/store/connect.ts";
import { finishRun, listRuns, startRun } from "../src/store/repositories/runs.ts";
import { acquireRunLocks, RunLockedError, withRunLocks } from "../src/store/run-locks.ts";
import { type GraphWorld, openGraphWorld } from "./graph-harness.ts";
import { STORE_DIALECTS } from "./support/stores.ts";

for (const dialect of STORE_DIALECTS) {
  describe.skipIf(dialect.skip !== undefined)(`run locks on ${dialect.name}`, () => {
    let store: StoreConnection;
    beforeEach(async () => {
      store = await dialect.open();
    });
    afterEach(async () => {
      await store.close();
    });

    const runStatus = async (id: string) =>
      (await listRuns(store.db, undefined, 100)).find((r) => r.id === id);

    it("refuses a key a live run holds, naming that run, and gives it once released", async () => {
      const first = await startRun(store.db, "sync");
      const second = await startRun(store.db, "sync");
      const held = await acquireRunLocks(store.db, first, ["sync:podio"]);
      const refused = await acquireRunLocks(store.db, second, ["sync:podio"]).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(RunLockedError);
      expect((refused as Error).message).toContain(`the sync of podio is already being done by run ${first}`);
      // Other keys are free.
      const other = await acquireRunLocks(store.db, second, ["sync:docebo", "import"]);
      await held.release();
      const now = await acquireRunLocks(store.db, second, ["sync:podio"]);
      expect(now.keys).toEqual(["sync:podio"]);
      await other.release();
      await now.release();
      await now.release(); // idempotent
      expect(await store.db.selectFrom("run_locks").selectAll().execute()).toEqual([]);
    });

    it("takes all the keys or none", async () => {
      const first = await startRun(store.db, "sync");
      const second = await startRun(store.db, "sync");
      const held = await acquireRunLocks(store.db, first, ["sync:docebo"]);
      await expect(acquireRunLocks(store.db, second, ["sync:podio", "sync:docebo"])).rejects.toThrow(
        /the sync of docebo/,
      );
      const rows = await store.db.selectFrom("run_locks").select(["key", "run_id"]).execute();
      expect(rows).toEqual([{ key: "sync:docebo", run_id: first }]);
      await held.release();
    });

    it("takes over the lock of a run whose heartbeat stopped, and records that run as abandoned", async () => {
      const clock = new ManualClock(Date.parse("2026-12-01T10:00:00.000Z"));
      const options = { clock, staleMs: 120_000, heartbeatMs: 3_600_000 };
      const dead = await startRun(store.db, "import");
      await acquireRunLocks(store.db, dead, ["import"], options); // never released: its process "died"
      const next = await startRun(store.db, "import");
      clock.advance(119_000);
      await expect(acquireRunLocks(store.db, next, ["import"], options)).rejects.toThrow(RunLockedError);
      clock.advance(2_000);
      const held = await acquireRunLocks(store.db, next, ["import"], options);
      const abandoned = await runStatus(dead);
      expect(abandoned).toMatchObject({ status: "failed" });
      expect(abandoned?.error).toMatch(
        /^abandoned: .*last heartbeat 2026-12-01T10:00:00.000Z.*took over import/,
      );
      await held.release();
      // The dead run, were it to come back, cannot finish as if nothing happened.
      await expect(finishRun(store.db, dead, "succeeded", {})).rejects.toThrow(/not running/);
    });

    it("keeps a lock alive with its heartbeat while the run goes on", async () => {
      const options = { heartbeatMs: 20, staleMs: 150 };
      const first = await startRun(store.db, "analyze");
      const held = await acquireRunLocks(store.db, first, ["analyze"], options);
      await new Promise((resolve) => setTimeout(resolve, 400));
      const second = await startRun(store.db, "analyze");
      await expect(acquireRunLocks(store.db, second, ["analyze"], options)).rejects.toThrow(/an analysis/);
      await held.release();
    });

    it("withRunLocks records a refused run as failed, with the reason", async () => {
      const first = await startRun(store.db, "import");
      const held = await acquireRunLocks(store.db, first, ["import"]);
      const second = await startRun(store.db, "import");
      let ran = false;
      await expect(
        withRunLocks(store.db, second, ["import"], async () => {
          ran = true;
        }),
      ).rejects.toThrow(RunLockedError);
      expect(ran).toBe(false);
      expect(await runStatus(second)).toMatchObject({ status: "failed" });
      expect((await runStatus(second))?.error).toMatch(/an HR import is already being done by run/);
      await held.release();
    });

    describe("sync, import and analysis", () => {
      let graph: GraphWorld;
      beforeEach(() => {
        graph = openGraphWorld(store, { people: 40, seed: 3 });
      });
      afterEach(() => graph.cleanup());

      it("do not start while a live run holds what they change, and write nothing", async () => {
        const other = await startRun(store.db, "sync");
        const held = await acquireRunLocks(store.db, other, ["sync:podio", "import", "analyze"]);
        await expect(graph.sync()).rejects.toThrow(/the sync of podio is already being done/);
        expect(await store.db.selectFrom("accounts").select("app").execute()).toEqual([]);
        await expect(graph.importHr()).rejects.toThrow(/an HR import is already being done/);
        expect(await store.db.selectFrom("persons").select("employee_id").execute()).toEqual([]);
        await held.release();

        expect((await graph.sync()).status).toBe("succeeded");
        expect((await graph.importHr()).status).toBe("succeeded");
        const analysing = await acquireRunLocks(store.db, other, ["analyze"]);
        await expect(graph.analyze()).rejects.toThrow(/an analysis is already being done/);
        expect(await store.db.selectFrom("links").select("app").execute()).toEqual([]);
        await analysing.release();
        expect((await graph.analyze()).findings.length).toBe(graph.world.answerKey.length);
        expect(await store.db.selectFrom("run_locks").selectAll().execute()).toEqual([]);
      });
    });
  });
}
