/**
 * The Productboard connector against the Productboard sandbox, in-process, through the real sync into a throw-away
 * store: REST mode (with and without the SCIM token for teams) and SCIM mode. Time is virtual (the sandbox's
 * ManualClock drives the HTTP layer's pacing and backoff), so rate windows and retries cost no wall time.
 */
import pino from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { ProductboardConfig } from "../../src/config/schema.ts";
import type { Connector } from "../../src/connectors/contract.ts";
import {
  createProductboardConnector,
  PRODUCTBOARD_RATE_LIMIT,
  scimUserToProductboardAccount,
} from "../../src/connectors/productboard/index.ts";
import type { Account } from "../../src/core/account.ts";
import { virtualTime } from "../../src/http/testing/virtual-time.ts";
import { ManualClock } from "../../src/sandbox/kit/clock.ts";
import type { FaultInput } from "../../src/sandbox/kit/faults.ts";
import {
  createProductboardSandbox,
  type ProductboardSnapshot,
} from "../../src/sandbox/productboard/index.ts";
import { generateWorld, type ProductboardState } from "../../src/sandbox/world/index.ts";
import { SyncHarness } from "../support/sync-harness.ts";

const APP = "productboard";
const BASE = "http://productboard.test";

const worlds = new Map<number, ProductboardState>();
function world(people: number): ProductboardState {
  let state = worlds.get(people);
  if (!state) {
    state = generateWorld({ people, seed: 3 }).apps.productboard;
    worlds.set(people, state);
  }
  return state;
}
/** 28 members, 5 teams: one page. */
const SMALL = 60;
/** 133 members, 7 teams: with pageSize 25, six member pages. */
const LARGE = 400;

interface SetupOptions {
  people?: number;
  pageSize?: number;
  mode?: "rest" | "scim";
  /** Which REST token the connector gets. */
  token?: "restToken" | "restTokenNoPii";
  /** Configure the SCIM token in REST mode too (teams). Default true. */
  teams?: boolean;
  faults?: FaultInput;
  rateLimits?: boolean;
  /** Rewrite `filter.maxResults` of /ServiceProviderConfig (a server with a smaller SCIM page cap). */
  scimMaxResults?: number;
}

interface Exchange {
  method: string;
  path: string;
  status: number | "dropped";
}

const harnesses: SyncHarness[] = [];
afterEach(async () => {
  for (const h of harnesses.splice(0)) await h.close();
});

async function setup(options: SetupOptions = {}) {
  const state = world(options.people ?? SMALL);
  const clock = new ManualClock();
  const sandbox = createProductboardSandbox({
    state,
    clock,
    pageSize: options.pageSize ?? 100,
    rateLimits: options.rateLimits ?? true,
    ...(options.faults ? { faults: options.faults } : {}),
  });
  const time = virtualTime({ clock });
  const logLines: string[] = [];
  const logger = pino({ level: "debug" }, { write: (line: string) => void logLines.push(line) });
  const exchanges: Exchange[] = [];
  /** Called before each request reaches the sandbox; may return replacement headers (a revoked token). */
  const hooks: { before?: (n: number, url: URL) => Record<string, string> | undefined } = {};

  const fetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    let request = input instanceof Request ? input : new Request(input, init);
    const url = new URL(request.url);
    const replaced = hooks.before?.(exchanges.length, url);
    if (replaced) {
      const headers = new Headers(request.headers);
      for (const [k, v] of Object.entries(replaced)) headers.set(k, v);
      request = new Request(request, { headers });
    }
    const record: Exchange = { method: request.method, path: url.pathname, status: "dropped" };
    exchanges.push(record);
    let response = await sandbox.fetch(request);
    record.status = response.status;
    if (options.scimMaxResults && url.pathname.endsWith("/ServiceProviderConfig") && response.ok) {
      const body = (await response.json()) as { filter: { maxResults: number } };
      body.filter.maxResults = options.scimMaxResults;
      response = new Response(JSON.stringify(body), { status: 200, headers: response.headers });
    }
    return response;
  };

  const mode = options.mode ?? "rest";
  const { credentials } = state;
  const config = ProductboardConfig.parse({
    type: "productboard",
    baseUrl: BASE,
    mode,
    ...(mode === "rest" ? { token: credentials[options.token ?? "restToken"] } : {}),
    ...(mode === "scim" || options.teams !== false ? { scimToken: credentials.scimToken } : {}),
  });
  const connect = (overrides: Partial<typeof config> = {}): Connector =>
    createProductboardConnector(
      APP,
      { ...config, ...overrides },
      { fetch, logger, clock, sleep: time.sleep },
    );
  const harness = await SyncHarness.open();
  harnesses.push(harness);
  const secrets = [credentials.restToken, credentials.restTokenNoPii, credentials.scimToken];
  return { sandbox, harness, connector: connect(), connect, exchanges, hooks, logLines, secrets, time };
}

// ---------------------------------------------------------------- expectations from the sandbox's own state

const byId = <T extends { externalId: string }>(rows: T[]) =>
  [...rows].sort((a, b) => a.externalId.localeCompare(b.externalId));

function view(a: Account) {
  return {
    externalId: a.externalId,
    username: a.username,
    email: a.email,
    displayName: a.displayName,
    firstName: a.firstName,
    lastName: a.lastName,
    status: a.status,
    roles: a.roles,
    privileged: a.privileged,
    lastActivityAt: a.lastActivityAt,
    createdAt: a.createdAt,
    invitedAt: a.invitedAt,
  };
}

/** What REST v2 shows of each member (a token with PII; members the workspace hides stay redacted). */
function restExpected(snapshot: ProductboardSnapshot, pii = true) {
  return byId(
    snapshot.members.map((m) => {
      const visible = pii && !m.piiRedacted;
      return {
        externalId: m.id,
        username: null,
        email: visible ? m.email : "[redacted]",
        displayName: visible ? m.name : null,
        firstName: null,
        lastName: null,
        status: m.disabled ? "deactivated" : m.invitationPending ? "invited" : "active",
        roles: [m.role],
        privileged: m.role === "admin",
        lastActivityAt: null,
        createdAt: new Date(m.createdAt).toISOString(),
        invitedAt: m.invitationPending && !m.disabled ? new Date(m.createdAt).toISOString() : null,
      };
    }),
  );
}

/** What SCIM shows: real PII always, no invitation state, the seeded name split, meta.created. */
function scimExpected(snapshot: ProductboardSnapshot) {
  return byId(
    snapshot.members.map((m) => {
      const [given, ...rest] = m.name.trim().split(/\s+/);
      return {
        externalId: m.id,
        username: m.email,
        email: m.email,
        displayName: m.name,
        firstName: given ?? null,
        lastName: rest.length ? rest.join(" ") : null,
        status: m.disabled ? "deactivated" : "active",
        roles: [m.role],
        privileged: m.role === "admin",
        lastActivityAt: null,
        createdAt: new Date(m.createdAt).toISOString(),
        invitedAt: null,
      };
    }),
  );
}

const teamsOf = (snapshot: ProductboardSnapshot) =>
  snapshot.teams
    .map((t) => ({ externalId: t.id, kind: "team", name: t.name }))
    .sort((a, b) => a.externalId.localeCompare(b.externalId));
const grantsOf = (snapshot: ProductboardSnapshot) =>
  [...new Set(snapshot.teams.flatMap((t) => t.memberIds.map((m) => `${m} ${t.id}`)))].sort();

async function stored(harness: SyncHarness, includeGone = false) {
  const s = await harness.stored(APP, includeGone);
  return {
    accounts: byId(s.accounts).map(view),
    groups: s.groups
      .map((g) => ({ externalId: g.externalId, kind: g.kind, name: g.name }))
      .sort((a, b) => a.externalId.localeCompare(b.externalId)),
    grants: s.grants.map((g) => `${g.accountExternalId} ${g.groupExternalId}`).sort(),
    raw: s,
  };
}

async function expectEqualToSandbox(
  harness: SyncHarness,
  snapshot: ProductboardSnapshot,
  mode: "rest" | "scim",
  teams = true,
) {
  const s = await stored(harness);
  expect(s.accounts).toEqual(mode === "rest" ? restExpected(snapshot) : scimExpected(snapshot));
  expect(s.groups).toEqual(teams ? teamsOf(snapshot) : []);
  expect(s.grants).toEqual(teams ? grantsOf(snapshot) : []);
  for (const g of s.raw.grants) expect(g).toMatchObject({ groupKind: "team", role: null, derived: false });
}

/** Every member and team the sandbox still has is live in the store. */
async function expectNothingExistingGone(harness: SyncHarness, snapshot: ProductboardSnapshot) {
  const s = await harness.stored(APP, true);
  const gone = new Set(s.accounts.filter((a) => a.goneRun).map((a) => a.externalId));
  for (const m of snapshot.members) expect(gone.has(m.id), `member ${m.id} marked gone`).toBe(false);
  const goneTeams = new Set(s.groups.filter((g) => g.goneRun).map((g) => g.externalId));
  for (const t of snapshot.teams) expect(goneTeams.has(t.id)).toBe(false);
  const goneGrants = new Set(
    s.grants.filter((g) => g.goneRun).map((g) => `${g.accountExternalId} ${g.groupExternalId}`),
  );
  for (const key of grantsOf(snapshot)) expect(goneGrants.has(key)).toBe(false);
}

const count = (exchanges: Exchange[], path: RegExp) => exchanges.filter((e) => path.test(e.path)).length;

// ---------------------------------------------------------------- REST mode

describe("productboard connector, REST mode", () => {
  it("a small world: stored accounts, teams and grants equal the workspace, in the minimum of requests", async () => {
    const { sandbox, harness, connector, exchanges } = await setup();
    const result = await harness.sync(APP, connector);
    expect(result.status).toBe("succeeded");
    await expectEqualToSandbox(harness, sandbox.state.snapshot(), "rest");
    // 28 members: one page; teams: ServiceProviderConfig + one Groups page; grants from the Groups page.
    expect(exchanges.map((e) => `${e.method} ${e.path}`)).toEqual([
      "GET /v2/members",
      "GET /scim/v2/ServiceProviderConfig",
      "GET /scim/v2/Groups",
    ]);
    expect(connector.stats()).toMatchObject({ requests: 3, retries: 0, rateLimited: 0 });
  });

  it("a multi-page world: every page once, with includeDisabled and includeInvited", async () => {
    const { sandbox, harness, connector, exchanges } = await setup({ people: LARGE, pageSize: 25 });
    const snapshot = sandbox.state.snapshot();
    expect(
      snapshot.members.some((m) => m.disabled) && snapshot.members.some((m) => m.invitationPending),
    ).toBe(true);
    const result = await harness.sync(APP, connector);
    expect(result.status).toBe("succeeded");
    await expectEqualToSandbox(harness, snapshot, "rest");
    const pages = Math.ceil(snapshot.members.length / 25);
    expect(count(exchanges, /^\/v2\/members$/)).toBe(pages);
    expect(connector.stats()).toMatchObject({ requests: pages + 2, retries: 0, rateLimited: 0 });
    const first = sandbox.ctx.log.recent(1000).find((e) => e.path === "/v2/members");
    expect(first?.query).toContain("includeDisabled=true");
    expect(first?.query).toContain("includeInvited=true");
    // Later pages follow links.next, which carries only the cursor.
    const later = sandbox.ctx.log
      .recent(1000)
      .filter((e) => e.path === "/v2/members")
      .slice(1);
    for (const entry of later) expect(entry.query).toMatch(/^\?pageCursor=/);
  });

  it("paces itself at 50 requests per second: no 429 on a walk longer than one window", async () => {
    const { sandbox, harness, connector, time } = await setup({ people: LARGE, pageSize: 2 });
    const started = time.clock.now();
    const result = await harness.sync(APP, connector);
    expect(result.status).toBe("succeeded");
    const requests = connector.stats().requests;
    expect(requests).toBeGreaterThan(PRODUCTBOARD_RATE_LIMIT.limit);
    expect(connector.stats().rateLimited).toBe(0);
    // Virtual time spent ≈ the rate-limit floor (requests / 50 per second), never far beyond it.
    const floorMs =
      (Math.ceil(requests / PRODUCTBOARD_RATE_LIMIT.limit) - 1) * PRODUCTBOARD_RATE_LIMIT.windowMs;
    expect(time.clock.now() - started).toBeGreaterThanOrEqual(floorMs);
    expect(time.clock.now() - started).toBeLessThanOrEqual(floorMs * 1.1 + 1000);
    await expectEqualToSandbox(harness, sandbox.state.snapshot(), "rest");
  });

  it("without the SCIM token: members only, no teams and no grants, and describe() says why", async () => {
    const { sandbox, harness, connector, exchanges } = await setup({ teams: false });
    const result = await harness.sync(APP, connector);
    expect(result.status).toBe("succeeded");
    await expectEqualToSandbox(harness, sandbox.state.snapshot(), "rest", false);
    expect(exchanges.every((e) => e.path.startsWith("/v2/"))).toBe(true);
    const { capabilities } = connector.describe();
    expect(capabilities.listGroups).toMatchObject({ supported: false });
    expect(capabilities.listGroups?.note).toMatch(/scimToken/);
  });

  it('maps "[redacted]" PII as unknown: email kept as the literal (never matched), display name null', async () => {
    const { sandbox, harness, connector } = await setup({ token: "restTokenNoPii" });
    await harness.sync(APP, connector);
    const s = await stored(harness);
    expect(s.accounts).toEqual(restExpected(sandbox.state.snapshot(), false));
    expect(s.accounts.every((a) => a.email === "[redacted]" && a.displayName === null)).toBe(true);
    const norms = await harness.store.db.selectFrom("accounts").select("email_norm").execute();
    expect(norms.every((r) => r.email_norm === null)).toBe(true);
    expect(connector.describe().quirks.join("\n")).toMatch(/\[redacted\].*unknown identity/);
  });

  it("members the workspace hides stay unknown even with the PII token", async () => {
    const { sandbox, harness, connector } = await setup();
    await harness.sync(APP, connector);
    const hidden = sandbox.state.snapshot().members.filter((m) => m.piiRedacted);
    expect(hidden.length).toBeGreaterThan(0);
    const s = await stored(harness);
    for (const m of hidden) {
      expect(s.accounts.find((a) => a.externalId === m.id)).toMatchObject({
        email: "[redacted]",
        displayName: null,
      });
    }
  });

  it("getAccount reads one member (disabled ones too) and answers null for a 404", async () => {
    const { sandbox, connector } = await setup({ people: LARGE });
    const disabled = sandbox.state.snapshot().members.find((m) => m.disabled)!;
    expect(await connector.getAccount!(disabled.id)).toMatchObject({
      externalId: disabled.id,
      status: "deactivated",
      roles: [disabled.role],
    });
    expect(await connector.getAccount!("00000000-0000-4000-8000-000000000000")).toBeNull();
  });

  it("a last page handing back the first cursor stops with a clear error, and nothing is marked gone", async () => {
    const { sandbox, harness, connector, exchanges } = await setup({ people: LARGE, pageSize: 25 });
    await harness.sync(APP, connector);
    const pages = count(exchanges, /^\/v2\/members$/);
    sandbox.state.repeatFirstCursor = true;
    const result = await harness.sync(APP, connector);
    const accounts = result.apps[0]!.listings.accounts;
    expect(accounts.complete).toBe(false);
    expect(accounts.error).toMatch(/pagination loop/);
    expect(accounts.error).toMatch(/GET \/v2\/members/);
    // The walk stopped right after the page that repeated a cursor: no second lap.
    expect(count(exchanges, /^\/v2\/members$/)).toBe(pages * 2);
    expect(result.apps[0]!.status).toBe("partial");
    await expectNothingExistingGone(harness, sandbox.state.snapshot());
    const [appSync] = await harness.appSyncs(result.runId);
    expect(appSync!.gone_skipped_reason).toMatch(/accounts: the listing did not finish/);
  });

  it("the first-cursor loop on a single page is caught too", async () => {
    const { sandbox, harness, connector } = await setup();
    sandbox.state.repeatFirstCursor = true;
    const result = await harness.sync(APP, connector);
    expect(result.apps[0]!.listings.accounts.error).toMatch(/pagination loop/);
  });
});

// ---------------------------------------------------------------- faults

describe("productboard connector under faults", () => {
  const scenarios: {
    name: string;
    mode: "rest" | "scim";
    faults?: FaultInput;
    expireAfterFirst?: boolean;
  }[] = [
    { name: "10% 5xx (REST)", mode: "rest", faults: { errorRate: 0.1, seed: 7 } },
    { name: "10% 5xx (SCIM)", mode: "scim", faults: { errorRate: 0.1, seed: 7 } },
    { name: "a rate-limit storm", mode: "rest", faults: { stormRequests: 4 } },
    { name: "a rate-limit storm (SCIM)", mode: "scim", faults: { stormRequests: 3 } },
    { name: "dropped connections", mode: "rest", faults: { dropRate: 0.15, seed: 3 } },
    { name: "dropped connections (SCIM)", mode: "scim", faults: { dropRate: 0.15, seed: 3 } },
    { name: "page drift", mode: "rest", faults: { driftAdd: 2, driftRemove: 2, seed: 5 } },
    { name: "token expiry mid-walk (API tokens do not expire)", mode: "rest", expireAfterFirst: true },
  ];

  for (const scenario of scenarios) {
    it(`${scenario.name}: the sync completes, nothing existing is marked gone, a clean re-sync is exact`, async () => {
      const { sandbox, harness, connector, hooks } = await setup({
        people: LARGE,
        pageSize: 25,
        mode: scenario.mode,
      });
      await harness.sync(APP, connector);
      if (scenario.faults) sandbox.ctx.faults.set(scenario.faults);
      if (scenario.expireAfterFirst) {
        hooks.before = (n) => {
          if (n === 1) sandbox.ctx.faults.expireTokens();
          return undefined;
        };
      }
      const statsBefore = connector.stats();
      const result = await harness.sync(APP, connector);
      expect(result.status).toBe("succeeded");
      const stats = connector.stats();
      if (scenario.faults?.stormRequests)
        expect(stats.rateLimited - statsBefore.rateLimited).toBe(scenario.faults.stormRequests);
      if (scenario.faults?.errorRate || scenario.faults?.dropRate)
        expect(stats.retries).toBeGreaterThan(statsBefore.retries);
      if (scenario.faults?.driftAdd) expect(sandbox.state.snapshot().drift.added.length).toBeGreaterThan(0);
      await expectNothingExistingGone(harness, sandbox.state.snapshot());

      sandbox.ctx.faults.reset();
      hooks.before = undefined;
      expect((await harness.sync(APP, connector)).status).toBe("succeeded");
      await expectEqualToSandbox(harness, sandbox.state.snapshot(), scenario.mode);
    });
  }

  it("page drift: members removed mid-walk are gone, members added mid-walk are listed", async () => {
    const { sandbox, harness, connector } = await setup({ people: LARGE, pageSize: 25 });
    await harness.sync(APP, connector);
    sandbox.ctx.faults.set({ driftAdd: 1, driftRemove: 1, seed: 9 });
    await harness.sync(APP, connector);
    sandbox.ctx.faults.reset();
    const { drift, members } = sandbox.state.snapshot();
    const exists = new Set(members.map((m) => m.id));
    const s = await harness.stored(APP, true);
    const live = new Set(s.accounts.filter((a) => !a.goneRun).map((a) => a.externalId));
    // Cursor paging neither skips nor repeats: every member added while pages were still to come (all but the
    // one added after the last page) and still there was listed.
    const duringWalk = drift.added.slice(0, -1).filter((id) => exists.has(id));
    expect(duringWalk.length).toBeGreaterThan(0);
    for (const id of duringWalk) expect(live.has(id)).toBe(true);
    // Members removed mid-walk had been listed before they went (drift removes served members); the next sync
    // does not see them, re-reads each (404) and marks them gone.
    const removed = drift.removed.filter((id) => !exists.has(id));
    expect(removed.length).toBeGreaterThan(0);
    const next = await harness.sync(APP, connector);
    expect(next.apps[0]!.listings.accounts.gone).toBe(removed.filter((id) => live.has(id)).length);
    const after = await harness.stored(APP, true);
    for (const id of removed)
      expect(after.accounts.find((a) => a.externalId === id)?.goneRun ?? "never").not.toBeNull();
  });

  it("a token revoked mid-walk: the listing fails with 401, nothing is marked gone", async () => {
    const { sandbox, harness, connector, hooks, logLines } = await setup({ people: LARGE, pageSize: 25 });
    await harness.sync(APP, connector);
    const revoked = "pb-revoked-token-0123456789";
    hooks.before = (n, url) =>
      url.pathname.startsWith("/v2/") && n > 4 ? { Authorization: `Bearer ${revoked}` } : undefined;
    const result = await harness.sync(APP, connector);
    const accounts = result.apps[0]!.listings.accounts;
    expect(accounts.complete).toBe(false);
    expect(accounts.error).toMatch(/401 unauthenticated/);
    await expectNothingExistingGone(harness, sandbox.state.snapshot());
    expect(logLines.join("\n")).not.toContain(revoked);
  });
});

// ---------------------------------------------------------------- failing and empty listings

describe("productboard connector: failed or empty listings mark nothing gone", () => {
  it("a wrong token (401 everywhere): the app sync fails and records why", async () => {
    const { sandbox, harness, connector, connect, logLines } = await setup();
    await harness.sync(APP, connector);
    const wrong = "pb-wrong-token-abcdef0123456789";
    const result = await harness.sync(APP, connect({ token: wrong, scimToken: `${wrong}-scim` }));
    expect(result.status).toBe("failed");
    await expectNothingExistingGone(harness, sandbox.state.snapshot());
    const [appSync] = await harness.appSyncs(result.runId);
    expect(appSync!.gone_skipped_reason).toMatch(/accounts: the listing did not finish/);
    expect(appSync!.error).toMatch(/401/);
    expect(`${logLines.join("\n")}${await harness.dump()}`).not.toContain(wrong);
  });

  it("a server failing every request (5xx): retried, then reported; nothing gone", async () => {
    const { sandbox, harness, connector } = await setup();
    await harness.sync(APP, connector);
    sandbox.ctx.faults.set({ errorRate: 1 });
    const result = await harness.sync(APP, connector);
    expect(result.status).toBe("failed");
    expect(result.apps[0]!.listings.accounts.error).toMatch(/503 unavailable/);
    expect(connector.stats().retries).toBeGreaterThan(0);
    sandbox.ctx.faults.reset();
    await expectNothingExistingGone(harness, sandbox.state.snapshot());
  });

  it("a workspace that suddenly lists no one: suspicious, nothing marked gone, the reason recorded", async () => {
    const { sandbox, harness, connector } = await setup();
    await harness.sync(APP, connector);
    const before = await stored(harness);
    for (const m of sandbox.state.snapshot().members) sandbox.state.removeMember(m.id);
    const result = await harness.sync(APP, connector);
    expect(result.apps[0]!.listings.accounts).toMatchObject({ complete: true, seen: 0, gone: 0 });
    const [appSync] = await harness.appSyncs(result.runId);
    expect(appSync!.gone_skipped_reason).toMatch(/accounts: the listing came back empty/);
    expect((await stored(harness)).accounts).toEqual(before.accounts);
  });
});

// ---------------------------------------------------------------- SCIM mode

describe("productboard connector, SCIM mode", () => {
  it("a small world: Users with real PII and roles[primary].value, teams and grants from Groups", async () => {
    const { sandbox, harness, connector, exchanges } = await setup({ mode: "scim" });
    const result = await harness.sync(APP, connector);
    expect(result.status).toBe("succeeded");
    await expectEqualToSandbox(harness, sandbox.state.snapshot(), "scim");
    expect(exchanges.map((e) => `${e.method} ${e.path}`)).toEqual([
      "GET /scim/v2/ServiceProviderConfig",
      "GET /scim/v2/Users",
      "GET /scim/v2/Groups",
    ]);
  });

  it("a multi-page world: pages of the advertised maxResults, each once", async () => {
    const { sandbox, harness, connector, exchanges } = await setup({
      mode: "scim",
      people: LARGE,
      scimMaxResults: 20,
    });
    const snapshot = sandbox.state.snapshot();
    const result = await harness.sync(APP, connector);
    expect(result.status).toBe("succeeded");
    await expectEqualToSandbox(harness, snapshot, "scim");
    const userPages = Math.ceil(snapshot.members.length / 20);
    expect(count(exchanges, /\/Users$/)).toBe(userPages);
    expect(count(exchanges, /\/Groups$/)).toBe(1);
    expect(connector.stats().requests).toBe(1 + userPages + 1);
    const counts = sandbox.ctx.log
      .recent(1000)
      .filter((e) => e.path.endsWith("/Users"))
      .map((e) => e.query);
    expect(counts.every((q) => q.includes("count=20"))).toBe(true);
  });

  it("a role-less SCIM user reads as contributor; getAccount uses /scim/v2/Users/{id}", async () => {
    const { sandbox, connector, exchanges } = await setup({ mode: "scim" });
    const member = sandbox.state.snapshot().members[0]!;
    expect(await connector.getAccount!(member.id)).toMatchObject({
      externalId: member.id,
      email: member.email,
    });
    expect(exchanges.at(-1)?.path).toBe(`/scim/v2/Users/${member.id}`);
    expect(await connector.getAccount!("no-such-user")).toBeNull();
    const account = scimUserToProductboardAccount(APP, { id: "u1", userName: "a@x.com", roles: [] });
    expect(account).toMatchObject({ roles: ["contributor"], privileged: false, status: "active" });
    const admin = scimUserToProductboardAccount(APP, {
      id: "u2",
      userName: "b@x.com",
      active: false,
      roles: [
        { value: "viewer", primary: false },
        { value: "Admin", primary: true },
      ],
    });
    expect(admin).toMatchObject({ roles: ["admin"], privileged: true, status: "deactivated" });
  });

  it("a REST token on /scim/v2 is refused (401): the listing fails clearly, nothing gone", async () => {
    const { sandbox, harness, connector, connect } = await setup({ mode: "scim" });
    await harness.sync(APP, connector);
    const result = await harness.sync(APP, connect({ scimToken: sandbox.state.credentials.restToken }));
    expect(result.status).toBe("failed");
    expect(result.apps[0]!.listings.accounts.error).toMatch(/GET \/scim\/v2\/Users → 401 unauthenticated/);
    await expectNothingExistingGone(harness, sandbox.state.snapshot());
  });
});

// ---------------------------------------------------------------- secrets and describe()

describe("productboard connector: secrets and description", () => {
  it("no token appears in a log line, an error message or a stored row", async () => {
    const { sandbox, harness, connector, logLines, secrets } = await setup({
      people: LARGE,
      pageSize: 25,
      faults: { errorRate: 0.1, stormRequests: 2, seed: 11 },
    });
    const result = await harness.sync(APP, connector);
    sandbox.state.repeatFirstCursor = true;
    const failed = await harness.sync(APP, connector);
    const errors = [...result.apps, ...failed.apps].flatMap((a) =>
      Object.values(a.listings).map((l) => l.error ?? ""),
    );
    const everything = [logLines.join("\n"), errors.join("\n"), await harness.dump()].join("\n");
    expect(logLines.length).toBeGreaterThan(10);
    expect(errors.join("")).toMatch(/pagination loop/);
    for (const secret of secrets) expect(everything).not.toContain(secret);
  });

  it("describe() declares capabilities and quirks", async () => {
    const { connector, connect } = await setup();
    const d = connector.describe();
    expect(d).toMatchObject({ type: "productboard", app: APP });
    expect(d.capabilities.listAccounts?.supported).toBe(true);
    expect(d.capabilities.listGroups?.supported).toBe(true);
    expect(d.capabilities.getAccount?.supported).toBe(true);
    expect(d.capabilities.deleteAccount).toMatchObject({ supported: false });
    expect(d.capabilities.deleteAccount?.note).toMatch(/no user delete/);
    expect(d.capabilities.disableAccount?.note).toMatch(/active=false/);
    const quirks = d.quirks.join("\n");
    expect(quirks).toMatch(/includeDisabled=true&includeInvited=true/);
    expect(quirks).toMatch(/first cursor/);
    expect(quirks).toMatch(/REST v2 has no teams/);
    expect(connect({ mode: "scim" }).describe().capabilities.listAccounts?.note).toMatch(/scim\/v2\/Users/);
  });
});
