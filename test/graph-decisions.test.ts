/**
 * Manual decisions (link, unlink, ignore) are stored apart from computed links, always win over correlation, and
 * survive re-imports and re-syncs — even when the app changes the account's address to someone else's.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FindingKind } from "../src/core/finding.ts";
import {
  type AnalyzeResult,
  clearDecision,
  findingsDiff,
  listDecisions,
  recordDecision,
  resolveAccount,
} from "../src/graph/index.ts";
import { appView } from "../src/graph/views/app-view.ts";
import type { PodioOrgMember, World } from "../src/sandbox/world/types.ts";
import type { StoreConnection } from "../src/store/connect.ts";
import { type GraphWorld, openGraphWorld } from "./graph-harness.ts";
import { STORE_DIALECTS } from "./support/stores.ts";

function kindsFor(result: AnalyzeResult, app: string, externalId: string): FindingKind[] {
  return result.findings
    .filter((f) => f.app === app && f.externalId === externalId)
    .map((f) => f.kind)
    .sort();
}

for (const dialect of STORE_DIALECTS) {
  describe.skipIf(dialect.skip !== undefined)(`manual decisions on ${dialect.name}`, () => {
    let store: StoreConnection;
    let graph: GraphWorld;
    let first: AnalyzeResult;
    /** The Podio accounts the decisions are about. */
    let orphan: PodioOrgMember;
    let ignored: PodioOrgMember;
    let linked: PodioOrgMember;
    let disputed: PodioOrgMember;
    let target: World["hr"][number];

    beforeAll(async () => {
      store = await dialect.open();
      graph = openGraphWorld(store, { people: 150, seed: 7 });
      await graph.sync();
      await graph.importHr();
      first = await graph.analyze();
      const podio = graph.world.apps.podio.members;
      const keyed = (kind: FindingKind) =>
        graph.world.answerKey
          .filter((e) => e.app === "podio" && e.kind === kind)
          .map((e) => podio.find((m) => String(m.user_id) === e.externalId)!);
      const orphans = keyed("orphan").filter((m) => m.status === "active");
      orphan = orphans[0]!;
      ignored = orphans[1]!;
      disputed = keyed("disputed")[0]!;
      linked = podio.find(
        (m) =>
          m.status === "active" &&
          m.role !== "admin" &&
          kindsFor(first, "podio", String(m.user_id)).length === 0 &&
          graph.world.hr.some((p) => p.email === m.mail && p.status === "active"),
      )!;
      target = graph.world.hr.find((p) => p.status === "active" && p.email !== linked.mail)!;
    }, 120_000);
    afterAll(async () => {
      graph?.cleanup();
      await store?.close();
    });

    it("finds the accounts the decisions will be about", () => {
      expect(kindsFor(first, "podio", String(orphan.user_id))).toContain("orphan");
      expect(kindsFor(first, "podio", String(ignored.user_id))).toContain("orphan");
      expect(kindsFor(first, "podio", String(disputed.user_id))).toContain("disputed");
      expect(kindsFor(first, "podio", String(linked.user_id))).toEqual([]);
    });

    it("wins over correlation and survives re-import and re-sync", async () => {
      const ref = (m: PodioOrgMember) => resolveAccount(store.db, `podio:${m.user_id}`);
      // The role address's current holder (the other person HR lists it on has left).
      const holder = graph.world.hr.find(
        (p) => p.status === "active" && p.aliases.includes(disputed.mail.trim().toLowerCase()),
      )!;
      await recordDecision(store.db, {
        ...(await ref(orphan)),
        decision: "link",
        employeeId: target.employeeId,
      });
      await recordDecision(store.db, { ...(await ref(linked)), decision: "unlink", note: "shared login" });
      await recordDecision(store.db, { ...(await ref(ignored)), decision: "ignore" });
      await recordDecision(store.db, {
        ...(await ref(disputed)),
        decision: "link",
        employeeId: holder.employeeId,
      });
      expect((await listDecisions(store.db)).map((d) => d.decision).sort()).toEqual([
        "ignore",
        "link",
        "link",
        "unlink",
      ]);

      // The app now shows the unlinked account under another person's address, and the manually linked orphan
      // under the address of yet another: correlation would say otherwise, the decisions still win.
      const served = structuredClone(graph.world);
      const other = graph.world.hr.find(
        (p) => p.status === "active" && p !== target && p.email !== linked.mail,
      )!;
      for (const m of served.apps.podio.members) {
        if (m.user_id === orphan.user_id) m.mail = other.email;
        if (m.user_id === linked.user_id) m.mail = target.email;
      }
      expect((await graph.sync(served)).status).toBe("succeeded");
      expect((await graph.importHr()).unchanged).toBe(150);
      const second = await graph.analyze();

      expect(kindsFor(second, "podio", String(orphan.user_id))).toEqual([]);
      expect(kindsFor(second, "podio", String(linked.user_id))).toEqual(["orphan"]);
      expect(kindsFor(second, "podio", String(ignored.user_id))).not.toContain("orphan");
      expect(kindsFor(second, "podio", String(ignored.user_id))).not.toContain("external");
      expect(kindsFor(second, "podio", String(disputed.user_id))).toEqual([]);
      const orphanFinding = second.findings.find((f) => f.externalId === String(linked.user_id))!;
      expect(orphanFinding.evidence).toMatchObject({ matcher: "manual", decision: { note: "shared login" } });

      const view = await appView(store.db, "podio");
      const situation = (m: PodioOrgMember) =>
        view.accounts.find((a) => a.account.externalId === String(m.user_id))!.link;
      expect(situation(orphan)).toMatchObject({
        situation: "linked",
        employeeId: target.employeeId,
        matcher: "manual",
      });
      expect(situation(linked)).toMatchObject({ situation: "unmatched", matcher: "manual" });
      expect(situation(ignored)).toMatchObject({ situation: "ignored" });
      expect(situation(disputed)).toMatchObject({ situation: "linked", employeeId: holder.employeeId });

      const diff = await findingsDiff(store.db, second.runId);
      expect(diff.previous?.id).toBe(first.runId);
      const keys = (list: { kind: string; externalId?: string }[]) =>
        list.filter((f) => f.externalId !== undefined).map((f) => `${f.kind}:${f.externalId}`);
      expect(keys(diff.fixed)).toEqual(
        expect.arrayContaining([
          `orphan:${orphan.user_id}`,
          `orphan:${ignored.user_id}`,
          `disputed:${disputed.user_id}`,
        ]),
      );
      expect(keys(diff.new)).toEqual([`orphan:${linked.user_id}`]);
      expect(diff.unchanged.length).toBe(second.findings.length - diff.new.length);
    });

    it("follows the manually linked person through HR changes (a leaver is a leaver)", async () => {
      const leaving = structuredClone(graph.world);
      const person = leaving.hr.find((p) => p.employeeId === target.employeeId)!;
      person.status = "terminated";
      person.endDate = graph.world.asOf.slice(0, 10);
      const { writeFileSync } = await import("node:fs");
      const { formatHrCsv } = await import("../src/sandbox/world/index.ts");
      writeFileSync(`${graph.dir}/hr.csv`, formatHrCsv(leaving.hr));
      expect((await graph.importHr()).updated).toBe(1);
      const third = await graph.analyze();
      const leaver = third.findings.find(
        (f) => f.kind === "leaver-active" && f.externalId === String(orphan.user_id),
      );
      expect(leaver?.evidence).toMatchObject({
        matcher: "manual",
        person: { employeeId: target.employeeId },
      });
    });

    it("clearing a decision hands the account back to correlation", async () => {
      expect(await clearDecision(store.db, "podio", String(linked.user_id))).toBe(true);
      expect(await clearDecision(store.db, "podio", String(linked.user_id))).toBe(false);
      const fourth = await graph.analyze();
      // The app still shows it under the target's address, so correlation links it to the target now.
      expect(kindsFor(fourth, "podio", String(linked.user_id))).not.toContain("orphan");
      const view = await appView(store.db, "podio");
      const link = view.accounts.find((a) => a.account.externalId === String(linked.user_id))!.link;
      expect(link).toMatchObject({ situation: "linked", matcher: "email" });
    });
  });
}
