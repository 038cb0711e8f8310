/**
 * The Productive.io connector against its sandbox, in-process and on virtual time, through the real sync into a
 * throw-away SQLite store: what is stored must equal the sandbox's own state — healthy, under faults, after page
 * drift — and a failed or empty listing must never mark anything gone.
 */
import pino from "pino";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { ProductiveConfig } from "../../src/config/schema.ts";
import type { Connector } from "../../src/connectors/contract.ts";
import {
  createProductiveConnector,
  PRODUCTIVE_BUDGET,
  PRODUCTIVE_MAX_PAGE_SIZE,
  type ProductiveConnectorConfig,
} from "../../src/connectors/productive/index.ts";
import { HttpError } from "../../src/http/index.ts";
import { type VirtualTime, virtualTime } from "../../src/http/testing/virtual-time.ts";
import { ManualClock } from "../../src/sandbox/kit/clock.ts";
import type { FaultInput } from "../../src/sandbox/kit/faults.ts";
import type { FetchLike } from "../../src/sandbox/kit/transport.ts";
import {
  createProductiveSandbox,
  type ProductiveSandbox,
  type ProductiveSandboxOptions,
} from "../../src/sandbox/productive/index.ts";
import { generateWorld, type ProductiveState } from "../../src/sandbox/world/index.ts";
import { goneButLive, type Stored, SyncHarness } from "../support/sync-harness.ts";

const APP = "productive";
const BASE_URL = "https://api.productive.io/api/v2";
/** Small pages so a ~100-account organization spans several pages. */
const KNOB_PAGE = 20;
const KNOBS: Partial<ProductiveSandboxOptions> = { maxPageSize: KNOB_PAGE, defaultPageSize: 10 };

let small: ProductiveState;
/** ~105 accounts, ~102 logins: six pages each with the page knobs. */
let medium: ProductiveState;
/** ~624 accounts, ~606 logins: four pages each at the real maximum of 200. */
let large: ProductiveState;

beforeAll(() => {
  small = withEdgeCases(generateWorld({ people: 60, seed: 3 }).apps.productive);
  medium = generateWorld({ people: 150, seed: 4 }).apps.productive;
  large = generateWorld({ people: 1000, seed: 5 }).apps.productive;
});

/**
 * The small world plus what the generator does not plant: an archived person who was never deactivated, a sysadmin
 * login, and a login whose e-mail differs from its person's.
 */
function withEdgeCases(state: ProductiveState): ProductiveState {
  const people = state.people.map((p) => ({ ...p }));
  const users = state.users.map((u) => ({ ...u }));
  const joined = people.filter((p) => p.person_type === 1 && p.user_id !== null && !p.deactivated_at);
  const [archived, sysadmin, renamed] = joined;
  archived!.archived_at = "2026-01-05T10:00:00.000+01:00";
  users.find((u) => u.id === String(sysadmin!.user_id))!.sysadmin = true;
  users.find((u) => u.id === String(renamed!.user_id))!.email = "login.elsewhere@example.org";
  return { ...state, people, users };
}

// ------------------------------------------------------------------ rig

interface Rig {
  sandbox: ProductiveSandbox;
  time: VirtualTime;
  harness: SyncHarness;
  logs: string[];
  /** A fresh connector (one per sync, as the runtime builds them). */
  connector(options?: { config?: Partial<ProductiveConnectorConfig>; fetch?: FetchLike }): Connector;
  sync(options?: {
    config?: Partial<ProductiveConnectorConfig>;
    fetch?: FetchLike;
  }): ReturnType<SyncHarness["sync"]>;
}

const harnesses: SyncHarness[] = [];
afterEach(async () => {
  for (const harness of harnesses.splice(0)) await harness.close();
});

async function rig(
  state: ProductiveState,
  sandboxOptions: Partial<ProductiveSandboxOptions> = {},
): Promise<Rig> {
  const clock = new ManualClock();
  const sandbox = createProductiveSandbox({ state, clock, ...sandboxOptions });
  const time = virtualTime({ clock });
  const harness = await SyncHarness.open();
  harnesses.push(harness);
  const logs: string[] = [];
  const logger = pino({ level: "trace" }, { write: (line: string) => logs.push(line) });
  const connector: Rig["connector"] = (options = {}) => {
    const config = ProductiveConfig.parse({
      type: "productive",
      baseUrl: BASE_URL,
      token: state.credentials.token,
      organizationId: state.credentials.organizationId,
      roles: state.roles,
      ...options.config,
    });
    return createProductiveConnector(APP, config, {
      fetch: options.fetch ?? sandbox.fetch,
      logger,
      clock: time.clock,
      sleep: time.sleep,
    });
  };
  return {
    sandbox,
    time,
    harness,
    logs,
    connector,
    sync: (options) => harness.sync(APP, connector(options)),
  };
}

// ------------------------------------------------------------------ what the sandbox holds, independently mapped

const iso = (value: string | null) => (value === null ? null : new Date(value).toISOString());

interface Expected {
  accounts: Record<string, unknown>[];
  groups: string[];
  grants: string[];
}

/** The sandbox's live state, mapped by the rules of the brief (privileged from the roles' own `admin` flag). */
function expectedFrom(sandbox: ProductiveSandbox): Expected {
  const state = sandbox.state.snapshot();
  const roles = new Map(state.roles.map((role) => [role.id, role]));
  const users = new Map(state.users.map((user) => [user.id, user]));
  const accountPeople = state.people.filter((p) => p.person_type === 1);
  const accounts = accountPeople
    .map((p) => {
      const role = roles.get(p.role_id)!;
      const user = p.user_id === null ? undefined : users.get(String(p.user_id));
      const status =
        p.archived_at !== null
          ? "archived"
          : p.deactivated_at !== null
            ? "deactivated"
            : p.invited_at !== null && p.joined_at === null
              ? "invited"
              : "active";
      return {
        externalId: p.id,
        username: user?.email ?? null,
        email: p.email,
        firstName: p.first_name,
        lastName: p.last_name,
        displayName: `${p.first_name} ${p.last_name}`,
        status,
        roles: [role.name, ...(user?.sysadmin ? ["sysadmin"] : [])],
        privileged: role.admin || user?.sysadmin === true,
        lastActivityAt: iso(p.last_seen_at),
        createdAt: iso(p.created_at),
        invitedAt: iso(p.invited_at),
      };
    })
    .sort((a, b) => a.externalId.localeCompare(b.externalId));
  const groups = state.roles.map((r) => `role:${r.id}:${r.name}`).sort();
  const grants = accountPeople.map((p) => `${p.id}:role:${p.role_id}`).sort();
  return { accounts, groups, grants };
}

function actualFrom(stored: Stored): Expected {
  return {
    accounts: stored.accounts
      .map((a) => ({
        externalId: a.externalId,
        username: a.username,
        email: a.email,
        firstName: a.firstName,
        lastName: a.lastName,
        displayName: a.displayName,
        status: a.status,
        roles: a.roles,
        privileged: a.privileged,
        lastActivityAt: a.lastActivityAt,
        createdAt: a.createdAt,
        invitedAt: a.invitedAt,
      }))
      .sort((a, b) => a.externalId.localeCompare(b.externalId)),
    groups: stored.groups.map((g) => `${g.kind}:${g.externalId}:${g.name}`).sort(),
    grants: stored.grants.map((g) => `${g.accountExternalId}:${g.groupKind}:${g.groupExternalId}`).sort(),
  };
}

async function expectMirrorsSandbox(r: Rig): Promise<void> {
  const actual = actualFrom(await r.harness.stored(APP));
  const expected = expectedFrom(r.sandbox);
  expect(actual.accounts).toEqual(expected.accounts);
  expect(actual.groups).toEqual(expected.groups);
  expect(actual.grants).toEqual(expected.grants);
}

/** Nothing marked gone may still exist in the sandbox. */
async function expectNothingLiveMarkedGone(r: Rig): Promise<void> {
  const expected = expectedFrom(r.sandbox);
  const gone = goneButLive(await r.harness.stored(APP, true), {
    accounts: expected.accounts.map((a) => String(a.externalId)),
    groups: expected.groups.map((g) => g.split(":").slice(0, 2).join(":")),
    grants: expected.grants,
  });
  expect(gone.accounts).toEqual([]);
  expect(gone.groups).toEqual([]);
  expect(gone.grants).toEqual([]);
}

/** The benchmark's minimum for one endpoint: ceil(records ÷ max page size), at least one request. */
const minimum = (records: number, pageSize: number) => Math.max(1, Math.ceil(records / pageSize));

/** Path and decoded query of each request the sandbox served. */
function served(r: Rig, limit = 1000): { path: string; query: Record<string, string> }[] {
  return r.sandbox.ctx.log
    .recent(limit)
    .map((e) => ({ path: e.path, query: Object.fromEntries(new URLSearchParams(e.query)) }));
}

async function first<T>(iterable: AsyncIterable<T>): Promise<T> {
  for await (const item of iterable) return item;
  throw new Error("empty listing");
}

// ------------------------------------------------------------------ 1. exact mirror

describe("productive connector: a sync mirrors the sandbox exactly", () => {
  it("small world: every account (user-type people only, all statuses), login, role, group and grant", async () => {
    const r = await rig(small);
    const result = await r.sync();
    expect(result.status).toBe("succeeded");
    await expectMirrorsSandbox(r);

    const stored = await r.harness.stored(APP);
    expect(new Set(stored.accounts.map((a) => a.status))).toEqual(
      new Set(["active", "invited", "deactivated", "archived"]),
    );
    // Contacts and placeholders exist but are not accounts.
    const people = r.sandbox.state.snapshot().people;
    expect(people.some((p) => p.person_type !== 1)).toBe(true);
    expect(stored.accounts.length).toBe(people.filter((p) => p.person_type === 1).length);
    // The planted edge cases came through: archived without deactivation, sysadmin, a login's own e-mail.
    expect(stored.accounts.filter((a) => a.roles.includes("sysadmin"))).toHaveLength(1);
    expect(stored.accounts.some((a) => a.privileged && a.roles.includes("Administrator"))).toBe(true);
    expect(stored.accounts.find((a) => a.username === "login.elsewhere@example.org")?.email).not.toBe(
      "login.elsewhere@example.org",
    );
    expect(stored.grants.every((g) => g.groupKind === "role" && !g.derived)).toBe(true);
    // One users page, one people page — nothing else.
    expect(result.apps[0]!.stats.requests).toBe(2);
    expect(served(r)).toEqual([
      { path: "/api/v2/users", query: { "page[number]": "1", "page[size]": "200" } },
      {
        path: "/api/v2/people",
        query: {
          "filter[person_type]": "1",
          "filter[status]": "1,2",
          "page[number]": "1",
          "page[size]": "200",
        },
      },
    ]);
  });

  it("multi-page world (page knobs): every page once, the minimum request count, no 429", async () => {
    const r = await rig(medium, KNOBS);
    const state = r.sandbox.state.snapshot();
    const accounts = state.people.filter((p) => p.person_type === 1).length;
    expect(accounts).toBeGreaterThan(4 * KNOB_PAGE);

    const result = await r.sync();
    expect(result.status).toBe("succeeded");
    await expectMirrorsSandbox(r);

    const app = result.apps[0]!;
    const peoplePages = minimum(accounts, KNOB_PAGE);
    const userPages = minimum(state.users.length, KNOB_PAGE);
    expect(app.listings.accounts.pages).toBe(peoplePages);
    expect(app.stats.requests).toBe(peoplePages + userPages);
    expect(app.stats).toMatchObject({ rateLimited: 0, retries: 0 });
    const log = served(r);
    expect(log.filter((e) => e.path === "/api/v2/people").map((e) => e.query["page[number]"])).toEqual(
      Array.from({ length: peoplePages }, (_, i) => String(i + 1)),
    );
    expect(log.filter((e) => e.path === "/api/v2/users").map((e) => e.query["page[number]"])).toEqual(
      Array.from({ length: userPages }, (_, i) => String(i + 1)),
    );
  });

  it("multi-page world at the real maximum page size of 200", async () => {
    const r = await rig(large);
    const state = r.sandbox.state.snapshot();
    const accounts = state.people.filter((p) => p.person_type === 1).length;
    expect(accounts).toBeGreaterThan(3 * PRODUCTIVE_MAX_PAGE_SIZE);

    const result = await r.sync();
    expect(result.status).toBe("succeeded");
    await expectMirrorsSandbox(r);
    const { stats } = result.apps[0]!;
    expect(stats.requests).toBe(
      minimum(accounts, PRODUCTIVE_MAX_PAGE_SIZE) + minimum(state.users.length, PRODUCTIVE_MAX_PAGE_SIZE),
    );
    expect(stats.rateLimited).toBe(0);
  });

  it("paces both windows at once: no 429 and wall time within 10% of the rate-limit floor", async () => {
    const windows = [
      { limit: 3, windowMs: 10_000 },
      { limit: 8, windowMs: 60_000 },
    ];
    const r = await rig(medium, { maxPageSize: 10, rateWindows: windows });
    const started = r.time.clock.now();
    const result = await r.sync({ config: { rateLimit: windows } });
    const elapsed = r.time.clock.now() - started;
    expect(result.status).toBe("succeeded");
    const { requests, rateLimited } = result.apps[0]!.stats;
    expect(requests).toBeGreaterThan(20);
    expect(rateLimited).toBe(0);
    expect(r.sandbox.ctx.log.recent(100).filter((e) => e.status === 429)).toEqual([]);
    // Zero-latency floor: request i starts when every window has room, i.e. `limit` requests after its start.
    const starts: number[] = [];
    for (let i = 0; i < requests; i++) {
      starts.push(Math.max(0, ...windows.map((w) => (i >= w.limit ? starts[i - w.limit]! + w.windowMs : 0))));
    }
    const floor = starts.at(-1)!;
    expect(floor).toBeGreaterThanOrEqual(60_000); // the 30-minute-style window really bites
    expect(elapsed).toBeGreaterThanOrEqual(floor);
    expect(elapsed).toBeLessThanOrEqual(floor * 1.1);
    await expectMirrorsSandbox(r);
  });

  it("getAccount: a user-type person by id; null for a 404, a contact, a placeholder or a non-numeric id", async () => {
    const r = await rig(small);
    const people = r.sandbox.state.snapshot().people;
    const connector = r.connector();

    const joined = people.find((p) => p.person_type === 1 && p.user_id !== null)!;
    const login = r.sandbox.state.snapshot().users.find((u) => u.id === String(joined.user_id))!;
    let before = connector.stats().requests;
    // Outside a sync pass the login is read directly: GET /people/{id} and GET /users/{id}.
    expect(await connector.getAccount!(joined.id)).toMatchObject({
      externalId: joined.id,
      email: joined.email,
      username: login.email,
    });
    expect(connector.stats().requests - before).toBe(2);

    const invited = people.find((p) => p.person_type === 1 && p.joined_at === null)!;
    before = connector.stats().requests;
    // No login: one filtered lookup confirms the person is a user.
    expect(await connector.getAccount!(invited.id)).toMatchObject({
      externalId: invited.id,
      status: "invited",
    });
    expect(connector.stats().requests - before).toBe(2);

    const contact = people.find((p) => p.person_type === 2)!;
    const placeholder = people.find((p) => p.person_type === 3)!;
    expect(await connector.getAccount!(contact.id)).toBeNull();
    expect(await connector.getAccount!(placeholder.id)).toBeNull();
    expect(await connector.getAccount!("999999999")).toBeNull();
    before = connector.stats().requests;
    expect(await connector.getAccount!("not-a-number")).toBeNull();
    expect(connector.stats().requests).toBe(before);
  });
});

// ------------------------------------------------------------------ 2. faults

describe("productive connector: under faults the sync completes and marks nothing live gone", () => {
  async function underFaults(
    faults: FaultInput,
    options: { fetch?: (r: Rig) => FetchLike } = {},
  ): Promise<{ r: Rig; result: Awaited<ReturnType<Rig["sync"]>> }> {
    const r = await rig(medium, KNOBS);
    expect((await r.sync()).status).toBe("succeeded");
    r.sandbox.ctx.faults.set(faults);
    const result = await r.sync(options.fetch ? { fetch: options.fetch(r) } : {});
    r.sandbox.ctx.faults.reset();
    await expectNothingLiveMarkedGone(r);
    // Back to healthy: exactly the sandbox again.
    expect((await r.sync()).status).toBe("succeeded");
    await expectMirrorsSandbox(r);
    return { r, result };
  }

  it("10% server errors: retried, complete", async () => {
    const { r, result } = await underFaults({ errorRate: 0.1, seed: 7 });
    expect(result.status).toBe("succeeded");
    expect(r.sandbox.ctx.log.recent(300).some((e) => e.fault === "error")).toBe(true);
    expect(result.apps[0]!.stats.retries).toBeGreaterThan(0);
  });

  it("a rate-limit storm: waits out Retry-After, complete", async () => {
    const { result } = await underFaults({ stormRequests: 4 });
    expect(result.status).toBe("succeeded");
    expect(result.apps[0]!.stats.rateLimited).toBe(4);
  });

  it("dropped connections: retried, complete", async () => {
    const { r, result } = await underFaults({ dropRate: 0.2, seed: 4 });
    expect(result.status).toBe("succeeded");
    expect(r.sandbox.ctx.log.recent(300).some((e) => e.fault === "drop")).toBe(true);
    expect(result.apps[0]!.stats.retries).toBeGreaterThan(0);
  });

  it("token expiry mid-walk: personal tokens do not expire, the walk goes on", async () => {
    const { result } = await underFaults(
      {},
      {
        fetch: (r) => {
          let requests = 0;
          return async (input, init) => {
            const response = await r.sandbox.fetch(input, init);
            if (++requests === 1) {
              await r.sandbox.app.request("/_sandbox/faults/expire-tokens", { method: "POST" });
            }
            return response;
          };
        },
      },
    );
    expect(result.status).toBe("succeeded");
    expect(result.apps[0]!.stats.retries).toBe(0);
  });

  it("page drift: skipped people are re-verified, not marked gone; a clean re-sync is exact", async () => {
    const { r, result } = await underFaults({ driftAdd: 1, driftRemove: 1, seed: 3 });
    expect(result.status).toBe("succeeded");
    const drift = r.sandbox.state.snapshot().drift;
    expect(drift.some((d) => d.collection === "people" && d.removed.length > 0)).toBe(true);
    expect(drift.some((d) => d.collection === "users")).toBe(true);
    // Removals among pages already served shift later pages left: people were skipped, found by GET /people/{id}.
    expect(result.apps[0]!.reverified).toBeGreaterThan(0);
    // After the clean re-sync, every person drift removed is gone, and only those.
    const removed = new Set(drift.filter((d) => d.collection === "people").flatMap((d) => d.removed));
    const all = await r.harness.stored(APP, true);
    const gone = all.accounts.filter((a) => a.goneRun !== null).map((a) => a.externalId);
    expect(new Set(gone)).toEqual(
      new Set([...removed].filter((id) => all.accounts.some((a) => a.externalId === id))),
    );
  });

  it("the token owner deactivated mid-walk: the token dies, the listing fails, nothing is marked gone", async () => {
    const owner = medium.people.find(
      (p) => p.person_type === 1 && p.deactivated_at === null && p.archived_at === null,
    )!;
    const r = await rig(medium, { ...KNOBS, tokenOwnerPersonId: owner.id });
    expect((await r.sync()).status).toBe("succeeded");
    let peoplePages = 0;
    const killing: FetchLike = async (input, init) => {
      const response = await r.sandbox.fetch(input, init);
      if (new URL(String(input)).pathname.endsWith("/people") && ++peoplePages === 1) {
        // Someone in the app deactivates the token's owner.
        const deactivated = await r.sandbox.app.request(`/api/v2/people/${owner.id}/deactivate`, {
          method: "PATCH",
          headers: {
            "X-Auth-Token": medium.credentials.token,
            "X-Organization-Id": medium.credentials.organizationId,
            "Content-Type": "application/vnd.api+json",
          },
        });
        expect(deactivated.status).toBe(200);
      }
      return response;
    };
    const result = await r.sync({ fetch: killing });
    expect(result.status).toBe("failed");
    expect(result.apps[0]!.listings.accounts.error).toContain("GET /api/v2/people → 401 unauthenticated");
    const [row] = await r.harness.appSyncs(result.runId);
    expect(row!.gone_skipped_reason).toContain("accounts: the listing did not finish");
    const all = await r.harness.stored(APP, true);
    expect(all.accounts.filter((a) => a.goneRun !== null)).toEqual([]);
    expect(all.grants.filter((g) => g.goneRun !== null)).toEqual([]);
  });
});

// ------------------------------------------------------------------ 3. failed and empty listings

describe("productive connector: a failed or empty listing marks nothing gone", () => {
  it("401 (wrong token): every listing fails, nothing gone, the reason is recorded", async () => {
    const r = await rig(small);
    await r.sync();
    const result = await r.sync({ config: { token: "prd_wrong-token-for-this-test-0000000" } });
    expect(result.status).toBe("failed");
    const listing = result.apps[0]!.listings;
    expect(listing.accounts.error).toContain(
      "productive: list users: GET /api/v2/users → 401 unauthenticated",
    );
    expect(listing.grants.error).toMatch(/^skipped: accounts failed: .*→ 401 unauthenticated/);
    const [row] = await r.harness.appSyncs(result.runId);
    for (const l of ["accounts", "groups", "grants"]) {
      expect(row!.gone_skipped_reason).toContain(`${l}: the listing did not finish`);
    }
    await expectNothingLiveMarkedGone(r);
    await expectMirrorsSandbox(r);
  });

  it("all 5xx: retried, then failed, nothing gone", async () => {
    const r = await rig(small);
    await r.sync();
    r.sandbox.ctx.faults.set({ errorRate: 1 });
    const result = await r.sync();
    expect(result.status).toBe("failed");
    expect(result.apps[0]!.listings.accounts.error).toMatch(/503 unavailable/);
    const [row] = await r.harness.appSyncs(result.runId);
    expect(row!.gone_skipped_reason).toMatch(/did not finish/);
    await expectNothingLiveMarkedGone(r);
    await expectMirrorsSandbox(r);
  });

  it("an organization that suddenly lists nobody is suspicious: nothing gone, reason recorded", async () => {
    const r = await rig(small);
    await r.sync();
    const emptied: ProductiveState = { ...small, people: [], users: [] };
    // Same clock as the rig: the connector's virtual time must be the sandbox's time.
    const empty = createProductiveSandbox({ state: emptied, clock: r.sandbox.ctx.clock });
    const result = await r.sync({ fetch: empty.fetch });
    expect(result.apps[0]!.listings.accounts).toMatchObject({ complete: true, gone: 0 });
    const [row] = await r.harness.appSyncs(result.runId);
    expect(row!.gone_skipped_reason).toMatch(/accounts: the listing came back empty/);
    expect(row!.gone_skipped_reason).toMatch(/grants: the listing came back empty/);
    // Roles still come from the config, so groups are not empty and nothing of them is gone either.
    await expectMirrorsSandbox(r);
  });

  it("roles and grants are never derived from a partial people walk", async () => {
    const r = await rig(medium, KNOBS);
    await r.sync();
    // The people walk dies on its third page; listGrants must not hand the sync two pages' worth of grants.
    let peopleRequests = 0;
    const failing: FetchLike = async (input, init) => {
      if (new URL(String(input)).pathname.endsWith("/people") && ++peopleRequests === 3) {
        return new Response(JSON.stringify({ errors: [{ status: "403", code: "forbidden" }] }), {
          status: 403,
          headers: { "Content-Type": "application/vnd.api+json" },
        });
      }
      return r.sandbox.fetch(input, init);
    };
    const result = await r.sync({ fetch: failing });
    expect(result.apps[0]!.listings.accounts.complete).toBe(false);
    // listGroups walked people again itself (the failure was one-off); listGrants reused that walk.
    expect(result.apps[0]!.listings.groups.complete).toBe(true);
    expect(result.apps[0]!.listings.grants.complete).toBe(true);
    await expectNothingLiveMarkedGone(r);
    await expectMirrorsSandbox(r);
  });

  it("GET /users refused (403): accounts are listed without logins, with a warning", async () => {
    const r = await rig(small);
    const refusing: FetchLike = async (input, init) => {
      if (new URL(String(input)).pathname.endsWith("/users")) {
        return new Response(JSON.stringify({ errors: [{ status: "403", code: "forbidden" }] }), {
          status: 403,
          headers: { "Content-Type": "application/vnd.api+json" },
        });
      }
      return r.sandbox.fetch(input, init);
    };
    const result = await r.sync({ fetch: refusing });
    expect(result.status).toBe("succeeded");
    const stored = await r.harness.stored(APP);
    expect(stored.accounts.length).toBe(expectedFrom(r.sandbox).accounts.length);
    expect(stored.accounts.every((a) => a.username === null && !a.roles.includes("sysadmin"))).toBe(true);
    expect(r.logs.some((line) => line.includes("GET /users refused"))).toBe(true);
  });
});

// ------------------------------------------------------------------ 4. secrets

describe("productive connector: secrets", () => {
  it("the token appears in no log line, error message or stored row", async () => {
    const r = await rig(medium, KNOBS);
    const wrongToken = "prd_another-secret-token-not-to-leak-123";
    r.sandbox.ctx.faults.set({ errorRate: 0.2, stormRequests: 2, seed: 5 });
    await r.sync();
    r.sandbox.ctx.faults.reset();
    const failed = await r.sync({ config: { token: wrongToken } });
    expect(failed.status).toBe("failed");
    let thrown: unknown;
    try {
      await first(r.connector({ config: { token: wrongToken } }).listAccounts());
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(HttpError);

    expect(r.logs.length).toBeGreaterThan(10);
    const texts = [
      r.logs.join("\n"),
      await r.harness.dump(),
      JSON.stringify(failed),
      String(thrown),
      JSON.stringify(thrown),
    ];
    for (const token of [medium.credentials.token, wrongToken]) {
      for (const text of texts) expect(text).not.toContain(token);
    }
    // The logins' own credentials (calendar feed token, Intercom HMAC) are not kept in `raw` either.
    const dump = await r.harness.dump();
    expect(dump).toContain("two_factor_auth");
    expect(dump).not.toContain("intercom_hash");
    expect(dump).not.toContain("ical_token");
  });
});

// ------------------------------------------------------------------ 5. describe, config

describe("productive connector: describe() and config", () => {
  it("declares capabilities as Productive performs them, and the quirks it handles", () => {
    const description = createProductiveConnector(
      "productive-eu",
      ProductiveConfig.parse({ type: "productive", baseUrl: BASE_URL, token: "t", organizationId: 913 }),
    ).describe();
    expect(description).toMatchObject({ type: "productive", app: "productive-eu" });
    const caps = description.capabilities;
    for (const read of ["listAccounts", "listGroups", "listGrants", "getAccount"] as const) {
      expect(caps[read]?.supported).toBe(true);
    }
    expect(caps.deleteAccount).toMatchObject({ supported: false, reversible: false });
    expect(caps.deleteAccount?.note).toMatch(/no DELETE.*deactivate or archive/);
    expect(caps.disableAccount).toMatchObject({ reversible: true });
    expect(caps.disableAccount?.note).toMatch(/\/activate.*\/restore.*token's owner/s);
    expect(caps.createAccount?.note).toMatch(/invitation e-mail/);
    const quirks = description.quirks.join("\n");
    for (const needle of [
      "X-Auth-Token",
      "X-Organization-Id",
      "never deactivate the token owner",
      "415",
      "100 requests / 10 s and 4,000 / 30 min",
      "person_type 1",
      "filter[status]=1,2",
      "page[size] max 200",
      "role_id",
      "sysadmin",
    ]) {
      expect(quirks).toContain(needle);
    }
  });

  it("the known budget has both windows; roles are optional and validated", () => {
    expect(PRODUCTIVE_BUDGET).toEqual([
      { limit: 100, windowMs: 10_000 },
      { limit: 4_000, windowMs: 1_800_000 },
    ]);
    const base = { type: "productive", baseUrl: BASE_URL, token: "t", organizationId: "913" };
    expect(ProductiveConfig.safeParse(base).success).toBe(true);
    expect(
      ProductiveConfig.parse({ ...base, roles: [{ id: "48201", name: "Administrator", admin: true }] }).roles,
    ).toEqual([{ id: "48201", name: "Administrator", admin: true }]);
    expect(ProductiveConfig.parse({ ...base, roles: [{ id: 7, name: "Member" }] }).roles?.[0]?.admin).toBe(
      false,
    );
    expect(ProductiveConfig.safeParse({ ...base, roles: [{ id: "x", name: "Member" }] }).success).toBe(false);
  });

  it("without a role table, roles show as their ids and only sysadmins are privileged", async () => {
    const r = await rig(small);
    const result = await r.sync({ config: { roles: undefined } });
    expect(result.status).toBe("succeeded");
    const stored = await r.harness.stored(APP);
    const people = new Map(r.sandbox.state.snapshot().people.map((p) => [p.id, p]));
    for (const account of stored.accounts) {
      expect(account.roles[0]).toBe(String(people.get(account.externalId)!.role_id));
      expect(account.privileged).toBe(account.roles.includes("sysadmin"));
    }
    const held = new Set(stored.accounts.map((a) => a.roles[0]));
    expect(new Set(stored.groups.map((g) => g.name))).toEqual(held);
  });

  it("a payload that does not parse is an HttpError `invalid` naming app, endpoint and status", async () => {
    const r = await rig(small);
    const broken: FetchLike = async (input, init) => {
      if (new URL(String(input)).pathname.endsWith("/people")) {
        return new Response(JSON.stringify({ data: [{ id: "1", attributes: { role_id: "admin" } }] }), {
          status: 200,
          headers: { "Content-Type": "application/vnd.api+json" },
        });
      }
      return r.sandbox.fetch(input, init);
    };
    const error = await first(r.connector({ fetch: broken }).listAccounts()).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(HttpError);
    expect(error).toMatchObject({ code: "invalid", app: APP, method: "GET", path: "/api/v2/people" });
    expect(String((error as Error).message)).toMatch(/^productive: list people: GET \/api\/v2\/people → 200/);
  });
});
