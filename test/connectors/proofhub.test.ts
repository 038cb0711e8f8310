/**
 * The ProofHub connector against its sandbox, in-process and on virtual time, through the real sync into a
 * throw-away SQLite store: what is stored must equal the sandbox's own state — healthy, under faults, after page
 * drift — and a failed or empty listing must never mark anything gone.
 */
import pino from "pino";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { ProofhubConfig } from "../../src/config/schema.ts";
import type { Connector } from "../../src/connectors/contract.ts";
import {
  createProofhubConnector,
  PROOFHUB_MAX_PAGE_SIZE,
  type ProofhubConnectorConfig,
} from "../../src/connectors/proofhub/index.ts";
import { HttpError } from "../../src/http/index.ts";
import { type VirtualTime, virtualTime } from "../../src/http/testing/virtual-time.ts";
import { ManualClock } from "../../src/sandbox/kit/clock.ts";
import type { FaultInput } from "../../src/sandbox/kit/faults.ts";
import type { FetchLike } from "../../src/sandbox/kit/transport.ts";
import {
  createProofhubSandbox,
  type ProofhubSandbox,
  type ProofhubSandboxOptions,
} from "../../src/sandbox/proofhub/index.ts";
import { generateWorld, type ProofhubState } from "../../src/sandbox/world/index.ts";
import { goneButLive, type Stored, SyncHarness } from "../support/sync-harness.ts";

const APP = "proofhub";
const USER_AGENT = "roster-tests (it@northwind.example)";
const BASE_URL = "https://northwind.proofhub.com/api/v3";

let small: ProofhubState;
let multiPage: ProofhubState;
/** Three people pages: enough to drift and to fail mid-walk, cheaper to sync three times per test. */
let medium: ProofhubState;

beforeAll(() => {
  small = generateWorld({ people: 60, seed: 3 }).apps.proofhub;
  multiPage = generateWorld({ people: 1000, seed: 5 }).apps.proofhub;
  medium = generateWorld({ people: 500, seed: 9 }).apps.proofhub;
});

// ------------------------------------------------------------------ rig

interface Rig {
  sandbox: ProofhubSandbox;
  time: VirtualTime;
  harness: SyncHarness;
  logs: string[];
  /** A fresh connector (one per sync, as the runtime builds them). */
  connector(options?: { config?: Partial<ProofhubConnectorConfig>; fetch?: FetchLike }): Connector;
  sync(options?: {
    config?: Partial<ProofhubConnectorConfig>;
    fetch?: FetchLike;
  }): ReturnType<SyncHarness["sync"]>;
}

const harnesses: SyncHarness[] = [];
afterEach(async () => {
  for (const harness of harnesses.splice(0)) await harness.close();
});

async function rig(state: ProofhubState, sandboxOptions: Partial<ProofhubSandboxOptions> = {}): Promise<Rig> {
  const clock = new ManualClock();
  const sandbox = createProofhubSandbox({ state, clock, ...sandboxOptions });
  const time = virtualTime({ clock });
  const harness = await SyncHarness.open();
  harnesses.push(harness);
  const logs: string[] = [];
  const logger = pino({ level: "trace" }, { write: (line: string) => logs.push(line) });
  const connector: Rig["connector"] = (options = {}) => {
    const config = ProofhubConfig.parse({
      type: "proofhub",
      baseUrl: BASE_URL,
      apiKey: state.credentials.apiKey,
      userAgent: USER_AGENT,
      ...options.config,
    });
    return createProofhubConnector(APP, config, {
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

/** The sandbox's live state, mapped by the rules of the brief (privileged from the world's own `admin` flag). */
function expectedFrom(sandbox: ProofhubSandbox): Expected {
  const state = sandbox.state.snapshot();
  const roles = new Map(state.roles.map((role) => [role.id, role]));
  const accounts = state.people
    .map((p) => {
      const status = p.suspended ? "suspended" : p.verified ? "active" : "invited";
      const role = roles.get(p.role.id)!;
      return {
        externalId: String(p.id),
        email: p.email,
        firstName: p.first_name,
        lastName: p.last_name,
        displayName: `${p.first_name} ${p.last_name}`,
        status,
        roles: [role.name],
        privileged: role.admin,
        lastActivityAt: iso(p.last_active),
        createdAt: iso(p.created_at),
        invitedAt: status === "invited" ? iso(p.created_at) : null,
      };
    })
    .sort((a, b) => a.externalId.localeCompare(b.externalId));
  const groups = [
    ...state.roles.map((r) => `role:${r.id}:${r.name}`),
    ...state.projects.map((p) => `project:${p.id}:${p.title}`),
    ...state.groups.map((g) => `group:${g.id}:${g.name}`),
  ].sort();
  // Memberships from the containers' side (`assigned`): the connector reads the people's side, so this also
  // checks that both sides agree.
  const grants = [
    ...state.projects.flatMap((p) => p.assigned.map((id) => `${id}:project:${p.id}`)),
    ...state.groups.flatMap((g) => g.assigned.map((id) => `${id}:group:${g.id}`)),
    ...state.people.map((p) => `${p.id}:role:${p.role.id}`),
  ].sort();
  return { accounts, groups, grants };
}

function actualFrom(stored: Stored): Expected {
  return {
    accounts: stored.accounts
      .map((a) => ({
        externalId: a.externalId,
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

/** Requests an offset walk needs for `n` records: it only stops on a short page (an exact multiple adds one). */
const walkRequests = (n: number) => Math.floor(n / PROOFHUB_MAX_PAGE_SIZE) + 1;
/** The benchmark's minimum: Σ ceil(records ÷ max page size) per endpoint. */
const minimumRequests = (n: number) => Math.max(1, Math.ceil(n / PROOFHUB_MAX_PAGE_SIZE));

async function first<T>(iterable: AsyncIterable<T>): Promise<T> {
  for await (const item of iterable) return item;
  throw new Error("empty listing");
}

// ------------------------------------------------------------------ 1. exact mirror

describe("proofhub connector: a sync mirrors the sandbox exactly", () => {
  it("small world: every account, status, role, privilege, activity, group and grant", async () => {
    const r = await rig(small);
    const result = await r.sync();
    expect(result.status).toBe("succeeded");
    await expectMirrorsSandbox(r);

    const stored = await r.harness.stored(APP);
    const statuses = new Set(stored.accounts.map((a) => a.status));
    expect(statuses).toEqual(new Set(["active", "invited", "suspended"]));
    expect(stored.accounts.some((a) => a.privileged)).toBe(true);
    expect(new Set(stored.groups.map((g) => g.kind))).toEqual(new Set(["role", "project", "group"]));
    // roles, one people page, projects, groups — nothing else.
    expect(result.apps[0]!.stats.requests).toBe(4);
    expect(r.sandbox.ctx.log.recent(100).map((e) => e.path)).toEqual([
      "/api/v3/roles",
      "/api/v3/people",
      "/api/v3/projects",
      "/api/v3/groups",
    ]);
  });

  it("multi-page world: max page size, every page once, minimum request count, no 429", async () => {
    const r = await rig(multiPage);
    const state = r.sandbox.state.snapshot();
    expect(state.people.length).toBeGreaterThan(3 * PROOFHUB_MAX_PAGE_SIZE);

    const result = await r.sync();
    expect(result.status).toBe("succeeded");
    await expectMirrorsSandbox(r);

    const app = result.apps[0]!;
    expect(app.listings.accounts.pages).toBe(walkRequests(state.people.length));
    const used =
      1 +
      walkRequests(state.people.length) +
      walkRequests(state.projects.length) +
      walkRequests(state.groups.length);
    const minimum =
      1 +
      minimumRequests(state.people.length) +
      minimumRequests(state.projects.length) +
      minimumRequests(state.groups.length);
    expect(app.stats.requests).toBe(used);
    expect(app.stats.requests).toBe(minimum); // no count is an exact multiple of 100 in this world
    expect(app.stats.rateLimited).toBe(0);
    expect(app.stats.retries).toBe(0);
    const peopleQueries = r.sandbox.ctx.log
      .recent(100)
      .filter((e) => e.path === "/api/v3/people")
      .map((e) => e.query);
    expect(peopleQueries).toEqual(
      Array.from({ length: walkRequests(state.people.length) }, (_, i) => `?start=${i * 100}&limit=100`),
    );
  });

  it("paces a known budget: no 429 and wall time within 10% of the rate-limit floor", async () => {
    const budget = { limit: 3, windowMs: 10_000 };
    const r = await rig(multiPage, { rateLimit: budget });
    const started = r.time.clock.now();
    const result = await r.sync({ config: { rateLimit: [budget] } });
    const elapsed = r.time.clock.now() - started;
    expect(result.status).toBe("succeeded");
    const { requests, rateLimited } = result.apps[0]!.stats;
    expect(rateLimited).toBe(0);
    expect(r.sandbox.ctx.log.recent(100).filter((e) => e.status === 429)).toEqual([]);
    // A fixed window lets `limit` requests through per window: the floor is one window per further batch.
    const floor = (Math.ceil(requests / budget.limit) - 1) * budget.windowMs;
    expect(elapsed).toBeGreaterThanOrEqual(floor);
    expect(elapsed).toBeLessThanOrEqual(floor * 1.1);
    await expectMirrorsSandbox(r);
  });

  it("getAccount re-reads one person, and answers null for a person that does not exist", async () => {
    const r = await rig(small);
    const connector = r.connector();
    const person = r.sandbox.state.snapshot().people.find((p) => !p.verified)!;
    const account = await connector.getAccount!(String(person.id));
    expect(account).toMatchObject({ externalId: String(person.id), email: person.email, status: "invited" });
    expect(await connector.getAccount!("999999999")).toBeNull();
    const before = connector.stats().requests;
    expect(await connector.getAccount!("not-a-number")).toBeNull();
    expect(connector.stats().requests).toBe(before);
  });
});

// ------------------------------------------------------------------ 2. faults

describe("proofhub connector: under faults the sync completes and marks nothing live gone", () => {
  async function underFaults(
    faults: FaultInput,
    options: { fetch?: (r: Rig) => FetchLike } = {},
  ): Promise<{ r: Rig; result: Awaited<ReturnType<Rig["sync"]>> }> {
    const r = await rig(medium);
    expect(medium.people.length).toBeGreaterThan(2 * PROOFHUB_MAX_PAGE_SIZE);
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
    expect(r.sandbox.ctx.log.recent(200).some((e) => e.fault === "error")).toBe(true);
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
    expect(r.sandbox.ctx.log.recent(200).some((e) => e.fault === "drop")).toBe(true);
    expect(result.apps[0]!.stats.retries).toBeGreaterThan(0);
  });

  it("token expiry mid-walk: API keys do not expire, the walk goes on", async () => {
    const { result } = await underFaults(
      {},
      {
        fetch: (r) => {
          let peoplePages = 0;
          return async (input, init) => {
            const response = await r.sandbox.fetch(input, init);
            if (new URL(String(input)).pathname.endsWith("/people") && ++peoplePages === 1) {
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
    const { r, result } = await underFaults({ driftAdd: 2, driftRemove: 2, seed: 3 });
    expect(result.status).toBe("succeeded");
    const drift = r.sandbox.state.snapshot().drift;
    expect(drift.length).toBeGreaterThan(0);
    // Removals among pages already served shift later offsets: people were skipped and found by GET people/{id}.
    expect(result.apps[0]!.reverified).toBeGreaterThan(0);
    // After the clean re-sync, everyone drift removed is gone.
    const removed = new Set(drift.flatMap((d) => d.removed).map(String));
    const all = await r.harness.stored(APP, true);
    const goneAfter = all.accounts.filter((a) => removed.has(a.externalId));
    expect(goneAfter.length).toBe(removed.size);
    expect(goneAfter.every((a) => a.goneRun !== null)).toBe(true);
  });
});

// ------------------------------------------------------------------ 3. failed and empty listings

describe("proofhub connector: a failed or empty listing marks nothing gone", () => {
  it("401 (wrong key): every listing fails, nothing gone, the reason is recorded", async () => {
    const r = await rig(small);
    await r.sync();
    const result = await r.sync({ config: { apiKey: "ph_wrong-key-for-this-test-000000" } });
    expect(result.status).toBe("failed");
    const listing = result.apps[0]!.listings;
    expect(listing.accounts.error).toContain("proofhub: list roles: GET /api/v3/roles → 401 unauthenticated");
    expect(listing.grants.error).toMatch(/^skipped: accounts failed: .*→ 401 unauthenticated/);
    const [row] = await r.harness.appSyncs(result.runId);
    expect(row!.gone_skipped_reason).toContain("accounts: the listing did not finish");
    expect(row!.gone_skipped_reason).toContain("grants: the listing did not finish");
    await expectNothingLiveMarkedGone(r);
    expect((await r.harness.stored(APP)).accounts.length).toBe(small.people.length);
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
    expect((await r.harness.stored(APP)).accounts.length).toBe(small.people.length);
  });

  it("an account that suddenly lists nobody is suspicious: nothing gone, reason recorded", async () => {
    const r = await rig(small);
    await r.sync();
    const emptied: ProofhubState = {
      ...small,
      people: [],
      projects: small.projects.map((p) => ({ ...p, assigned: [] })),
      groups: small.groups.map((g) => ({ ...g, assigned: [] })),
    };
    // Same clock as the rig: the connector's virtual time must be the sandbox's time.
    const empty = createProofhubSandbox({ state: emptied, clock: r.sandbox.ctx.clock });
    const result = await r.sync({ fetch: empty.fetch });
    expect(result.apps[0]!.listings.accounts).toMatchObject({ complete: true, gone: 0 });
    const [row] = await r.harness.appSyncs(result.runId);
    expect(row!.gone_skipped_reason).toMatch(/accounts: the listing came back empty/);
    expect(row!.gone_skipped_reason).toMatch(/grants: the listing came back empty/);
    expect((await r.harness.stored(APP)).accounts.length).toBe(small.people.length);
    expect((await r.harness.stored(APP)).grants.length).toBe(expectedFrom(r.sandbox).grants.length);
  });

  it("grants are never derived from a partial people walk", async () => {
    const r = await rig(medium);
    await r.sync();
    // The people walk dies on its third page; listGrants must not hand the sync two pages' worth of grants.
    let peopleRequests = 0;
    const failing: FetchLike = async (input, init) => {
      if (new URL(String(input)).pathname.endsWith("/people") && ++peopleRequests === 3) {
        return new Response(JSON.stringify({ status: 403, error: "forbidden", message: "no" }), {
          status: 403,
        });
      }
      return r.sandbox.fetch(input, init);
    };
    const result = await r.sync({ fetch: failing });
    expect(result.apps[0]!.listings.accounts.complete).toBe(false);
    // listGrants walked people again itself (the failure was one-off) and so is complete and exact.
    expect(result.apps[0]!.listings.grants.complete).toBe(true);
    await expectNothingLiveMarkedGone(r);
    await expectMirrorsSandbox(r);
  });
});

// ------------------------------------------------------------------ 4. secrets

describe("proofhub connector: secrets", () => {
  it("the API key appears in no log line, error message or stored row", async () => {
    const r = await rig(medium);
    const wrongKey = "ph_another-secret-key-not-to-leak-123";
    r.sandbox.ctx.faults.set({ errorRate: 0.2, stormRequests: 2, seed: 5 });
    await r.sync();
    r.sandbox.ctx.faults.reset();
    const failed = await r.sync({ config: { apiKey: wrongKey } });
    expect(failed.status).toBe("failed");
    let thrown: unknown;
    try {
      await first(r.connector({ config: { apiKey: wrongKey } }).listAccounts());
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
    for (const key of [medium.credentials.apiKey, wrongKey]) {
      for (const text of texts) expect(text).not.toContain(key);
    }
  });
});

// ------------------------------------------------------------------ 5. describe, User-Agent

describe("proofhub connector: describe() and the mandatory User-Agent", () => {
  it("declares capabilities as ProofHub performs them, and the quirks it handles", () => {
    const description = createProofhubConnector(
      "ph-main",
      ProofhubConfig.parse({ type: "proofhub", baseUrl: BASE_URL, apiKey: "k", userAgent: USER_AGENT }),
    ).describe();
    expect(description).toMatchObject({ type: "proofhub", app: "ph-main" });
    const caps = description.capabilities;
    for (const read of ["listAccounts", "listGroups", "listGrants", "getAccount"] as const) {
      expect(caps[read]?.supported).toBe(true);
    }
    expect(caps.deleteAccount).toMatchObject({ supported: false, reversible: false });
    expect(caps.deleteAccount?.note).toMatch(/permanent.*every project/);
    expect(caps.createAccount).toMatchObject({ supported: false, reversible: false });
    expect(caps.createAccount?.note).toMatch(/invitation e-mail immediately.*no dry run/);
    expect(caps.updateAccount?.note).toMatch(/full replacement.*read-modify-write/);
    expect(caps.grant?.note).toMatch(/assigned/);
    const quirks = description.quirks.join("\n");
    for (const needle of [
      "X-API-KEY",
      "User-Agent",
      "25 requests / 10 s",
      "start=N&limit=M",
      "admin|owner",
      "verified",
    ]) {
      expect(quirks).toContain(needle);
    }
  });

  it("config validation refuses a missing or malformed User-Agent", () => {
    const base = { type: "proofhub", baseUrl: BASE_URL, apiKey: "k" };
    const missing = ProofhubConfig.safeParse(base);
    expect(missing.success).toBe(false);
    expect(missing.error?.issues.map((i) => i.path.join("."))).toContain("userAgent");
    expect(ProofhubConfig.safeParse({ ...base, userAgent: "roster" }).success).toBe(false);
    expect(ProofhubConfig.safeParse({ ...base, userAgent: USER_AGENT }).success).toBe(true);
  });

  it("a 400 for a bad User-Agent surfaces as an HttpError naming app, endpoint and status", async () => {
    const r = await rig(small);
    const connector = createProofhubConnector(
      APP,
      { type: "proofhub", baseUrl: BASE_URL, apiKey: small.credentials.apiKey, userAgent: "roster" },
      { fetch: r.sandbox.fetch, clock: r.time.clock, sleep: r.time.sleep },
    );
    const error = await first(connector.listAccounts()).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(HttpError);
    expect(error).toMatchObject({
      code: "invalid",
      status: 400,
      app: APP,
      method: "GET",
      path: "/api/v3/roles",
    });
    expect(String((error as Error).message)).toMatch(
      /^proofhub: list roles: GET \/api\/v3\/roles → 400 invalid: .*User-Agent/,
    );
    // Not retried: a 4xx does not get better.
    expect(connector.stats().requests).toBe(1);
  });
});
