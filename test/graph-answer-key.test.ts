/**
 * The findings equal the world's answer key exactly — every planted problem found, nothing else reported —
 * through the real sandboxes, connectors, sync, HR import and analysis, for worlds of several sizes and seeds.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findingKeyString } from "../src/core/finding.ts";
import type { AnalyzeResult } from "../src/graph/analyze.ts";
import type { StoreConnection } from "../src/store/connect.ts";
import { listAccounts, type StoredAccount } from "../src/store/repositories/accounts.ts";
import { compareKeys, type GraphWorld, openGraphWorld } from "./graph-harness.ts";
import { STORE_DIALECTS } from "./support/stores.ts";

const WORLDS: { people: number; seed: number; coverage?: number; dialects: string[] }[] = [
  { people: 60, seed: 1, dialects: ["sqlite"] },
  { people: 150, seed: 7, dialects: ["sqlite", "postgres"] },
  { people: 400, seed: 42, dialects: ["sqlite"] },
  // Most people in every app (the benchmark's shape): more duplicates, shared addresses and traps per person.
  { people: 300, seed: 5, coverage: 0.9, dialects: ["sqlite", "postgres"] },
];

for (const dialect of STORE_DIALECTS) {
  for (const size of WORLDS.filter((w) => w.dialects.includes(dialect.name))) {
    describe.skipIf(dialect.skip !== undefined)(
      `answer key: ${size.people} people, seed ${size.seed}${size.coverage ? `, coverage ${size.coverage}` : ""}, on ${dialect.name}`,
      () => {
        let store: StoreConnection;
        let graph: GraphWorld;
        let result: AnalyzeResult;
        let accounts: Map<string, StoredAccount>;
        beforeAll(async () => {
          store = await dialect.open();
          graph = openGraphWorld(store, size);
          const sync = await graph.sync();
          expect(sync.status).toBe("succeeded");
          const imported = await graph.importHr();
          expect(imported).toMatchObject({ status: "succeeded", imported: size.people, problems: [] });
          result = await graph.analyze();
          accounts = new Map((await listAccounts(store.db)).map((a) => [`${a.app}:${a.externalId}`, a]));
        }, 120_000);
        afterAll(async () => {
          graph?.cleanup();
          await store?.close();
        });

        it("reports exactly the planted findings", () => {
          const expected = graph.world.answerKey;
          const { missing, extra } = compareKeys(expected, result.findings);
          // On failure the lists say which planted problem was missed and what was reported wrongly.
          expect({ missing, extra }).toEqual({ missing: [], extra: [] });
          expect(result.findings.length).toBe(expected.length);
        });

        it("dates pending invitations in every app that has them, Productboard included", () => {
          const invites = result.findings.filter((f) => f.kind === "pending-invite");
          expect(new Set(invites.map((f) => f.app))).toEqual(
            new Set(graph.world.answerKey.filter((e) => e.kind === "pending-invite").map((e) => e.app)),
          );
          for (const f of invites) {
            expect(f.evidence.basis).not.toBe("first-seen");
            expect(accounts.get(`${f.app}:${f.externalId}`)?.status).toBe("invited");
          }
        });

        it("covers the correlation traps: case, spaces and aliases link to their owner", () => {
          const orphans = result.findings.filter((f) => f.kind === "orphan");
          for (const f of orphans) {
            const email = f.evidence.account?.email ?? "";
            // An orphan's address is never one HR lists (after trimming and lower-casing).
            const hrAddresses = new Set(
              graph.world.hr.flatMap((p) => [p.email, ...p.aliases]).map((e) => e.trim().toLowerCase()),
            );
            expect(hrAddresses.has(email.trim().toLowerCase())).toBe(false);
          }
          const linkedBy = new Set(
            result.findings.flatMap((f) => (f.evidence.matcher ? [f.evidence.matcher] : [])),
          );
          expect(result.situations.linked).toBeGreaterThan(0);
          expect([...linkedBy].every((m) => ["email", "alias", "username-email"].includes(m))).toBe(true);
        });

        it("keys every finding once", () => {
          const keys = result.findings.map(findingKeyString);
          expect(new Set(keys).size).toBe(keys.length);
        });

        it("stores what it found under its run: one link per linked account, the candidates, the findings", async () => {
          const links = await store.db.selectFrom("links").selectAll().execute();
          expect(links.length).toBe(result.situations.linked);
          for (const link of links) {
            expect(link).toMatchObject({
              run_id: result.runId,
              created_at: result.asOf,
              decision: null,
              evidence: null,
            });
            expect(accounts.has(`${link.app}:${link.account_external_id}`)).toBe(true);
            expect(link.confidence).toBeGreaterThan(0.5);
          }
          expect(new Set(links.map((l) => `${l.app}:${l.account_external_id}`)).size).toBe(links.length);
          // A planted leaver's account is linked to that leaver.
          const leaver = result.findings.find((f) => f.kind === "leaver-active")!;
          expect(
            links.find((l) => l.app === leaver.app && l.account_external_id === leaver.externalId)
              ?.employee_id,
          ).toBe(leaver.evidence.person?.employeeId);
          const candidates = await store.db.selectFrom("link_candidates").selectAll().execute();
          expect(candidates.every((c) => c.run_id === result.runId)).toBe(true);
          const disputed = new Set(
            candidates.filter((c) => c.reason === "disputed").map((c) => `${c.app}:${c.account_external_id}`),
          );
          expect(disputed.size).toBe(result.situations.disputed);
          const stored = await store.db
            .selectFrom("findings")
            .selectAll()
            .where("run_id", "=", result.runId)
            .execute();
          expect(stored.length).toBe(result.findings.length);
          expect(new Set(stored.map((f) => `${f.app}|${f.kind}|${f.external_id ?? f.employee_id}`))).toEqual(
            new Set(result.findings.map((f) => `${f.app}|${f.kind}|${f.externalId ?? f.employeeId}`)),
          );
          expect(JSON.parse(stored[0]!.evidence)).toHaveProperty("summary");
        });
      },
    );
  }
}
