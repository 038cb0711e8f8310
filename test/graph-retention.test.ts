/**
 * findings.keepAnalyses: after each analysis the findings of the older ones are deleted, their runs remembered as
 * pruned, and a report asked for a pruned analysis says so; without the setting every analysis keeps its findings.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { AnalyzeResult } from "../src/graph/analyze.ts";
import { findingsDiff } from "../src/graph/history.ts";
import type { StoreConnection } from "../src/store/connect.ts";
import { type GraphWorld, openGraphWorld } from "./graph-harness.ts";
import { STORE_DIALECTS } from "./support/stores.ts";

for (const dialect of STORE_DIALECTS) {
  describe.skipIf(dialect.skip !== undefined)(`findings retention on ${dialect.name}`, () => {
    let store: StoreConnection;
    let graph: GraphWorld;
    beforeEach(async () => {
      store = await dialect.open();
      graph = openGraphWorld(store, { people: 40, seed: 3 });
      expect((await graph.sync()).status).toBe("succeeded");
      expect((await graph.importHr()).status).toBe("succeeded");
    }, 60_000);
    afterEach(async () => {
      graph.cleanup();
      await store.close();
    });

    const findingRuns = async () =>
      new Set((await store.db.selectFrom("findings").select("run_id").execute()).map((r) => r.run_id));

    it("keeps the findings of the newest analyses only, and says so", async () => {
      graph.config.findings.keepAnalyses = 2;
      const runs: AnalyzeResult[] = [];
      for (let i = 0; i < 3; i++) runs.push(await graph.analyze());
      const [first, second, third] = runs as [AnalyzeResult, AnalyzeResult, AnalyzeResult];
      expect(first.findings.length).toBeGreaterThan(0);
      expect(await findingRuns()).toEqual(new Set([second.runId, third.runId]));
      expect(third.pruned).toEqual({ analyses: 1, findings: first.findings.length });
      expect(third.notes).toContain(
        `deleted the findings of 1 older analyses (${first.findings.length} rows): findings.keepAnalyses keeps the newest 2`,
      );
      expect(
        await store.db.selectFrom("pruned_analyses").select(["run_id", "kept", "findings"]).execute(),
      ).toEqual([{ run_id: first.runId, kept: 2, findings: first.findings.length }]);

      // The latest report compares with the analysis before it, as ever.
      const latest = await findingsDiff(store.db);
      expect(latest.previous?.id).toBe(second.runId);
      expect(latest.new).toEqual([]);
      expect(latest.unchanged.length).toBe(third.findings.length);
      // A pruned analysis, or one whose predecessor was pruned, is refused with the reason.
      await expect(findingsDiff(store.db, first.runId)).rejects.toThrow(
        /the findings of analysis .* were deleted on .*keeps the newest 2/,
      );
      await expect(findingsDiff(store.db, second.runId)).rejects.toThrow(
        /cannot say what changed since the analysis before/,
      );

      const fourth = await graph.analyze();
      expect(fourth.pruned).toEqual({ analyses: 1, findings: second.findings.length });
      expect(await findingRuns()).toEqual(new Set([third.runId, fourth.runId]));
    });

    it("keeps every analysis's findings without the setting", async () => {
      const runs: AnalyzeResult[] = [];
      for (let i = 0; i < 3; i++) runs.push(await graph.analyze());
      expect(runs.every((r) => r.pruned === undefined)).toBe(true);
      expect(await findingRuns()).toEqual(new Set(runs.map((r) => r.runId)));
      expect(await store.db.selectFrom("pruned_analyses").selectAll().execute()).toEqual([]);
    });
  });
}
