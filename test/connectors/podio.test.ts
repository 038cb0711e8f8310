/**
 * The Podio connector against its sandbox, in-process and on virtual time (the sandbox's `timeScale` turns Podio's
 * hour into a second, and the HTTP layer's waits advance a shared manual clock), through the real sync into a
 * throw-away SQLite store.
 */
import { Writable } from "node:stream";
import pino from "pino";
import { afterEach, describe, expect, it } from "vitest";
import {
  createPodioConnector,
  decodeWalkState,
  type PodioConnectorConfig,
  type PodioConnectorOptions,
  podioStatus,
  podioTimeToIso,
} from "../../src/connectors/podio/index.ts";
import { virtualTime } from "../../src/http/testing/virtual-time.ts";
import { ManualClock } from "../../src/sandbox/kit/clock.ts";
import type { FaultInput } from "../../src/sandbox/kit/faults.ts";
import {
  createPodioSandbox,
  type PodioSandbox,
  type PodioSandboxOptions,
} from "../../src/sandbox/podio/index.ts";
import { generateWorld } from "../../src/sandbox/world/index.ts";
import type { PodioState } from "../../src/sandbox/world/types.ts";
import { SyncHarness } from "../support/sync-harness.ts";

const APP = "podio";
const BASE_URL = "http://podio.local";
/** Podio's hour becomes one second; the 8-hour token lives 8 s. */
const TIME_SCALE = 3600;
const HOUR_MS = 3_600_000;

const worlds = new Map<number, PodioState>();
/** `people: 40` → 30 org members (one page); 260 → 103 (two pages); 600 → 232 (three pages of 100). */
function world(people: number): PodioState {
  let state = worlds.get(people);
  if (!state) {
    state = generateWorld({ people, seed: 3 }).apps.podio;
    worlds.set(people, state);
  }
  return state;
}

interface Exchange {
  method: string;
  url: URL;
  status: number | "dropped";
  /** Scheme of the Authorization header (`OAuth2`), never the token. */
  scheme?: string;
  /** Token requests: the grant asked for. */
  grantType?: string;
}

interface Setup {
  sandbox: PodioSandbox;
  clock: ManualClock;
  exchanges: Exchange[];
  /** Every access and refresh token the sandbox issued (for the secrets check; never printed). */
  issued: string[];
  logs: string[];
  config: PodioConnectorConfig;
  /** Called after each response, with the number of API (non-token) exchanges so far. */
  onResponse: ((exchange: Exchange, apiCount: number) => void) | undefined;
  /** Rewrites an answer before the connector sees it. */
  rewrite: ((exchange: Exchange, response: Response) => Response) | undefined;
  connector(
    config?: Partial<PodioConnectorConfig>,
    options?: PodioConnectorOptions,
  ): ReturnType<typeof createPodioConnector>;
  harness: SyncHarness;
}

const harnesses: SyncHarness[] = [];
afterEach(async () => {
  for (const h of harnesses.splice(0)) await h.close();
});

async function setup(
  people: number,
  sandboxOptions: Partial<PodioSandboxOptions> = {},
  configOverrides: Partial<PodioConnectorConfig> = {},
): Promise<Setup> {
  const state = world(people);
  const clock = new ManualClock();
  const time = virtualTime({ clock });
  const sandbox = createPodioSandbox({ state, clock, timeScale: TIME_SCALE, ...sandboxOptions });
  const harness = await SyncHarness.open();
  harnesses.push(harness);
  const logs: string[] = [];
  const logger = pino(
    { level: "trace" },
    new Writable({
      write(chunk, _encoding, done) {
        logs.push(String(chunk));
        done();
      },
    }),
  );
  const setup: Setup = {
    sandbox,
    clock,
    exchanges: [],
    issued: [],
    logs,
    onResponse: undefined,
    rewrite: undefined,
    harness,
    config: {
      type: "podio",
      baseUrl: BASE_URL,
      orgId: state.org.org_id,
      clientId: state.credentials.clientId,
      clientSecret: state.credentials.clientSecret,
      username: state.credentials.username,
      password: state.credentials.password,
      // The scaled budget: 1,000 per (scaled) hour.
      rateLimit: [{ limit: 1000, windowMs: HOUR_MS / TIME_SCALE }],
      ...configOverrides,
    },
    connector: (config = {}, options = {}) =>
      createPodioConnector(
        APP,
        { ...setup.config, ...config },
        { fetch, logger, clock: time.clock, sleep: time.sleep },
        options,
      ),
  };
  let apiCount = 0;
  const fetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const method = init?.method ?? "GET";
    const exchange: Exchange = { method, url, status: "dropped" };
    const authorization = new Headers(init?.headers).get("authorization");
    if (authorization) exchange.scheme = authorization.split(" ")[0];
    const token = url.pathname.startsWith("/oauth/token");
    if (token && typeof init?.body === "string") {
      exchange.grantType = init.body.startsWith("{")
        ? String((JSON.parse(init.body) as { grant_type?: unknown }).grant_type)
        : (new URLSearchParams(init.body).get("grant_type") ?? undefined);
    }
    setup.exchanges.push(exchange);
    let response = await sandbox.fetch(input, init);
    exchange.status = response.status;
    if (token && response.status === 200) {
      const body = (await response.clone().json()) as { access_token: string; refresh_token: string };
      setup.issued.push(body.access_token, body.refresh_token);
    }
    if (!token) apiCount += 1;
    if (setup.rewrite) response = setup.rewrite(exchange, response);
    setup.onResponse?.(exchange, apiCount);
    return response;
  };
  return setup;
}

const isOrgMemberPage = (e: Exchange) => /^\/org\/\d+\/member\/$/.test(e.url.pathname);
const apiExchanges = (s: Setup) => s.exchanges.filter((e) => !e.url.pathname.startsWith("/oauth/"));
const tokenExchanges = (s: Setup) => s.exchanges.filter((e) => e.url.pathname.startsWith("/oauth/"));

function expectedAccountStatus(status: string) {
  return status === "invited" ? "invited" : status === "inactive" ? "deactivated" : "active";
}

/** The store equals the sandbox's live state: every account field roster reads, every space, every membership. */
async function expectExact(s: Setup) {
  const state = s.sandbox.state.snapshot();
  const stored = await s.harness.stored(APP);
  const byId = <T extends { externalId: string }>(a: T, b: T) => a.externalId.localeCompare(b.externalId);
  expect(
    stored.accounts
      .map((a) => ({
        externalId: a.externalId,
        email: a.email,
        displayName: a.displayName,
        status: a.status,
        roles: a.roles,
        privileged: a.privileged,
        lastActivityAt: a.lastActivityAt,
        createdAt: a.createdAt,
        invitedAt: a.invitedAt,
      }))
      .sort(byId),
  ).toEqual(
    state.members
      .map((m) => ({
        externalId: String(m.user_id),
        email: m.mail,
        displayName: m.name,
        status: expectedAccountStatus(m.status),
        roles: [m.role],
        privileged: m.role === "admin",
        lastActivityAt: m.last_seen_on,
        createdAt: m.created_on,
        invitedAt: m.status === "invited" ? m.created_on : null,
      }))
      .sort(byId),
  );
  expect(
    stored.groups.map((g) => ({ externalId: g.externalId, kind: g.kind, name: g.name })).sort(byId),
  ).toEqual(
    state.spaces.map((sp) => ({ externalId: String(sp.space_id), kind: "space", name: sp.name })).sort(byId),
  );
  const grantKey = (account: string, space: string, role: string | null) => `${account}→${space}:${role}`;
  expect(stored.grants.map((g) => grantKey(g.accountExternalId, g.groupExternalId, g.role)).sort()).toEqual(
    state.spaces
      .flatMap((sp) => sp.members.map((m) => grantKey(String(m.user_id), String(sp.space_id), m.role)))
      .sort(),
  );
  expect(stored.grants.every((g) => g.groupKind === "space" && !g.derived)).toBe(true);
}

/** Nothing marked gone is still in the org, in a space, or a space. */
async function expectNothingGoneThatExists(s: Setup) {
  const state = s.sandbox.state.snapshot();
  const all = await s.harness.stored(APP, true);
  const members = new Set(state.members.map((m) => String(m.user_id)));
  const spaces = new Set(state.spaces.map((sp) => String(sp.space_id)));
  const grants = new Set(state.spaces.flatMap((sp) => sp.members.map((m) => `${m.user_id}→${sp.space_id}`)));
  expect(all.accounts.filter((a) => a.goneRun && members.has(a.externalId)).map((a) => a.externalId)).toEqual(
    [],
  );
  expect(all.groups.filter((g) => g.goneRun && spaces.has(g.externalId)).map((g) => g.externalId)).toEqual(
    [],
  );
  expect(
    all.grants
      .filter((g) => g.goneRun && grants.has(`${g.accountExternalId}→${g.groupExternalId}`))
      .map((g) => `${g.accountExternalId}→${g.groupExternalId}`),
  ).toEqual([]);
}

/** Σ ceil(records ÷ max page) per endpoint: org member pages (+1 when the count is a multiple of 100, as a
 * short page is the only end marker), the space list, and one unpaged member list per space. */
function minimumRequests(state: ReturnType<PodioSandbox["state"]["snapshot"]>) {
  const members = state.members.length;
  return Math.floor(members / 100) + 1 + 1 + state.spaces.length;
}

async function sync(s: Setup, config?: Partial<PodioConnectorConfig>, options?: PodioConnectorOptions) {
  const connector = s.connector(config, options);
  const result = await s.harness.sync(APP, connector);
  const [app] = result.apps;
  const [row] = await s.harness.appSyncs(result.runId);
  return { result, app: app!, row: row!, connector };
}

describe("podio: a healthy sync is exact and costs the minimum", () => {
  it("small world (one page): accounts, spaces and memberships equal the sandbox", async () => {
    const s = await setup(40);
    const { app, row } = await sync(s);
    expect(app.status).toBe("succeeded");
    expect(row.gone_skipped_reason).toBeNull();
    await expectExact(s);
    const state = s.sandbox.state.snapshot();
    expect(apiExchanges(s)).toHaveLength(minimumRequests(state));
    expect(tokenExchanges(s).map((e) => [e.url.pathname, e.grantType, e.status])).toEqual([
      ["/oauth/token", "password", 200],
    ]);
    // Podio's own scheme on every call.
    expect(new Set(apiExchanges(s).map((e) => e.scheme))).toEqual(new Set(["OAuth2"]));
    const first = apiExchanges(s).find(isOrgMemberPage)!;
    expect(Object.fromEntries(first.url.searchParams)).toEqual({
      sort_by: "name",
      limit: "100",
      offset: "0",
    });
  });

  it("multi-page world: three org member pages, one request per space, no page fetched twice", async () => {
    const s = await setup(600);
    const state = s.sandbox.state.snapshot();
    expect(state.members.length).toBeGreaterThan(200);
    const { app } = await sync(s);
    expect(app.status).toBe("succeeded");
    await expectExact(s);
    const api = apiExchanges(s);
    expect(api).toHaveLength(minimumRequests(state));
    expect(app.stats.requests).toBe(api.length);
    expect(api.filter(isOrgMemberPage).map((e) => e.url.searchParams.get("offset"))).toEqual([
      "0",
      "100",
      "200",
    ]);
    expect(new Set(api.map((e) => e.url.href)).size).toBe(api.length);
    expect(app.stats.rateLimited).toBe(0);
    // A second sync on a new connector changes nothing and marks nothing gone.
    const again = await sync(s);
    expect(again.app.listings.accounts.gone + again.app.listings.grants.gone).toBe(0);
    await expectExact(s);
  });

  it("the JSON token endpoint (/oauth/token/v2) works as well as the SDKs' form endpoint", async () => {
    const s = await setup(40);
    const { app } = await sync(s, {}, { tokenFormat: "json" });
    expect(app.status).toBe("succeeded");
    expect(tokenExchanges(s).map((e) => [e.url.pathname, e.grantType])).toEqual([
      ["/oauth/token/v2", "password"],
    ]);
    await expectExact(s);
  });

  it("getAccount: a member with Podio's timestamps as ISO; 404 and foreign ids are null", async () => {
    const s = await setup(40);
    const member = world(40).members.find((m) => m.status === "invited")!;
    const connector = s.connector();
    const account = await connector.getAccount!(String(member.user_id));
    expect(account).toMatchObject({
      externalId: String(member.user_id),
      status: "invited",
      email: member.mail,
      createdAt: member.created_on,
      invitedAt: member.created_on,
      lastActivityAt: null,
    });
    expect(await connector.getAccount!("999999999")).toBeNull();
    expect(await connector.getAccount!("not-a-podio-id")).toBeNull();
  });
});

describe("podio: the spaces → members walk", () => {
  it("paged v2 listing gives the same grants, and a walk resumes from its opaque token", async () => {
    const s = await setup(600);
    const full = new Set<string>();
    const all = s.connector({}, { spaceMemberPageSize: 50 });
    for await (const page of all.grantPages())
      for (const g of page.grants) full.add(`${g.accountExternalId}→${g.groupExternalId}:${g.role}`);
    const state = s.sandbox.state.snapshot();
    expect(full.size).toBe(state.spaces.reduce((n, sp) => n + sp.members.length, 0));

    // Stop after the second page of the biggest space (the hub: > 200 members, five v2 pages of 50).
    const first = s.connector({}, { spaceMemberPageSize: 50 });
    const before = new Set<string>();
    let resume: string | undefined;
    let pages = 0;
    for await (const page of first.grantPages()) {
      for (const g of page.grants) before.add(`${g.accountExternalId}→${g.groupExternalId}:${g.role}`);
      pages += 1;
      resume = page.resume;
      if (pages === 2) break;
    }
    expect(decodeWalkState(resume!).stack).toMatchObject([
      { level: "spaces", after: null },
      { level: "members", offset: 100 },
    ]);
    s.exchanges.length = 0;
    const after = new Set<string>();
    for await (const page of s.connector({}, { spaceMemberPageSize: 50 }).grantPages(resume))
      for (const g of page.grants) after.add(`${g.accountExternalId}→${g.groupExternalId}:${g.role}`);
    expect(new Set([...before, ...after])).toEqual(full);
    expect([...before].filter((k) => after.has(k))).toEqual([]);
    // The resumed walk re-reads the space list once, then starts at offset 100 of the space it stopped in.
    const memberCalls = apiExchanges(s).filter((e) => e.url.pathname.includes("/member/v2/"));
    expect(memberCalls[0]!.url.searchParams.get("offset")).toBe("100");
    expect(() => decodeWalkState("garbage")).toThrow(/resume token/);
  });
});

describe("podio: rate limits", () => {
  it("a known budget is paced: zero 420s", async () => {
    // Podio allows 10 calls per (scaled) hour here, and roster knows it.
    const s = await setup(
      600,
      { rateLimitPerHour: 10 },
      { rateLimit: [{ limit: 10, windowMs: HOUR_MS / TIME_SCALE }] },
    );
    const { app } = await sync(s);
    expect(app.status).toBe("succeeded");
    expect(app.stats.rateLimited).toBe(0);
    expect(app.stats.waits).toBeGreaterThan(0);
    await expectExact(s);
  });

  it("420 'Please wait N seconds' from a budget lower than believed: the client waits as told and completes", async () => {
    const s = await setup(600, { rateLimitPerHour: 10 });
    const { app } = await sync(s);
    expect(app.status).toBe("succeeded");
    const refused = s.exchanges.filter((e) => e.status === 420);
    expect(refused.length).toBeGreaterThan(0);
    expect(app.stats.rateLimited).toBe(refused.length);
    // Each 420 paused the credential for the window's remainder rather than hammering: far fewer 420s than calls.
    expect(refused.length).toBeLessThan(apiExchanges(s).length / 3);
    await expectExact(s);
  });

  it("usage by another process on the same credential (X-Rate-Limit-Remaining) is accounted for: no 420", async () => {
    const s = await setup(
      600,
      { rateLimitPerHour: 10 },
      { rateLimit: [{ limit: 10, windowMs: HOUR_MS / TIME_SCALE }] },
    );
    // Someone else spends 6 of the 10 calls of this window with the same login and client id.
    const { credentials, org } = world(600);
    const token = await s.sandbox.fetch(`${BASE_URL}/oauth/token`, {
      method: "POST",
      body: new URLSearchParams({
        grant_type: "password",
        client_id: credentials.clientId,
        client_secret: credentials.clientSecret,
        username: credentials.username,
        password: credentials.password,
      }),
    });
    const { access_token } = (await token.json()) as { access_token: string };
    for (let i = 0; i < 6; i += 1) {
      const res = await s.sandbox.fetch(`${BASE_URL}/org/${org.org_id}/space/`, {
        headers: { Authorization: `OAuth2 ${access_token}` },
      });
      expect(res.status).toBe(200);
    }
    const { app } = await sync(s);
    expect(app.status).toBe("succeeded");
    expect(app.stats.rateLimited).toBe(0);
    await expectExact(s);
  });

  it("a 420 storm (token requests included) is waited out", async () => {
    const s = await setup(40, { faults: { stormRequests: 3 } });
    const { app } = await sync(s);
    expect(app.status).toBe("succeeded");
    expect(s.exchanges.filter((e) => e.status === 420)).toHaveLength(3);
    await expectExact(s);
  });
});

describe("podio: tokens", () => {
  it("a token expired mid-walk (after the first page) is refreshed once with the refresh token", async () => {
    const s = await setup(600);
    s.onResponse = (e, apiCount) => {
      if (apiCount === 1 && isOrgMemberPage(e)) s.sandbox.ctx.faults.expireTokens();
    };
    const { app } = await sync(s);
    expect(app.status).toBe("succeeded");
    expect(s.exchanges.filter((e) => e.status === 401)).toHaveLength(1);
    expect(tokenExchanges(s).map((e) => [e.grantType, e.status])).toEqual([
      ["password", 200],
      ["refresh_token", 200],
    ]);
    await expectExact(s);
  });

  it("expiry while space lists are fetched concurrently: one refresh for all of them (single flight)", async () => {
    const s = await setup(600);
    s.onResponse = (e) => {
      if (e.url.pathname.endsWith("/space/") && e.status === 200) s.sandbox.ctx.faults.expireTokens();
    };
    const { app } = await sync(s);
    expect(app.status).toBe("succeeded");
    expect(s.exchanges.filter((e) => e.status === 401).length).toBeGreaterThan(1);
    expect(tokenExchanges(s).map((e) => e.grantType)).toEqual(["password", "refresh_token"]);
    await expectExact(s);
  });

  it("refresh tokens rotate: renewals before expiry always use the newest one (no 401, no invalid_grant)", async () => {
    // 1.5 s access tokens and 10 calls per second: a multi-page sync outlives several tokens.
    const s = await setup(
      600,
      { rateLimitPerHour: 10, accessTokenLifetimeMs: 1500 * TIME_SCALE },
      { rateLimit: [{ limit: 10, windowMs: HOUR_MS / TIME_SCALE }] },
    );
    const { app } = await sync(s);
    expect(app.status).toBe("succeeded");
    const grants = tokenExchanges(s);
    expect(grants[0]!.grantType).toBe("password");
    expect(grants.slice(1).length).toBeGreaterThanOrEqual(2);
    expect(grants.slice(1).every((e) => e.grantType === "refresh_token" && e.status === 200)).toBe(true);
    expect(s.exchanges.filter((e) => e.status === 401)).toEqual([]);
    await expectExact(s);
  });
});

describe("podio: faults and drift", () => {
  const cases: [string, FaultInput][] = [
    ["10% 5xx", { errorRate: 0.1, seed: 7 }],
    ["10% dropped connections", { dropRate: 0.1, seed: 11 }],
    ["a rate-limit storm", { stormRequests: 4 }],
  ];
  for (const [name, faults] of cases) {
    it(`${name}: the sync completes, nothing existing is marked gone, a clean re-sync is exact`, async () => {
      // 103 members: two org member pages, so faults land mid-walk too.
      const s = await setup(260);
      await sync(s);
      s.sandbox.ctx.faults.set(faults);
      const faulty = await sync(s);
      expect(faulty.app.status).toBe("succeeded");
      expect(faulty.app.stats.retries).toBeGreaterThan(0);
      await expectNothingGoneThatExists(s);
      s.sandbox.ctx.faults.reset();
      await sync(s);
      await expectExact(s);
    });
  }

  it("page drift: duplicates dropped, skipped members re-verified, only the really removed marked gone", async () => {
    const s = await setup(600);
    s.sandbox.ctx.faults.set({ driftAdd: 2, driftRemove: 3 });
    const first = await sync(s);
    expect(first.app.status).toBe("succeeded");
    expect(s.sandbox.state.drift.length).toBeGreaterThan(0);
    await expectNothingGoneThatExists(s);

    const second = await sync(s);
    expect(second.app.status).toBe("succeeded");
    // Members the offset walk skipped were found by GET /org/{id}/member/{user_id} and kept.
    expect(second.app.reverified).toBeGreaterThan(0);
    expect(second.app.listings.accounts.gone).toBeGreaterThan(0);
    await expectNothingGoneThatExists(s);

    s.sandbox.ctx.faults.reset();
    await sync(s);
    await expectExact(s);
    await expectNothingGoneThatExists(s);
  });
});

describe("podio: failed and empty listings mark nothing gone", () => {
  it("a refused login (invalid_grant) fails every listing and says why", async () => {
    const s = await setup(40);
    await sync(s);
    const { app, row } = await sync(s, { password: "wrong-password" });
    expect(app.status).toBe("failed");
    expect(app.listings.accounts.error).toMatch(
      /podio: token request: POST \/oauth\/token → 400 unauthenticated: invalid_grant/,
    );
    expect(row.gone_skipped_reason).toMatch(/accounts: the listing did not finish/);
    expect(app.listings.accounts.gone + app.listings.groups.gone + app.listings.grants.gone).toBe(0);
    await expectExact(s);
  });

  it("an API that answers only 5xx fails the sync clearly and marks nothing gone", async () => {
    const s = await setup(40);
    await sync(s);
    s.sandbox.ctx.faults.set({ errorRate: 1, errorStatus: 503 });
    const { app, row } = await sync(s);
    expect(app.status).toBe("failed");
    expect(app.listings.accounts.error).toMatch(/503 unavailable/);
    expect(row.gone_skipped_reason).toMatch(/grants: the listing did not finish/);
    s.sandbox.ctx.faults.reset();
    await expectExact(s);
  });

  it("an app-grant config gets a clear forbidden error and marks nothing gone", async () => {
    const s = await setup(40);
    await sync(s);
    const { credentials } = world(40);
    const { app, row } = await sync(s, {
      username: undefined,
      password: undefined,
      appId: credentials.appId,
      appToken: credentials.appToken,
    });
    expect(tokenExchanges(s).at(-1)).toMatchObject({ grantType: "app", status: 200 });
    expect(app.status).toBe("failed");
    for (const listing of ["accounts", "groups"] as const) {
      expect(app.listings[listing].error).toMatch(/403 forbidden/);
      expect(app.listings[listing].error).toMatch(/app token .* cannot read organization or space members/);
      expect(app.listings[listing].error).toMatch(/`username` \+ `password` of an org admin/);
    }
    expect(row.gone_skipped_reason).toMatch(/accounts: the listing did not finish/);
    await expectExact(s);
  });

  it("a listing that suddenly shrinks (members removed in Podio) is suspicious: nothing marked gone", async () => {
    const s = await setup(40);
    await sync(s);
    // All but five members leave the org (as if the token now saw only part of it).
    for (const m of s.sandbox.state.snapshot().members.slice(5)) s.sandbox.state.removeMember(m.user_id);
    const { app, row } = await sync(s);
    expect(app.listings.accounts.seen).toBe(5);
    expect(app.listings.accounts.gone).toBe(0);
    expect(app.listings.grants.gone).toBe(0);
    expect(row.gone_skipped_reason).toMatch(/accounts: the listing returned \d+ of \d+ known/);
    expect(row.gone_skipped_reason).toMatch(/grants: the listing returned/);
  });

  it("an org emptied after a first sync: the empty listings mark nothing gone and say why", async () => {
    const s = await setup(40);
    await sync(s);
    const known = s.sandbox.state.snapshot();
    for (const m of known.members) s.sandbox.state.removeMember(m.user_id);
    for (const sp of known.spaces) s.sandbox.state.spaces.delete(sp.space_id);
    const { app, row } = await sync(s);
    expect(app.status).toBe("succeeded");
    expect(app.listings.accounts.seen + app.listings.groups.seen + app.listings.grants.seen).toBe(0);
    expect(app.listings.accounts.gone + app.listings.groups.gone + app.listings.grants.gone).toBe(0);
    expect(row.gone_skipped_reason).toMatch(/accounts: the listing came back empty although 30 were known/);
    expect(row.gone_skipped_reason).toMatch(/groups: the listing came back empty/);
    expect(row.gone_skipped_reason).toMatch(/grants: the listing came back empty/);
    expect((await s.harness.stored(APP)).accounts).toHaveLength(30);
  });

  it("an empty member list while members still exist: every known account is re-verified and kept", async () => {
    const s = await setup(40);
    await sync(s);
    s.rewrite = (e, res) => (isOrgMemberPage(e) ? Response.json([]) : res);
    s.exchanges.length = 0;
    const { app } = await sync(s);
    expect(app.listings.accounts.gone).toBe(0);
    expect(app.reverified).toBe(30);
    expect(apiExchanges(s).filter((e) => /\/member\/\d+$/.test(e.url.pathname))).toHaveLength(30);
    s.rewrite = undefined;
    await expectExact(s);
  });
});

describe("podio: secrets", () => {
  it("no client secret, password, app token or OAuth token in logs, errors or stored rows", async () => {
    const s = await setup(260, { faults: { stormRequests: 2 } });
    s.onResponse = (e, apiCount) => {
      if (apiCount === 2 && isOrgMemberPage(e)) s.sandbox.ctx.faults.expireTokens();
    };
    const errors: string[] = [];
    await sync(s);
    s.onResponse = undefined;
    s.sandbox.ctx.faults.set({ errorRate: 0.2, seed: 5 });
    await sync(s);
    s.sandbox.ctx.faults.reset();
    const { credentials } = world(260);
    for (const config of [
      { password: "wrong-password-value" },
      { clientSecret: "wrong-client-secret-value" },
      { username: undefined, password: undefined, appId: credentials.appId, appToken: credentials.appToken },
    ] satisfies Partial<PodioConnectorConfig>[]) {
      const { app } = await sync(s, config);
      for (const listing of Object.values(app.listings)) if (listing.error) errors.push(listing.error);
    }
    expect(errors.length).toBeGreaterThan(0);
    expect(s.logs.length).toBeGreaterThan(0);
    expect(s.issued.length).toBeGreaterThan(4);
    const secrets = [
      credentials.clientSecret,
      credentials.password,
      credentials.appToken,
      "wrong-password-value",
      "wrong-client-secret-value",
      ...s.issued,
    ];
    const haystacks = { logs: s.logs.join("\n"), errors: errors.join("\n"), store: await s.harness.dump() };
    for (const [where, text] of Object.entries(haystacks)) {
      for (const secret of secrets) expect(text.includes(secret), `a secret in ${where}`).toBe(false);
    }
  });
});

describe("podio: describe() and mappers", () => {
  it("declares what the API can do and the traps it handles", async () => {
    const s = await setup(40);
    const description = s.connector().describe();
    expect(description).toMatchObject({ type: "podio", app: APP });
    const { capabilities, quirks } = description;
    for (const name of ["listAccounts", "listGroups", "listGrants", "getAccount"] as const)
      expect(capabilities[name]?.supported).toBe(true);
    expect(capabilities.createAccount).toMatchObject({ supported: false });
    expect(capabilities.createAccount?.note).toMatch(/invitation to a space/);
    expect(capabilities.deleteAccount).toMatchObject({ reversible: false });
    expect(capabilities.deleteAccount?.note).toMatch(/last admin/);
    expect(capabilities.updateAccount?.note).toMatch(/target user's own token/);
    const text = quirks.join("\n");
    for (const trap of [
      /420/,
      /OAuth2 <token>/,
      /refresh token/,
      /app-grant tokens get 403/,
      /sort_by|sorted by name/,
      /YYYY-MM-DD HH:MM:SS/,
    ])
      expect(text).toMatch(trap);
  });

  it("maps Podio's UTC timestamps and statuses explicitly", () => {
    expect(podioTimeToIso("2026-10-31 09:15:00")).toBe("2026-10-31T09:15:00.000Z");
    expect(podioTimeToIso("2026-10-31T09:15:00+02:00")).toBe("2026-10-31T07:15:00.000Z");
    expect(podioTimeToIso(null)).toBeNull();
    expect(podioTimeToIso("last tuesday")).toBeNull();
    expect(podioStatus("invited")).toBe("invited");
    expect(podioStatus("inactive")).toBe("deactivated");
    expect(podioStatus("active")).toBe("active");
    expect(podioStatus(undefined)).toBe("active");
  });
});
