/** The finding rules on hand-made accounts: when each kind fires, its severity and evidence, and what turns it off. */
import { describe, expect, it } from "vitest";
import type { AccountFacts } from "../src/graph/correlation/account-facts.ts";
import { correlate, type ManualDecision } from "../src/graph/correlation/correlate.ts";
import { PersonIndex } from "../src/graph/correlation/person-index.ts";
import { accountFindings, DAY_MS, type FindingRules } from "../src/graph/findings/account-findings.ts";
import type { ActivityKind } from "../src/graph/findings/app-profiles.ts";
import { DuplicateTracker } from "../src/graph/findings/duplicates.ts";
import { account, person } from "./graph-fixtures.ts";

const AS_OF = Date.parse("2026-11-01T12:00:00.000Z");
const ago = (days: number) => new Date(AS_OF - days * DAY_MS).toISOString();

const index = new PersonIndex();
index.add(person("E1", "jane@northwind.example"));
index.add(person("E2", "left@northwind.example", { status: "terminated", endDate: "2026-09-30" }));
index.add(person("E3", "leave@northwind.example", { status: "leave" }));
index.add(person("E4", "stillactive@northwind.example", { endDate: "2026-10-15" }));
index.add(person("E5", "guest@partner.example"));

function rules(overrides: Partial<FindingRules> & { activityKind?: ActivityKind } = {}): FindingRules {
  const { activityKind = "tracked", ...rest } = overrides;
  return {
    asOfMs: AS_OF,
    staleDays: 90,
    inviteDays: 30,
    companyDomains: ["northwind.example"],
    privilegedRoles: undefined,
    activity: () => activityKind,
    firstSeenAt: (run) => (run === "old-run" ? ago(60) : ago(1)),
    ...rest,
  };
}

function judge(a: Partial<AccountFacts>, r: FindingRules = rules(), decision?: ManualDecision) {
  const facts = account({ lastActivityAt: ago(3), createdAt: ago(400), ...a });
  return accountFindings(facts, correlate(facts, index, decision), r);
}
const kinds = (a: Partial<AccountFacts>, r?: FindingRules) =>
  judge(a, r)
    .map((f) => `${f.kind}:${f.severity}`)
    .sort();

describe("identity findings", () => {
  it("say nothing about an employee's ordinary, used account", () => {
    expect(kinds({ email: "jane@northwind.example" })).toEqual([]);
  });

  it("leaver-active: a terminated person's account that can still be used", () => {
    const [f] = judge({ email: "Left@northwind.example" });
    expect(f).toMatchObject({
      kind: "leaver-active",
      app: "podio",
      externalId: "1",
      severity: "critical",
      evidence: {
        person: { employeeId: "E2", status: "terminated", endDate: "2026-09-30" },
        matcher: "email",
        leaverBecause: "terminated, end date 2026-09-30",
        account: { email: "Left@northwind.example", status: "active" },
      },
    });
    expect(f!.evidence.summary).toBe(
      "left@northwind.example belongs to E2 (terminated, end date 2026-09-30) but is still active",
    );
    expect(kinds({ email: "left@northwind.example", status: "deactivated" })).toEqual([]);
    expect(kinds({ email: "left@northwind.example", status: "invited", invitedAt: ago(2) })).toEqual([
      "leaver-active:critical",
    ]);
  });

  it("leave is not leaving; an end date that has passed is", () => {
    expect(kinds({ email: "leave@northwind.example" })).toEqual([]);
    expect(judge({ email: "stillactive@northwind.example" })[0]?.evidence.leaverBecause).toBe(
      "HR still says active, but the end date 2026-10-15 has passed",
    );
  });

  it("orphan and disputed exclude each other; privileged raises them to high", () => {
    expect(kinds({ email: "design-team@northwind.example" })).toEqual(["orphan:medium"]);
    const shared = new PersonIndex();
    shared.add(person("E1", "a@northwind.example", { aliases: ["payroll@northwind.example"] }));
    shared.add(person("E2", "b@northwind.example", { aliases: ["payroll@northwind.example"] }));
    const facts = account({
      email: "payroll@northwind.example",
      lastActivityAt: ago(1),
      privileged: true,
      rolesJson: '["admin"]',
    });
    expect(
      accountFindings(facts, correlate(facts, shared, undefined), rules())
        .map((f) => `${f.kind}:${f.severity}`)
        .sort(),
    ).toEqual(["disputed:high", "privileged:high"]);
  });

  it("a redacted account is an unknown identity, and keeps its role- and status-based findings", () => {
    expect(
      kinds({
        email: "[redacted]",
        privileged: true,
        rolesJson: '["admin"]',
        status: "invited",
        invitedAt: ago(45),
      }),
    ).toEqual(["pending-invite:medium", "privileged:high", "unknown-identity:high"]);
  });

  it("external: an address outside the company's domains (subdomains count as the company's)", () => {
    expect(kinds({ email: "guest@partner.example" })).toEqual(["external:low"]);
    expect(kinds({ email: "someone@eu.northwind.example" })).toEqual(["orphan:medium"]);
    expect(kinds({ email: "guest@partner.example" }, rules({ companyDomains: [] }))).toEqual([]);
    expect(kinds({ email: "x@gmail.example", privileged: true, rolesJson: '["admin"]' })).toEqual([
      "external:high",
      "orphan:high",
      "privileged:high",
    ]);
  });

  it("an ignored account gets no identity findings, but its hygiene findings stay", () => {
    const ignore: ManualDecision = {
      app: "podio",
      externalId: "1",
      decision: "ignore",
      employeeId: null,
      note: "build bot",
      decidedAt: ago(1),
    };
    const found = judge({ email: "bot@ci.example", lastActivityAt: ago(200) }, rules(), ignore);
    expect(found.map((f) => f.kind)).toEqual(["stale"]);
  });
});

describe("hygiene findings", () => {
  const mine = { email: "jane@northwind.example" };

  it("stale: last activity older than staleDays, or never used and created that long ago", () => {
    const [f] = judge({ ...mine, lastActivityAt: ago(120) });
    expect(f).toMatchObject({
      kind: "stale",
      severity: "low",
      evidence: { thresholdDays: 90, days: 120, since: ago(120), basis: "last-activity" },
    });
    expect(judge({ ...mine, lastActivityAt: null, createdAt: ago(200) })[0]?.evidence).toMatchObject({
      basis: "created",
      days: 200,
    });
    expect(kinds({ ...mine, lastActivityAt: ago(89) })).toEqual([]);
    expect(kinds({ ...mine, lastActivityAt: null, createdAt: ago(10) })).toEqual([]);
    expect(kinds({ ...mine, lastActivityAt: ago(120), status: "invited", invitedAt: ago(2) })).toEqual([]);
    expect(kinds({ ...mine, lastActivityAt: ago(120) }, rules({ staleDays: 180 }))).toEqual([]);
  });

  it("an app without an activity field is never stale; one that only sometimes reports it, only on a date", () => {
    expect(
      kinds({ ...mine, lastActivityAt: null, createdAt: ago(900) }, rules({ activityKind: "none" })),
    ).toEqual([]);
    expect(kinds({ ...mine, lastActivityAt: ago(900) }, rules({ activityKind: "none" }))).toEqual([]);
    expect(
      kinds({ ...mine, lastActivityAt: null, createdAt: ago(900) }, rules({ activityKind: "reported" })),
    ).toEqual([]);
    expect(kinds({ ...mine, lastActivityAt: ago(900) }, rules({ activityKind: "reported" }))).toEqual([
      "stale:low",
    ]);
  });

  it("pending-invite: from the invitation, else the creation, else the first sighting", () => {
    const invited = { ...mine, status: "invited" as const, lastActivityAt: null };
    expect(judge({ ...invited, invitedAt: ago(31) })[0]?.evidence).toMatchObject({
      basis: "invited",
      days: 31,
    });
    expect(judge({ ...invited, createdAt: ago(40) })[0]?.evidence).toMatchObject({
      basis: "created",
      days: 40,
    });
    const seen = judge({ ...invited, createdAt: null, firstSeenRun: "old-run" });
    expect(seen[0]?.evidence).toMatchObject({ basis: "first-seen", days: 60 });
    expect(seen[0]?.evidence.summary).toMatch(/at least since roster first saw it 60 days ago/);
    expect(kinds({ ...invited, createdAt: null })).toEqual([]);
    expect(kinds({ ...invited, invitedAt: ago(29) })).toEqual([]);
    expect(kinds({ ...invited, invitedAt: ago(29) }, rules({ inviteDays: 14 }))).toEqual([
      "pending-invite:low",
    ]);
  });

  it("privileged: the connector's flag, or the config's role list for the app", () => {
    expect(kinds({ ...mine, privileged: true, rolesJson: '["admin"]' })).toEqual(["privileged:low"]);
    expect(kinds({ ...mine, privileged: true, rolesJson: '["admin"]', lastActivityAt: ago(100) })).toEqual([
      "privileged:medium",
      "stale:medium",
    ]);
    const custom = rules({ privilegedRoles: { podio: ["Space Owner"] } });
    expect(kinds({ ...mine, privileged: true, rolesJson: '["admin"]' }, custom)).toEqual([]);
    const [f] = judge({ ...mine, rolesJson: '["space owner"]' }, custom);
    expect(f).toMatchObject({ kind: "privileged", evidence: { privilegedBy: "config" } });
    expect(
      kinds(
        { ...mine, rolesJson: '["space owner"]' },
        rules({ privilegedRoles: { other: ["space owner"] } }),
      ),
    ).toEqual([]);
  });

  it("no findings at all on accounts that cannot reach the app", () => {
    for (const status of ["suspended", "deactivated", "archived", "deleted", "unknown"] as const) {
      expect(kinds({ email: "x@gmail.example", status, privileged: true, lastActivityAt: ago(500) })).toEqual(
        [],
      );
    }
  });
});

describe("duplicate", () => {
  it("a person holding two usable accounts in one app, keyed by employee id", () => {
    const tracker = new DuplicateTracker(rules());
    const seen = new Map<string, AccountFacts>();
    const add = (externalId: string, email: string, extra: Partial<AccountFacts> = {}) => {
      const a = account({ externalId, email, ...extra });
      seen.set(externalId, a);
      tracker.add(a, correlate(a, index, undefined));
    };
    add("1", "jane@northwind.example");
    add("2", "JANE@northwind.example", { privileged: true });
    add("3", "jane@northwind.example", { status: "deactivated" });
    add("4", "guest@partner.example");
    expect(tracker.duplicatedIds()).toEqual(["1", "2"]);
    const [f, ...rest] = tracker.take("podio", seen);
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ kind: "duplicate", app: "podio", employeeId: "E1", severity: "medium" });
    expect(f!.externalId).toBeUndefined();
    expect(f!.evidence.accounts?.map((a) => a.externalId)).toEqual(["1", "2"]);
    expect(f!.evidence.accounts?.map((a) => a.matcher)).toEqual(["email", "email"]);
    expect(tracker.take("podio", seen)).toEqual([]);
  });
});
