/** The views a report is built from: a person across apps, an app's accounts, and the people × apps matrix. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type AnalyzeResult,
  accessMatrix,
  appView,
  LookupError,
  personView,
  recordDecision,
} from "../src/graph/index.ts";
import { openStore, type StoreConnection } from "../src/store/connect.ts";
import { type GraphWorld, openGraphWorld } from "./graph-harness.ts";

describe("views over a synced, imported and analysed company", () => {
  let store: StoreConnection;
  let graph: GraphWorld;
  let result: AnalyzeResult;

  beforeAll(async () => {
    store = await openStore({ sqlitePath: ":memory:" });
    graph = openGraphWorld(store, { people: 150, seed: 7 });
    await graph.sync();
    await graph.importHr();
    result = await graph.analyze();
  }, 120_000);
  afterAll(async () => {
    graph?.cleanup();
    await store?.close();
  });

  it("personView: every account of a person, how it was linked, its groups and findings", async () => {
    const duplicate = result.findings.find((f) => f.kind === "duplicate")!;
    const view = await personView(store.db, duplicate.employeeId!);
    expect(view.person.employeeId).toBe(duplicate.employeeId);
    expect(view.analysis?.id).toBe(result.runId);
    expect(view.findings.map((f) => f.kind)).toEqual(["duplicate"]);
    const inApp = view.accounts.filter((a) => a.account.app === duplicate.app);
    expect(inApp.length).toBeGreaterThanOrEqual(2);
    for (const a of view.accounts) {
      expect(a.link).toMatchObject({ situation: "linked", employeeId: duplicate.employeeId, analyzed: true });
      expect(["email", "alias", "username-email"]).toContain(a.link.matcher);
      expect(a.link.matchedOn).toBeTruthy();
    }
    // The same person by address, and by alias.
    const byEmail = await personView(store.db, ` ${view.person.email.toUpperCase()} `);
    expect(byEmail.person.employeeId).toBe(duplicate.employeeId);
    const withAlias = graph.world.hr.find((p) => p.aliases.length === 1 && p.status === "active")!;
    expect((await personView(store.db, withAlias.aliases[0]!)).person.employeeId).toBe(withAlias.employeeId);
    // Groups come along with each account.
    const someone = graph.world.hr.find((p) => p.status === "active" && p.department === "Engineering")!;
    const grants = (await personView(store.db, someone.employeeId)).accounts.flatMap((a) => a.grants);
    expect(grants.length).toBeGreaterThan(0);
    expect(grants.every((g) => g.groupName !== null)).toBe(true);
  });

  it("personView: a disputed address lists both people as candidates, and asks for the employee id", async () => {
    const disputed = result.findings.find((f) => f.kind === "disputed")!;
    const [a, b] = disputed.evidence.candidates!;
    for (const candidate of [a!, b!]) {
      const view = await personView(store.db, candidate.employeeId);
      expect(view.candidateFor.map((c) => [c.account.externalId, c.candidate.reason])).toContainEqual([
        disputed.externalId,
        "disputed",
      ]);
    }
    await expect(personView(store.db, a!.on)).rejects.toThrow(
      new LookupError(
        `${a!.on} belongs to 2 people (${a!.employeeId}, ${b!.employeeId}): give the employee id instead`,
      ),
    );
    await expect(personView(store.db, "E999999")).rejects.toThrow(/^no person with employee id "E999999"/);
  });

  it("appView: each account with its person or its situation, counted", async () => {
    const view = await appView(store.db, "podio");
    const analysed = result.apps.find((a) => a.app === "podio")!;
    expect(view.counts.accounts).toBe(analysed.accounts);
    expect(view.counts.bySituation).toEqual(analysed.situations);
    expect(view.counts.findings).toEqual(analysed.findings);
    const orphan = result.findings.find((f) => f.app === "podio" && f.kind === "orphan")!;
    const row = view.accounts.find((a) => a.account.externalId === orphan.externalId)!;
    expect(row).toMatchObject({ person: null, link: { situation: "unmatched" } });
    expect(row.findings.map((f) => f.kind)).toContain("orphan");
    // The case and spaces traps: the stored address differs from HR, the account is still linked to its owner.
    const traps = view.accounts.filter(
      (a) => a.account.email !== null && a.account.email !== a.account.email.trim().toLowerCase(),
    );
    expect(traps.length).toBeGreaterThan(0);
    const hr = new Map(graph.world.hr.map((p) => [p.employeeId, p]));
    for (const t of traps.filter((t) => t.link.situation !== "disputed")) {
      expect(t.link.situation).toBe("linked");
      const owner = hr.get(t.link.employeeId!)!;
      expect([owner.email, ...owner.aliases]).toContain(t.account.email!.trim().toLowerCase());
    }
  });

  it("accessMatrix: people × apps, and the accounts that belong to no one", async () => {
    const matrix = await accessMatrix(store.db);
    expect(matrix.apps).toEqual(["docebo", "podio", "productboard", "productive", "proofhub"]);
    const live = graph.world.hr.length;
    expect(matrix.rows.length).toBe(live);
    const linkedCells = matrix.rows.reduce(
      (n, r) => n + Object.values(r.cells).reduce((m, c) => m + c.accounts.length, 0),
      0,
    );
    expect(linkedCells).toBe(result.situations.linked);
    const leaver = result.findings.find((f) => f.kind === "leaver-active")!;
    const row = matrix.rows.find((r) => r.person.employeeId === leaver.evidence.person!.employeeId)!;
    expect(row.cells[leaver.app]).toMatchObject({ access: true });
    expect(row.cells[leaver.app]!.findings).toContain("leaver-active");
    for (const app of matrix.apps) {
      const situations = result.apps.find((a) => a.app === app)!.situations;
      expect(matrix.unlinked[app]!.unmatched ?? 0).toBe(situations.unmatched);
      expect(matrix.unlinked[app]!.disputed ?? 0).toBe(situations.disputed);
    }
  });

  it("shows a manual decision at once, before the next analysis", async () => {
    const orphan = result.findings.find((f) => f.app === "proofhub" && f.kind === "orphan")!;
    const someone = graph.world.hr[5]!;
    await recordDecision(store.db, {
      app: "proofhub",
      externalId: orphan.externalId!,
      decision: "link",
      employeeId: someone.employeeId,
    });
    const view = await personView(store.db, someone.employeeId);
    const row = view.accounts.find((a) => a.account.externalId === orphan.externalId)!;
    expect(row.link).toMatchObject({
      situation: "linked",
      matcher: "manual",
      decision: { decision: "link" },
    });
  });
});
