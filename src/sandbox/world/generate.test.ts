import { describe, expect, it } from "vitest";
import { normaliseEmail } from "../../core/person.ts";
import { appAccounts } from "./accounts.ts";
import { generateWorld } from "./generate.ts";
import { worldSummary } from "./summary.ts";
import { APP_NAMES, type World } from "./types.ts";

const credentialValues = (world: World) =>
  APP_NAMES.flatMap((app) => Object.values(world.apps[app].credentials).map((v) => String(v)));

describe("generateWorld", () => {
  const world = generateWorld({ people: 2000, seed: 42 });

  it("is a pure function of its options", () => {
    expect(JSON.stringify(generateWorld({ people: 2000, seed: 42 }))).toBe(JSON.stringify(world));
  });

  it("gives another company for another seed", () => {
    const other = generateWorld({ people: 2000, seed: 43 });
    expect(other.hr[1]!.email === world.hr[1]!.email && other.hr[2]!.email === world.hr[2]!.email).toBe(
      false,
    );
    expect(other.apps.productboard.credentials.restToken).not.toBe(
      world.apps.productboard.credentials.restToken,
    );
    expect(other.answerKey).not.toEqual(world.answerKey);
  });

  it("with no people has empty HR and apps but complete credentials", () => {
    const empty = generateWorld({ people: 0, seed: 5 });
    expect(empty.hr).toEqual([]);
    expect(empty.answerKey).toEqual([]);
    for (const app of APP_NAMES) expect(appAccounts(empty, app)).toEqual([]);
    expect(empty.apps.productive.people).toEqual([]);
    expect(empty.apps.productive.users).toEqual([]);
    expect(empty.apps.productboard.teams).toEqual([]);
    expect(empty.apps.podio.spaces).toEqual([]);
    expect(empty.apps.docebo.branches).toEqual([]);
    for (const value of credentialValues(empty)) expect(value.length).toBeGreaterThan(0);
    expect(credentialValues(empty)).toEqual(credentialValues(generateWorld({ people: 0, seed: 5 })));
  });

  it("gives each app and token kind its own credential", () => {
    const secrets = credentialValues(world).filter((v) => v.length >= 24);
    expect(secrets.length).toBeGreaterThanOrEqual(12);
    expect(new Set(secrets).size).toBe(secrets.length);
    const pb = world.apps.productboard.credentials;
    expect(pb.restToken).toMatch(/^pb_rest_[0-9a-f]{40}$/);
    expect(pb.scimToken).toMatch(/^pb_scim_[0-9a-f]{40}$/);
    expect(
      world.apps.productive.users.every(
        (u) => u.default_organization_id === Number(world.apps.productive.credentials.organizationId),
      ),
    ).toBe(true);
  });

  it("builds a company: unique ids and addresses, a manager hierarchy under one CEO", () => {
    const ids = new Set(world.hr.map((p) => p.employeeId));
    expect(ids.size).toBe(world.hr.length);
    const ceo = world.hr.filter((p) => p.managerId === null);
    expect(ceo).toHaveLength(1);
    expect(ceo[0]!.title).toBe("Chief Executive Officer");
    for (const person of world.hr)
      if (person.managerId !== null) expect(ids.has(person.managerId)).toBe(true);
    // Everyone reaches the CEO (no cycles).
    const manager = new Map(world.hr.map((p) => [p.employeeId, p.managerId]));
    for (const person of world.hr.slice(0, 300)) {
      let at: string | null = person.employeeId;
      for (let hops = 0; at !== null && hops < 10; hops++) at = manager.get(at) ?? null;
      expect(at).toBeNull();
    }
    expect(new Set(world.hr.map((p) => p.department)).size).toBeGreaterThanOrEqual(18);
    const primaries = world.hr.map((p) => p.email);
    expect(new Set(primaries).size).toBe(primaries.length);
    for (const email of primaries) expect(email).toMatch(/^[a-z0-9]+\.[a-z0-9]+\d*@northwind\.example$/);
    expect(world.hr.filter((p) => p.aliases.length > 0).length / world.hr.length).toBeGreaterThan(0.2);
  });

  it("has realistic statuses and dates", () => {
    const { hr } = worldSummary(world);
    expect(hr.active / world.hr.length).toBeGreaterThan(0.82);
    expect(hr.active / world.hr.length).toBeLessThan(0.92);
    expect(hr.leave / world.hr.length).toBeGreaterThan(0.01);
    expect(hr.terminated / world.hr.length).toBeGreaterThan(0.06);
    expect(hr.terminated / world.hr.length).toBeLessThan(0.14);
    for (const person of world.hr) {
      expect(person.startDate <= world.asOf.slice(0, 10)).toBe(true);
      if (person.status === "terminated") {
        expect(person.endDate).not.toBeNull();
        expect(person.endDate! < world.asOf.slice(0, 10)).toBe(true);
        expect(person.endDate! > person.startDate).toBe(true);
      } else {
        expect(person.endDate).toBeNull();
      }
    }
  });

  it("covers a different share of people in each app, with no repeated ids or addresses within an app", () => {
    const people = world.hr.length;
    const share = (app: (typeof APP_NAMES)[number]) => appAccounts(world, app).length / people;
    expect(share("productboard")).toBeGreaterThan(0.25);
    expect(share("productboard")).toBeLessThan(0.45);
    expect(share("docebo")).toBeGreaterThan(0.7);
    for (const app of APP_NAMES) {
      const accounts = appAccounts(world, app);
      expect(new Set(accounts.map((a) => a.externalId)).size, app).toBe(accounts.length);
      const addresses = accounts.map((a) => normaliseEmail(a.email));
      expect(new Set(addresses).size, app).toBe(addresses.length);
      const roleShare = accounts.filter((a) => a.privileged).length / accounts.length;
      expect(roleShare, app).toBeGreaterThan(0);
      expect(roleShare, app).toBeLessThan(0.05);
    }
  });

  it("gives each app the coverage asked for, and leaves the default world unchanged by the option", () => {
    const dense = generateWorld({ people: 2000, seed: 9, coverage: 0.8 });
    for (const app of APP_NAMES) {
      const share = appAccounts(dense, app).length / 2000;
      expect(share, app).toBeGreaterThan(0.7);
      expect(share, app).toBeLessThan(0.9);
    }
    const some = generateWorld({ people: 2000, seed: 9, coverage: { podio: 0.1 } });
    expect(appAccounts(some, "podio").length / 2000).toBeLessThan(0.15);
    const plain = generateWorld({ people: 2000, seed: 9 });
    expect(appAccounts(some, "docebo")).toEqual(appAccounts(plain, "docebo"));
    expect(JSON.stringify(generateWorld({ people: 300, seed: 9, coverage: {} }))).toBe(
      JSON.stringify(generateWorld({ people: 300, seed: 9 })),
    );
  });

  it("rejects a coverage outside 0.01–0.95 or naming an unknown app", () => {
    expect(() => generateWorld({ people: 10, seed: 1, coverage: 1 })).toThrow(/from 0.01 to 0.95/);
    expect(() => generateWorld({ people: 10, seed: 1, coverage: { podio: 0 } })).toThrow(/podio/);
    expect(() => generateWorld({ people: 10, seed: 1, coverage: { slack: 0.5 } as never })).toThrow(
      /unknown app: slack/,
    );
  });

  it("keeps each app's own references consistent", () => {
    const { productboard, productive, proofhub, podio, docebo } = world.apps;
    const pbIds = new Set(productboard.members.map((m) => m.id));
    for (const team of productboard.teams) for (const id of team.memberIds) expect(pbIds.has(id)).toBe(true);

    const userIds = new Set(productive.users.map((u) => u.id));
    const roleIds = new Set(productive.roles.map((r) => r.id));
    for (const p of productive.people) {
      expect(roleIds.has(p.role_id)).toBe(true);
      if (p.user_id !== null) expect(userIds.has(String(p.user_id))).toBe(true);
      if (p.person_type === 1 && p.joined_at !== null) expect(p.user_id).not.toBeNull();
      expect(p.is_user).toBe(p.user_id !== null);
    }
    expect(productive.people.some((p) => p.person_type === 2)).toBe(true);
    expect(productive.people.some((p) => p.person_type === 3)).toBe(true);

    const phRoles = new Set(proofhub.roles.map((r) => r.id));
    for (const person of proofhub.people) {
      expect(phRoles.has(person.role.id)).toBe(true);
      for (const g of person.groups)
        expect(proofhub.groups.find((x) => x.id === g)!.assigned).toContain(person.id);
      for (const p of person.projects)
        expect(proofhub.projects.find((x) => x.id === p)!.assigned).toContain(person.id);
    }

    const podioUsers = new Set(podio.members.map((m) => m.user_id));
    for (const space of podio.spaces)
      for (const m of space.members) expect(podioUsers.has(m.user_id)).toBe(true);
    expect(podio.members.some((m) => !m.employee)).toBe(true);

    const doceboUsers = new Set(docebo.users.map((u) => u.user_id));
    for (const u of docebo.users) if (u.manager_id !== null) expect(doceboUsers.has(u.manager_id)).toBe(true);
    expect(docebo.users.some((u) => u.manager_id !== null)).toBe(true);
    for (const b of docebo.branches) for (const id of b.userIds) expect(doceboUsers.has(id)).toBe(true);
    for (const g of docebo.groups) for (const id of g.userIds) expect(doceboUsers.has(id)).toBe(true);
    expect(docebo.users.every((u) => u.status === "0" || u.status === "1")).toBe(true);
  });

  it("rejects options it cannot honour", () => {
    expect(() => generateWorld({ people: -1, seed: 1 })).toThrow(/people/);
    expect(() => generateWorld({ people: 1.5, seed: 1 })).toThrow(/people/);
    expect(() => generateWorld({ people: 1, seed: -2 })).toThrow(/seed/);
    expect(() => generateWorld({ people: 1, seed: 1, asOf: "yesterday" })).toThrow(/asOf/);
    expect(() => generateWorld({ people: 1, seed: 1, asOf: "2015-06-01T00:00:00Z" })).toThrow(
      /asOf must be between/,
    );
    expect(() => generateWorld({ people: 1, seed: 1, domains: [] })).toThrow(/domains/);
  });

  it("uses the given instant and domains", () => {
    const custom = generateWorld({
      people: 300,
      seed: 9,
      asOf: "2030-01-15T12:00:00Z",
      domains: ["acme.test"],
    });
    expect(custom.asOf).toBe("2030-01-15T12:00:00.000Z");
    expect(custom.company).toEqual({ name: "Acme", domains: ["acme.test"] });
    for (const person of custom.hr) {
      expect(person.email.endsWith("@acme.test")).toBe(true);
      expect(person.startDate <= "2030-01-15").toBe(true);
    }
    expect(custom.answerKey.some((e) => e.kind === "leaver-active")).toBe(true);
  });

  it("generates 20,000 people with the expected counts", () => {
    const big = generateWorld({ people: 20_000, seed: 1 });
    const summary = worldSummary(big);
    expect(summary.people).toBe(20_000);
    expect(summary.apps.docebo.accounts).toBeGreaterThan(14_000);
    expect(summary.apps.productive.accounts).toBeGreaterThan(10_000);
    for (const app of APP_NAMES) expect(summary.findings.byApp[app]).toBeGreaterThan(50);
    expect(summary.findings.byKind.disputed).toBeGreaterThanOrEqual(10);
  });
});
