/**
 * The generic SCIM 2.0 connector against three SCIM servers, in-process, through the real sync into a throw-away
 * store: the Productboard sandbox's `/scim/v2`, the Docebo sandbox's `/scim/v2`, and roster's SCIM engine over a
 * `MemoryScimStore` (for attribute variety, paging quirks and drift the sandboxes do not have). Time is virtual.
 */
import { Hono } from "hono";
import pino from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { ScimConfig } from "../../src/config/schema.ts";
import type { Connector } from "../../src/connectors/contract.ts";
import { createScimConnector, createScimReader, scimUserToAccount } from "../../src/connectors/scim/index.ts";
import type { Account } from "../../src/core/account.ts";
import { bearer, createHttpClient } from "../../src/http/index.ts";
import { virtualTime } from "../../src/http/testing/virtual-time.ts";
import { createDoceboSandbox } from "../../src/sandbox/docebo/index.ts";
import { ManualClock } from "../../src/sandbox/kit/clock.ts";
import type { FaultInput } from "../../src/sandbox/kit/faults.ts";
import { createProductboardSandbox } from "../../src/sandbox/productboard/index.ts";
import { generateWorld, type World } from "../../src/sandbox/world/index.ts";
import {
  createScimApp,
  ENTERPRISE_USER_SCHEMA,
  MemoryScimStore,
  tokenMatcher,
} from "../../src/scim/index.ts";
import { SyncHarness } from "../support/sync-harness.ts";

const APP = "idp-app";
const ORIGIN = "http://scim.test";
const SCIM = `${ORIGIN}/scim/v2`;

const worlds = new Map<number, World>();
function world(people: number): World {
  let w = worlds.get(people);
  if (!w) {
    w = generateWorld({ people, seed: 3 });
    worlds.set(people, w);
  }
  return w;
}

type FetchLike = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

interface Exchange {
  method: string;
  path: string;
  query: URLSearchParams;
  status: number | "dropped";
}

interface WireOptions {
  /** Rewrite `filter.maxResults` of /ServiceProviderConfig (a server with a small page cap). */
  maxResults?: number;
  /** Post-process every list body (drop totalResults, lie in itemsPerPage...). */
  listBody?: (body: Record<string, unknown>, url: URL) => void;
  /** After a list response is read (drift). */
  afterList?: (url: URL, body: { Resources?: { id: string }[] }) => Promise<void>;
}

const harnesses: SyncHarness[] = [];
afterEach(async () => {
  for (const h of harnesses.splice(0)) await h.close();
});

/** A connector on `serve` (a sandbox's or an engine's fetch) with a counting, rewriting transport. */
async function wire(serve: FetchLike, token: string, clock: ManualClock, options: WireOptions = {}) {
  const exchanges: Exchange[] = [];
  const logLines: string[] = [];
  const logger = pino({ level: "debug" }, { write: (line: string) => void logLines.push(line) });
  const fetch: FetchLike = async (input, init) => {
    const request = input instanceof Request ? input : new Request(input, init);
    const url = new URL(request.url);
    const record: Exchange = {
      method: request.method,
      path: url.pathname,
      query: url.searchParams,
      status: "dropped",
    };
    exchanges.push(record);
    const response = await serve(request);
    record.status = response.status;
    const isList = /\/(Users|Groups)$/.test(url.pathname) && request.method === "GET" && response.ok;
    const isConfig = url.pathname.endsWith("/ServiceProviderConfig") && response.ok;
    if (!(isList && (options.listBody || options.afterList)) && !(isConfig && options.maxResults))
      return response;
    const body = (await response.json()) as Record<string, unknown>;
    if (isConfig) (body.filter as { maxResults: number }).maxResults = options.maxResults!;
    if (isList) {
      await options.afterList?.(url, body as { Resources?: { id: string }[] });
      options.listBody?.(body, url);
    }
    return new Response(JSON.stringify(body), { status: response.status, headers: response.headers });
  };
  const time = virtualTime({ clock });
  const config = ScimConfig.parse({ type: "scim", baseUrl: SCIM, token });
  const connect = (overrides: Partial<typeof config> = {}): Connector =>
    createScimConnector(APP, { ...config, ...overrides }, { fetch, logger, clock, sleep: time.sleep });
  const harness = await SyncHarness.open();
  harnesses.push(harness);
  return { connector: connect(), connect, harness, exchanges, logLines, fetch };
}

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

interface Expected {
  accounts: ReturnType<typeof view>[];
  groups: { externalId: string; name: string }[];
  grants: string[];
}

async function expectStored(harness: SyncHarness, expected: Expected) {
  const s = await harness.stored(APP);
  expect(byId(s.accounts).map(view)).toEqual(byId(expected.accounts));
  expect(byId(s.groups).map((g) => ({ externalId: g.externalId, name: g.name }))).toEqual(
    byId(expected.groups),
  );
  expect(s.groups.every((g) => g.kind === "group" && !g.dynamic)).toBe(true);
  expect(s.grants.map((g) => `${g.accountExternalId} ${g.groupExternalId}`).sort()).toEqual(
    [...new Set(expected.grants)].sort(),
  );
  expect(s.grants.every((g) => g.groupKind === "group" && g.role === null && !g.derived)).toBe(true);
}

const requestsTo = (exchanges: Exchange[], suffix: string) =>
  exchanges.filter((e) => e.path.endsWith(suffix));

// ---------------------------------------------------------------- Productboard's SCIM surface

function productboard(people: number, faults?: FaultInput) {
  const clock = new ManualClock();
  const sandbox = createProductboardSandbox({
    state: world(people).apps.productboard,
    clock,
    ...(faults ? { faults } : {}),
  });
  return { sandbox, clock, token: sandbox.state.credentials.scimToken };
}

function productboardExpected(sandbox: ReturnType<typeof productboard>["sandbox"]): Expected {
  const snapshot = sandbox.state.snapshot();
  return {
    accounts: snapshot.members.map((m) => {
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
        // The generic heuristic: a role containing "admin" is privileged.
        privileged: m.role === "admin",
        lastActivityAt: null,
        createdAt: new Date(m.createdAt).toISOString(),
        invitedAt: null,
      };
    }),
    groups: snapshot.teams.map((t) => ({ externalId: t.id, name: t.name })),
    grants: snapshot.teams.flatMap((t) => t.memberIds.map((m) => `${m} ${t.id}`)),
  };
}

describe("scim connector against Productboard's /scim/v2", () => {
  it("a small world: Users, Groups and grants equal the workspace; ServiceProviderConfig + one page each", async () => {
    const { sandbox, clock, token } = productboard(60);
    const { connector, harness, exchanges } = await wire(sandbox.fetch, token, clock);
    const result = await harness.sync(APP, connector);
    expect(result.status).toBe("succeeded");
    await expectStored(harness, productboardExpected(sandbox));
    expect(exchanges.map((e) => e.path)).toEqual([
      "/scim/v2/ServiceProviderConfig",
      "/scim/v2/Users",
      "/scim/v2/Groups",
    ]);
    // The engine advertises maxResults 1000: one page of everything.
    expect(exchanges[1]!.query.get("count")).toBe("1000");
    expect(connector.stats()).toMatchObject({ requests: 3, retries: 0, rateLimited: 0 });
  });

  it("a multi-page world: count = the advertised maxResults, every page once, grants without extra requests", async () => {
    const { sandbox, clock, token } = productboard(400);
    const { connector, harness, exchanges } = await wire(sandbox.fetch, token, clock, { maxResults: 15 });
    const expected = productboardExpected(sandbox);
    const result = await harness.sync(APP, connector);
    expect(result.status).toBe("succeeded");
    await expectStored(harness, expected);
    const userPages = Math.ceil(expected.accounts.length / 15);
    expect(requestsTo(exchanges, "/Users").map((e) => e.query.get("startIndex"))).toEqual(
      Array.from({ length: userPages }, (_, i) => String(1 + i * 15)),
    );
    expect(requestsTo(exchanges, "/Users").every((e) => e.query.get("count") === "15")).toBe(true);
    expect(requestsTo(exchanges, "/Groups")).toHaveLength(1);
    expect(connector.stats().requests).toBe(1 + userPages + 1);
  });
});

// ---------------------------------------------------------------- Docebo's SCIM surface

function docebo(people: number) {
  const clock = new ManualClock();
  const sandbox = createDoceboSandbox({ state: world(people).apps.docebo, clock });
  return { sandbox, clock, token: world(people).apps.docebo.credentials.scimToken };
}

function doceboExpected(sandbox: ReturnType<typeof docebo>["sandbox"]): Expected {
  const snapshot = sandbox.state.snapshot();
  const blank = (s: string) => (s.trim() === "" ? null : s);
  return {
    accounts: snapshot.users.map((u) => ({
      externalId: String(u.user_id),
      username: u.username,
      email: u.email,
      displayName: blank([u.first_name, u.last_name].filter((p) => p.trim() !== "").join(" ")),
      firstName: blank(u.first_name),
      lastName: blank(u.last_name),
      status: u.status === "1" ? "active" : "deactivated",
      // Docebo's SCIM Users carry no roles (levels are REST-only).
      roles: [],
      privileged: false,
      lastActivityAt: null,
      createdAt: new Date(u.creation_date).toISOString(),
      invitedAt: null,
    })),
    groups: snapshot.groups.map((g) => ({ externalId: String(g.id), name: g.name })),
    grants: snapshot.groups.flatMap((g) => g.userIds.map((u) => `${u} ${g.id}`)),
  };
}

describe("scim connector against Docebo's /scim/v2", () => {
  it("a multi-page world: users, static and dynamic groups, memberships", async () => {
    const { sandbox, clock, token } = docebo(60);
    const { connector, harness, exchanges } = await wire(sandbox.fetch, token, clock, { maxResults: 10 });
    const expected = doceboExpected(sandbox);
    expect(expected.accounts.length).toBeGreaterThan(20);
    const result = await harness.sync(APP, connector);
    expect(result.status).toBe("succeeded");
    await expectStored(harness, expected);
    const stored = await harness.stored(APP);
    const withEnterprise = stored.accounts.filter((a) =>
      JSON.stringify(a.raw).includes(ENTERPRISE_USER_SCHEMA),
    );
    expect(withEnterprise.length).toBeGreaterThan(0);
    expect(connector.stats().requests).toBe(
      1 + Math.ceil(expected.accounts.length / 10) + Math.ceil(expected.groups.length / 10),
    );
    expect(requestsTo(exchanges, "/Groups")).toHaveLength(Math.ceil(expected.groups.length / 10));
  });

  const faults: { name: string; faults: FaultInput }[] = [
    { name: "10% 5xx", faults: { errorRate: 0.1, seed: 4 } },
    { name: "a rate-limit storm", faults: { stormRequests: 3 } },
    { name: "dropped connections", faults: { dropRate: 0.25, seed: 5 } },
  ];
  for (const { name, faults: input } of faults) {
    it(`${name}: the sync completes, nothing existing is marked gone, a clean re-sync is exact`, async () => {
      const { sandbox, clock, token } = docebo(60);
      const { connector, harness } = await wire(sandbox.fetch, token, clock, { maxResults: 10 });
      await harness.sync(APP, connector);
      sandbox.ctx.faults.set(input);
      const before = connector.stats();
      const result = await harness.sync(APP, connector);
      expect(result.status).toBe("succeeded");
      const after = connector.stats();
      if (input.stormRequests) expect(after.rateLimited - before.rateLimited).toBe(input.stormRequests);
      else expect(after.retries).toBeGreaterThan(before.retries);
      const s = await harness.stored(APP, true);
      expect(s.accounts.filter((a) => a.goneRun)).toEqual([]);
      expect(s.groups.filter((g) => g.goneRun)).toEqual([]);
      expect(s.grants.filter((g) => g.goneRun)).toEqual([]);
      sandbox.ctx.faults.reset();
      expect((await harness.sync(APP, connector)).status).toBe("succeeded");
      await expectStored(harness, doceboExpected(sandbox));
    });
  }

  it("token expiry mid-walk: a static SCIM token is unaffected", async () => {
    const { sandbox, clock, token } = docebo(60);
    const { connector, harness, exchanges } = await wire(
      async (request) => {
        if (exchanges.length === 2) sandbox.ctx.faults.expireTokens();
        return sandbox.fetch(request);
      },
      token,
      clock,
      { maxResults: 10 },
    );
    const result = await harness.sync(APP, connector);
    expect(result.status).toBe("succeeded");
    await expectStored(harness, doceboExpected(sandbox));
  });
});

// ---------------------------------------------------------------- roster's SCIM engine over a MemoryScimStore

const ENGINE_TOKEN = "scim-engine-token-3f9a1c7e5b2d";

/** The engine at /scim/v2 with `maxResults`, and helpers that write through its own API. */
function engine(maxResults = 1000) {
  const clock = new ManualClock();
  const store = new MemoryScimStore();
  const app = new Hono();
  app.route(
    "/scim/v2",
    createScimApp({ store, clock, maxResults, authenticate: tokenMatcher([ENGINE_TOKEN]) }),
  );
  const call = async (method: string, path: string, body?: unknown) => {
    const response = await app.request(`${SCIM}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${ENGINE_TOKEN}`,
        ...(body ? { "content-type": "application/scim+json" } : {}),
      },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
  };
  const serve: FetchLike = async (input, init) =>
    app.request(input instanceof Request ? input : new Request(input, init));
  return { app, store, clock, call, serve };
}

/** A directory with the attribute variety real IdP-fed apps have. */
async function seed(e: ReturnType<typeof engine>, users = 37, groups = 5) {
  const ids: string[] = [];
  for (let i = 1; i <= users; i++) {
    const variant = i % 5;
    const body: Record<string, unknown> = {
      schemas: ["urn:ietf:params:scim:schemas:core:2.0:User", ENTERPRISE_USER_SCHEMA],
      userName: variant === 4 ? `user${i}` : `user${i}@corp.example`,
      externalId: `ext-${i}`,
      name: { givenName: `Given${i}`, familyName: `Family${i}` },
      ...(variant === 0 ? { displayName: `Display ${i}` } : {}),
      active: i % 7 !== 0,
      // emails: primary first, or a work one among others, or none (userName is the address)
      ...(variant === 1
        ? {
            emails: [
              { value: `home${i}@mail.example`, type: "home" },
              { value: `primary${i}@corp.example`, type: "other", primary: true },
            ],
          }
        : variant === 2
          ? {
              emails: [
                { value: `home${i}@mail.example`, type: "home" },
                { value: `work${i}@corp.example`, type: "work" },
              ],
            }
          : {}),
      ...(i % 6 === 0
        ? {
            roles: [
              { value: "Reader", primary: false },
              { value: "Org Admin", primary: true },
            ],
          }
        : i % 3 === 0
          ? { roles: [{ value: "Reader" }] }
          : {}),
      [ENTERPRISE_USER_SCHEMA]: { employeeNumber: `E${1000 + i}`, department: i % 2 ? "Sales" : "R&D" },
    };
    const created = await e.call("POST", "/Users", body);
    expect(created.status).toBe(201);
    ids.push(String(created.body.id));
  }
  const groupIds: string[] = [];
  for (let g = 0; g < groups; g++) {
    const members = ids.filter((_, i) => i % (g + 2) === 0).map((value) => ({ value }));
    const created = await e.call("POST", "/Groups", { displayName: `Group ${g}`, members });
    expect(created.status).toBe(201);
    groupIds.push(String(created.body.id));
  }
  return { ids, groupIds };
}

const DRIFT_USER: Omit<ReturnType<typeof view>, "externalId" | "username" | "email" | "createdAt"> = {
  displayName: null,
  firstName: null,
  lastName: null,
  status: "active",
  roles: [],
  privileged: false,
  lastActivityAt: null,
  invitedAt: null,
};

/** Expected accounts from the engine's own GET /Users answers, read independently of the connector. */
async function engineExpected(e: ReturnType<typeof engine>): Promise<Expected> {
  // Straight from the store: every resource, whatever the mount's page cap.
  const all = { startIndex: 1, count: 100_000 };
  const users: Record<string, unknown>[] = (await e.store.query("User", all)).resources;
  const groups: Record<string, unknown>[] = (await e.store.query("Group", all)).resources;
  return {
    accounts: users.map((u) => {
      const created = new Date(String((u.meta as { created: string }).created)).toISOString();
      if (!String(u.externalId ?? "").startsWith("ext-")) {
        // Users added by the drift below: a bare userName e-mail.
        const userName = String(u.userName);
        return {
          ...DRIFT_USER,
          externalId: String(u.id),
          username: userName,
          email: userName,
          createdAt: created,
        };
      }
      const i = Number(String(u.externalId).slice(4));
      const variant = i % 5;
      const email =
        variant === 1
          ? `primary${i}@corp.example`
          : variant === 2
            ? `work${i}@corp.example`
            : variant === 4
              ? null
              : `user${i}@corp.example`;
      return {
        externalId: String(u.id),
        username: variant === 4 ? `user${i}` : `user${i}@corp.example`,
        email,
        displayName: variant === 0 ? `Display ${i}` : `Given${i} Family${i}`,
        firstName: `Given${i}`,
        lastName: `Family${i}`,
        status: i % 7 !== 0 ? "active" : "deactivated",
        roles: i % 6 === 0 ? ["Org Admin", "Reader"] : i % 3 === 0 ? ["Reader"] : [],
        privileged: i % 6 === 0,
        lastActivityAt: null,
        createdAt: created,
        invitedAt: null,
      };
    }),
    groups: groups.map((g) => ({
      externalId: String(g.id),
      name: String(g.displayName),
    })),
    grants: groups.flatMap((g) =>
      ((g.members as { value: string }[] | undefined) ?? []).map((m) => `${m.value} ${g.id}`),
    ),
  };
}

describe("scim connector against roster's SCIM engine", () => {
  it("maps userName, emails (primary, then work), name, displayName, active, roles, enterprise extension, meta", async () => {
    const e = engine(10);
    await seed(e);
    const { connector, harness } = await wire(e.serve, ENGINE_TOKEN, e.clock);
    const result = await harness.sync(APP, connector);
    expect(result.status).toBe("succeeded");
    await expectStored(harness, await engineExpected(e));
    const stored = await harness.stored(APP);
    const one = stored.accounts.find((a) => a.username === "user2@corp.example")!;
    expect(one.raw).toMatchObject({
      [ENTERPRISE_USER_SCHEMA]: { employeeNumber: "E1002", department: "R&D" },
    });
    // 37 users and 5 groups at 10 per page.
    expect(connector.stats().requests).toBe(1 + 4 + 1);
  });

  it("a server without totalResults and with a wrong itemsPerPage: walked to the first empty page, complete", async () => {
    const e = engine(10);
    await seed(e, 30, 3);
    const { connector, harness, exchanges } = await wire(e.serve, ENGINE_TOKEN, e.clock, {
      listBody: (body) => {
        delete body.totalResults;
        body.itemsPerPage = 1000;
      },
    });
    const result = await harness.sync(APP, connector);
    expect(result.status).toBe("succeeded");
    await expectStored(harness, await engineExpected(e));
    // 30 users: three full pages, then the empty page that ends a walk without a total.
    expect(requestsTo(exchanges, "/Users").map((x) => x.query.get("startIndex"))).toEqual([
      "1",
      "11",
      "21",
      "31",
    ]);
  });

  it("a server capping count below what it advertises: paging advances by what came back", async () => {
    const e = engine(7);
    await seed(e, 20, 2);
    const { connector, harness, exchanges } = await wire(e.serve, ENGINE_TOKEN, e.clock, { maxResults: 50 });
    expect((await harness.sync(APP, connector)).status).toBe("succeeded");
    await expectStored(harness, await engineExpected(e));
    expect(requestsTo(exchanges, "/Users").map((x) => x.query.get("startIndex"))).toEqual(["1", "8", "15"]);
  });

  it("no /ServiceProviderConfig (404): pages of 100", async () => {
    const e = engine();
    await seed(e, 12, 2);
    const { connector, harness, exchanges } = await wire(
      async (request) =>
        new URL(request instanceof Request ? request.url : String(request)).pathname.endsWith(
          "/ServiceProviderConfig",
        )
          ? new Response(JSON.stringify({ status: "404" }), { status: 404 })
          : e.serve(request),
      ENGINE_TOKEN,
      e.clock,
    );
    expect((await harness.sync(APP, connector)).status).toBe("succeeded");
    expect(requestsTo(exchanges, "/Users")[0]!.query.get("count")).toBe("100");
    await expectStored(harness, await engineExpected(e));
  });

  it("page drift under startIndex paging: a skipped user is re-read by id and kept; a clean re-sync is exact", async () => {
    const e = engine(8);
    const { ids } = await seed(e, 40, 2);
    const { connector, harness } = await wire(e.serve, ENGINE_TOKEN, e.clock);
    await harness.sync(APP, connector);
    let drifting = true;
    const removed: string[] = [];
    const added: string[] = [];
    const drifted = await wire(e.serve, ENGINE_TOKEN, e.clock, {
      afterList: async (url, body) => {
        if (!drifting || !url.pathname.endsWith("/Users")) return;
        // Right after a page: remove one user from that page (shifting every later user one slot back) and add one.
        const victim = body.Resources?.[0]?.id;
        if (victim) {
          expect((await e.call("DELETE", `/Users/${victim}`)).status).toBe(204);
          removed.push(victim);
        }
        const created = await e.call("POST", "/Users", { userName: `drift${added.length}@corp.example` });
        added.push(String(created.body.id));
      },
    });
    const result = await harness.sync(APP, drifted.connector);
    drifting = false;
    expect(result.status).toBe("succeeded");
    expect(removed.length).toBeGreaterThan(1);
    // The listing missed users (offset drift), the sync re-read them by id before marking anything gone.
    expect(result.apps[0]!.reverified).toBeGreaterThan(0);
    expect(requestsTo(drifted.exchanges, "/Users").length).toBeGreaterThan(0);
    expect(drifted.exchanges.some((x) => /\/Users\/[^/]+$/.test(x.path) && x.status === 200)).toBe(true);
    const s = await harness.stored(APP, true);
    const live = new Set(ids.filter((id) => !removed.includes(id)));
    for (const a of s.accounts) if (live.has(a.externalId)) expect(a.goneRun, a.externalId).toBeNull();
    expect((await harness.sync(APP, connector)).status).toBe("succeeded");
    await expectStored(harness, await engineExpected(e));
  });

  it("getAccount: GET /Users/{id}, null on 404", async () => {
    const e = engine();
    const { ids } = await seed(e, 3, 1);
    const { connector, exchanges } = await wire(e.serve, ENGINE_TOKEN, e.clock);
    expect(await connector.getAccount!(ids[1]!)).toMatchObject({
      externalId: ids[1],
      username: "user2@corp.example",
    });
    expect(exchanges.at(-1)?.path).toBe(`/scim/v2/Users/${ids[1]}`);
    expect(await connector.getAccount!("no-such-id")).toBeNull();
    expect(connector.stats().requests).toBe(2);
  });

  it("a wrong token (401): the sync fails, records why, marks nothing gone, and leaks no token", async () => {
    const e = engine();
    await seed(e, 12, 2);
    const { connector, connect, harness, logLines } = await wire(e.serve, ENGINE_TOKEN, e.clock);
    await harness.sync(APP, connector);
    const wrong = "wrong-scim-token-8d7c6b5a4f3e";
    const result = await harness.sync(APP, connect({ token: wrong }));
    expect(result.status).toBe("failed");
    expect(result.apps[0]!.listings.accounts.error).toMatch(/GET \/scim\/v2\/Users → 401 unauthenticated/);
    const s = await harness.stored(APP, true);
    expect(s.accounts.filter((a) => a.goneRun)).toEqual([]);
    const [appSync] = await harness.appSyncs(result.runId);
    expect(appSync!.gone_skipped_reason).toMatch(/accounts: the listing did not finish/);
    const everything = [logLines.join("\n"), appSync!.error, await harness.dump()].join("\n");
    for (const secret of [wrong, ENGINE_TOKEN]) expect(everything).not.toContain(secret);
  });

  it("a directory that suddenly lists no one: suspicious, nothing marked gone", async () => {
    const e = engine();
    const { ids } = await seed(e, 12, 2);
    const { connector, harness } = await wire(e.serve, ENGINE_TOKEN, e.clock);
    await harness.sync(APP, connector);
    for (const id of ids) expect((await e.call("DELETE", `/Users/${id}`)).status).toBe(204);
    const result = await harness.sync(APP, connector);
    expect(result.apps[0]!.listings.accounts).toMatchObject({ complete: true, seen: 0, gone: 0 });
    const [appSync] = await harness.appSyncs(result.runId);
    expect(appSync!.gone_skipped_reason).toMatch(/accounts: the listing came back empty/);
    expect((await harness.stored(APP)).accounts).toHaveLength(12);
  });

  it("a server repeating the same page whatever the startIndex: the listing fails instead of looking complete", async () => {
    const e = engine(5);
    await seed(e, 12, 1);
    const { connector, harness } = await wire(
      async (request) => {
        const url = new URL(request instanceof Request ? request.url : String(request));
        url.searchParams.set("startIndex", "1");
        return e.serve(new Request(url, request instanceof Request ? request : undefined));
      },
      ENGINE_TOKEN,
      e.clock,
    );
    const result = await harness.sync(APP, connector);
    expect(result.apps[0]!.listings.accounts.complete).toBe(false);
    expect(result.apps[0]!.listings.accounts.error).toMatch(/pagination loop/);
  });

  it("logs carry no token on a healthy run either", async () => {
    const e = engine(10);
    await seed(e);
    const { connector, harness, logLines } = await wire(e.serve, ENGINE_TOKEN, e.clock);
    await harness.sync(APP, connector);
    expect(logLines.length).toBeGreaterThan(5);
    expect(`${logLines.join("\n")}${await harness.dump()}`).not.toContain(ENGINE_TOKEN);
  });
});

// ---------------------------------------------------------------- odd payloads, reuse, describe()

describe("scim connector: odd payloads, the reusable reader, describe()", () => {
  it("tolerates numeric ids, string booleans, Entra's string manager; skips nested-group members", async () => {
    const app = new Hono();
    app.get("/scim/v2/ServiceProviderConfig", (c) =>
      c.json({ filter: { supported: "true", maxResults: "50" } }),
    );
    app.get("/scim/v2/Users", (c) =>
      c.json({
        totalResults: "2",
        Resources: [
          {
            id: 101,
            userName: "ann@corp.example",
            active: "False",
            emails: [{ value: "ann@corp.example", primary: "true" }],
            roles: [{ value: "Owner", primary: "True" }],
            [ENTERPRISE_USER_SCHEMA]: { manager: "202" },
          },
          { id: "202", userName: "bob", name: { formatted: "Bob B." } },
        ],
      }),
    );
    app.get("/scim/v2/Groups", (c) =>
      c.json({
        totalResults: 1,
        Resources: [
          {
            id: "g1",
            displayName: "Ops",
            members: [
              { value: 101, type: "User" },
              { value: "202" },
              { value: "g2", type: "Group" },
              { value: "202" },
            ],
          },
        ],
      }),
    );
    const { connector, harness, exchanges } = await wire(
      async (r) => app.request(r instanceof Request ? r : new Request(r)),
      ENGINE_TOKEN,
      new ManualClock(),
    );
    expect((await harness.sync(APP, connector)).status).toBe("succeeded");
    expect(requestsTo(exchanges, "/Users")[0]!.query.get("count")).toBe("50");
    const s = await harness.stored(APP);
    expect(byId(s.accounts).map(view)).toEqual([
      {
        externalId: "101",
        username: "ann@corp.example",
        email: "ann@corp.example",
        displayName: null,
        firstName: null,
        lastName: null,
        status: "deactivated",
        roles: ["Owner"],
        privileged: true,
        lastActivityAt: null,
        createdAt: null,
        invitedAt: null,
      },
      {
        externalId: "202",
        username: "bob",
        email: null,
        displayName: "Bob B.",
        firstName: null,
        lastName: null,
        status: "active",
        roles: [],
        privileged: false,
        lastActivityAt: null,
        createdAt: null,
        invitedAt: null,
      },
    ]);
    expect(s.grants.map((g) => g.accountExternalId).sort()).toEqual(["101", "202"]);
  });

  it("a payload that does not parse is an `invalid` error naming the app, endpoint and field", async () => {
    const app = new Hono();
    app.get("/scim/v2/ServiceProviderConfig", (c) => c.json({}));
    app.get("/scim/v2/Users", (c) => c.json({ totalResults: 1, Resources: [{ userName: "no-id" }] }));
    const { connector, harness } = await wire(
      async (r) => app.request(r instanceof Request ? r : new Request(r)),
      ENGINE_TOKEN,
      new ManualClock(),
    );
    const result = await harness.sync(APP, connector);
    expect(result.apps[0]!.listings.accounts.error).toMatch(
      /^idp-app: list users: GET \/scim\/v2\/Users → 200 invalid: unexpected response shape at Resources\[0\]\.id/,
    );
  });

  it("createScimReader works on any client bound to a SCIM base (the Productboard connector reuses it)", async () => {
    const e = engine(4);
    await seed(e, 9, 1);
    const client = createHttpClient({
      app: "reuse",
      baseUrl: SCIM,
      auth: bearer(ENGINE_TOKEN),
      fetch: e.serve,
    });
    const reader = createScimReader(client);
    expect(await reader.pageSize()).toEqual({ count: 4, source: "serviceProviderConfig" });
    const pages: number[] = [];
    for await (const page of reader.users()) pages.push(page.items.length);
    expect(pages).toEqual([4, 4, 1]);
    const [first] = (await e.call("GET", "/Users?count=1")).body.Resources as { id: string }[];
    const user = await reader.user(first!.id);
    expect(scimUserToAccount("reuse", user!)).toMatchObject({
      externalId: first!.id,
      username: "user1@corp.example",
    });
    // ServiceProviderConfig was asked once for all of it.
    expect(client.stats().requests).toBe(1 + 3 + 1 + 0);
    const none = createScimReader(client, { discoverPageSize: false, defaultCount: 3 });
    expect(await none.pageSize()).toEqual({ count: 3, source: "default" });
  });

  it("describe() declares capabilities and quirks", async () => {
    const e = engine();
    const { connector } = await wire(e.serve, ENGINE_TOKEN, e.clock);
    const d = connector.describe();
    expect(d).toMatchObject({ type: "scim", app: APP });
    for (const name of ["listAccounts", "listGroups", "listGrants", "getAccount"] as const) {
      expect(d.capabilities[name]?.supported).toBe(true);
    }
    expect(d.capabilities.deleteAccount).toMatchObject({ supported: false, reversible: false });
    const quirks = d.quirks.join("\n");
    expect(quirks).toMatch(/ServiceProviderConfig/);
    expect(quirks).toMatch(/totalResults/);
    expect(quirks).toMatch(/nested groups/);
  });
});
