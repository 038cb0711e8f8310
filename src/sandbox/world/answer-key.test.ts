/**
 * The answer key against the generated state, read the way roster reads it: by the per-app status mapping
 * (appAccounts) and by matching trimmed, lower-cased addresses to HR. Each check goes both ways: every key entry
 * is justified by the state, and every problem in the state is in the key.
 */
import { describe, expect, it } from "vitest";
import { FINDING_KINDS, findingKeyString } from "../../core/finding.ts";
import { normaliseEmail } from "../../core/person.ts";
import { appAccounts, type WorldAccount } from "./accounts.ts";
import { sortAnswerKey } from "./answer-key.ts";
import { generateWorld } from "./generate.ts";
import { APP_NAMES, type AppName, type World } from "./types.ts";

const DAY = 86_400_000;

function byAddress(world: World): Map<string, Set<string>> {
  const index = new Map<string, Set<string>>();
  for (const person of world.hr) {
    for (const address of [person.email, ...person.aliases]) {
      const key = normaliseEmail(address);
      const holders = index.get(key) ?? new Set<string>();
      holders.add(person.employeeId);
      index.set(key, holders);
    }
  }
  return index;
}

const capable = (a: WorldAccount) => a.status === "active" || a.status === "invited";

/** What a careful reader of the state would report for one app, with the same semantics as the key. */
function expectedFindings(world: World, app: AppName): Set<string> {
  const asOf = Date.parse(world.asOf);
  const { staleDays, inviteDays } = world.thresholds;
  const index = byAddress(world);
  const people = new Map(world.hr.map((p) => [p.employeeId, p]));
  const domains = new Set(world.company.domains);
  const found = new Set<string>();
  const linked = new Map<string, number>();
  const add = (kind: (typeof FINDING_KINDS)[number], externalId: string) =>
    found.add(findingKeyString({ kind, app, externalId }));
  for (const account of appAccounts(world, app)) {
    if (!capable(account)) continue;
    const email = normaliseEmail(account.email);
    if (account.redacted) {
      add("unknown-identity", account.externalId);
    } else {
      const holders = index.get(email);
      if (holders === undefined) add("orphan", account.externalId);
      else if (holders.size > 1) add("disputed", account.externalId);
      else {
        const [employeeId] = [...holders];
        if (people.get(employeeId!)!.status === "terminated") add("leaver-active", account.externalId);
        linked.set(employeeId!, (linked.get(employeeId!) ?? 0) + 1);
      }
      if (!domains.has(email.slice(email.lastIndexOf("@") + 1))) add("external", account.externalId);
    }
    if (account.activityTracked && account.status === "active") {
      const since = account.lastActivityAt ?? account.createdAt;
      if (asOf - Date.parse(since) > staleDays * DAY) add("stale", account.externalId);
    }
    if (account.status === "invited" && asOf - Date.parse(account.invitedAt!) > inviteDays * DAY) {
      add("pending-invite", account.externalId);
    }
    if (account.privileged) add("privileged", account.externalId);
  }
  for (const [employeeId, count] of linked) {
    if (count > 1) found.add(findingKeyString({ kind: "duplicate", app, employeeId }));
  }
  return found;
}

describe.each([
  [50, 3, undefined],
  [1200, 11, undefined],
  [400, 5, 0.9],
])("answer key of a %i-person world (seed %i, coverage %s)", (people, seed, coverage) => {
  const world = generateWorld({ people, seed, ...(coverage === undefined ? {} : { coverage }) });

  it("has no repeated entries and names only known apps, kinds and people", () => {
    const keys = world.answerKey.map(findingKeyString);
    expect(new Set(keys).size).toBe(keys.length);
    const employees = new Set(world.hr.map((p) => p.employeeId));
    for (const entry of world.answerKey) {
      expect(APP_NAMES).toContain(entry.app);
      expect(FINDING_KINDS).toContain(entry.kind);
      if (entry.kind === "duplicate") {
        expect(entry.externalId).toBeUndefined();
        expect(employees.has(entry.employeeId!)).toBe(true);
      } else {
        expect(entry.employeeId).toBeUndefined();
      }
    }
  });

  it("is sorted by app, kind and id", () => {
    const sorted = sortAnswerKey([...world.answerKey].reverse());
    expect(sorted.map(findingKeyString)).toEqual(world.answerKey.map(findingKeyString));
    const apps = world.answerKey.map((e) => APP_NAMES.indexOf(e.app as AppName));
    expect(apps).toEqual([...apps].sort((x, y) => x - y));
  });

  it("keys only accounts that exist and can still reach the app", () => {
    for (const app of APP_NAMES) {
      const accounts = new Map(appAccounts(world, app).map((a) => [a.externalId, a]));
      for (const entry of world.answerKey.filter((e) => e.app === app && e.externalId !== undefined)) {
        const account = accounts.get(entry.externalId!);
        expect(account, `${entry.kind} ${app} ${entry.externalId}`).toBeDefined();
        expect(["active", "invited"]).toContain(account!.status);
        if (entry.kind === "stale") expect(account!.status).toBe("active");
        if (entry.kind === "pending-invite") expect(account!.status).toBe("invited");
        if (entry.kind === "privileged") expect(account!.privileged).toBe(true);
        if (entry.kind === "unknown-identity") expect(account!.redacted).toBe(true);
      }
    }
  });

  it.each(APP_NAMES)("matches what the %s state shows, both ways", (app) => {
    const keyed = new Set(world.answerKey.filter((e) => e.app === app).map(findingKeyString));
    const expected = expectedFindings(world, app);
    expect([...keyed].filter((k) => !expected.has(k))).toEqual([]);
    expect([...expected].filter((k) => !keyed.has(k))).toEqual([]);
  });

  it("plants every applicable kind in every app", () => {
    const kinds = (app: AppName) => new Set(world.answerKey.filter((e) => e.app === app).map((e) => e.kind));
    const common = ["leaver-active", "orphan", "disputed", "external", "privileged", "duplicate"] as const;
    for (const app of APP_NAMES)
      for (const kind of common) expect(kinds(app), `${app} ${kind}`).toContain(kind);
    for (const app of ["productive", "proofhub", "podio", "docebo"] as const)
      expect(kinds(app)).toContain("stale");
    for (const app of ["productboard", "productive", "proofhub", "podio"] as const) {
      expect(kinds(app)).toContain("pending-invite");
    }
    expect(kinds("productboard")).toContain("unknown-identity");
    expect(kinds("productboard")).not.toContain("stale");
    expect(kinds("docebo")).not.toContain("pending-invite");
  });

  it("plants correlation traps that must not become orphans", () => {
    const index = byAddress(world);
    let caseOrSpace = 0;
    let alias = 0;
    for (const app of APP_NAMES) {
      for (const account of appAccounts(world, app)) {
        const holders = index.get(normaliseEmail(account.email));
        if (holders?.size !== 1) continue;
        const person = world.hr.find((p) => p.employeeId === [...holders][0])!;
        if (account.email !== normaliseEmail(account.email)) caseOrSpace++;
        if (normaliseEmail(account.email) !== person.email) alias++;
      }
    }
    expect(caseOrSpace).toBeGreaterThanOrEqual(APP_NAMES.length * 2);
    expect(alias).toBeGreaterThanOrEqual(APP_NAMES.length * 2);
  });

  it("keeps planted problems a minority of accounts", () => {
    if (people < 1000) return;
    for (const app of APP_NAMES) {
      const accounts = appAccounts(world, app).length;
      const problems = new Set(
        world.answerKey
          .filter((e) => e.app === app && e.externalId && e.kind !== "privileged" && e.kind !== "stale")
          .map((e) => e.externalId),
      );
      expect(problems.size / accounts, app).toBeLessThan(0.08);
    }
  });
});
