/**
 * The Docebo connector against the Docebo sandbox, in-process, through the real sync into a throw-away store.
 * Time is virtual (the sandbox's ManualClock drives the HTTP layer's pacing and backoff), so rate windows and
 * retries cost nothing.
 */
import pino from "pino";
import { afterEach, describe, expect, it } from "vitest";
import type { Connector } from "../../src/connectors/contract.ts";
import {
  createDoceboConnector,
  type DoceboConfig,
  doceboStatus,
  doceboTimestamp,
} from "../../src/connectors/docebo/index.ts";
import type { Grant } from "../../src/core/account.ts";
import { virtualTime } from "../../src/http/testing/virtual-time.ts";
import {
  createDoceboSandbox,
  type DoceboSandbox,
  type DoceboSandboxOptions,
} from "../../src/sandbox/docebo/index.ts";
import { ManualClock } from "../../src/sandbox/kit/clock.ts";
import type { FaultInput } from "../../src/sandbox/kit/faults.ts";
import { generateWorld } from "../../src/sandbox/world/index.ts";
import type { DoceboState } from "../../src/sandbox/world/types.ts";
import { type Stored, SyncHarness } from "../support/sync-harness.ts";

const APP = "docebo";
const BASE_URL = "https://northwind.docebosaas.com";

const small = generateWorld({ people: 60, seed: 3 }).apps.docebo;
const medium = generateWorld({ people: 120, seed: 7 }).apps.docebo;
const large = generateWorld({ people: 1000, seed: 3 }).apps.docebo;

interface Rig {
  sandbox: DoceboSandbox;
  clock: ManualClock;
  connector: (overrides?: Partial<DoceboConfig>) => Connector;
  config: DoceboConfig;
  /** Access tokens the sandbox handed out (to check they are never logged or stored). */
  tokens: string[];
  /** Bodies of token requests (grant type checks). */
  tokenBodies: URLSearchParams[];
  /** Log lines of every connector built by this rig. */
  logs: string[];
  /** Called after each `/manage` answer with its 1-based number. */
  onManage?: (count: number, url: URL) => void;
}

const harnesses: SyncHarness[] = [];
afterEach(async () => {
  for (const harness of harnesses.splice(0)) await harness.close();
});

async function openHarness(): Promise<SyncHarness> {
  const harness = await SyncHarness.open();
  harnesses.push(harness);
  return harness;
}

function rig(state: DoceboState, options: Omit<DoceboSandboxOptions, "state" | "clock"> = {}): Rig {
  const clock = new ManualClock();
  const time = virtualTime({ clock });
  const sandbox = createDoceboSandbox({ state, clock, ...options });
  const tokens: string[] = [];
  const tokenBodies: URLSearchParams[] = [];
  const logs: string[] = [];
  let manageCount = 0;
  const result: Rig = {
    sandbox,
    clock,
    tokens,
    tokenBodies,
    logs,
    config: {
      type: "docebo",
      baseUrl: BASE_URL,
      clientId: state.credentials.clientId,
      clientSecret: state.credentials.clientSecret,
    },
    connector: (overrides = {}) =>
      createDoceboConnector(
        APP,
        { ...result.config, ...overrides },
        {
          fetch,
          clock: time.clock,
          sleep: time.sleep,
          logger: pino({ level: "debug" }, { write: (line: string) => void logs.push(line) }),
        },
      ),
  };
  const fetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const request = input instanceof Request ? input : new Request(input, init);
    const url = new URL(request.url);
    if (url.pathname === "/oauth2/token") tokenBodies.push(new URLSearchParams(await request.clone().text()));
    const response = await sandbox.fetch(request);
    if (url.pathname === "/oauth2/token" && response.ok) {
      const body = (await response.clone().json()) as { access_token: string };
      tokens.push(body.access_token);
    }
    if (url.pathname.startsWith("/manage/")) {
      manageCount += 1;
      result.onManage?.(manageCount, url);
    }
    return response;
  };
  return result;
}

// ------------------------------------------------------------------ expected state from the sandbox

/** The sandbox keeps ISO instants; Docebo prints whole seconds. */
const seconds = (iso: string | null) =>
  iso === null ? null : new Date(Math.floor(Date.parse(iso) / 1000) * 1000).toISOString();

function expected(sandbox: DoceboSandbox) {
  const snapshot = sandbox.state.snapshot();
  const accounts = snapshot.users.map((u) => ({
    externalId: String(u.user_id),
    username: u.username,
    email: u.email,
    firstName: u.first_name,
    lastName: u.last_name,
    status: u.status === "1" ? "active" : "suspended",
    roles: [u.level],
    privileged: u.level === "godadmin" || u.level === "poweruser",
    lastActivityAt: seconds(u.last_access_date),
    createdAt: seconds(u.creation_date),
  }));
  const groups = [
    ...snapshot.branches.map((b) => ({
      kind: "branch",
      externalId: String(b.id),
      name: b.name,
      dynamic: false,
      parentExternalId: b.parent_id === null ? null : String(b.parent_id),
    })),
    ...snapshot.groups.map((g) => ({
      kind: "group",
      externalId: String(g.id),
      name: g.name,
      dynamic: g.type === "dynamic",
      parentExternalId: null,
    })),
  ];
  const live = new Set(snapshot.users.map((u) => u.user_id));
  const grants = [
    ...snapshot.branches.flatMap((b) =>
      b.userIds.filter((id) => live.has(id)).map((id) => grantKey(String(id), "branch", String(b.id), false)),
    ),
    ...snapshot.groups.flatMap((g) =>
      g.userIds
        .filter((id) => live.has(id))
        .map((id) => grantKey(String(id), "group", String(g.id), g.type === "dynamic")),
    ),
  ];
  return { accounts: sortById(accounts), groups: sortGroups(groups), grants: grants.sort() };
}

function actual(stored: Stored) {
  return {
    accounts: sortById(
      stored.accounts.map((a) => ({
        externalId: a.externalId,
        username: a.username,
        email: a.email,
        firstName: a.firstName,
        lastName: a.lastName,
        status: a.status,
        roles: a.roles,
        privileged: a.privileged,
        lastActivityAt: a.lastActivityAt,
        createdAt: a.createdAt,
      })),
    ),
    groups: sortGroups(
      stored.groups.map((g) => ({
        kind: g.kind,
        externalId: g.externalId,
        name: g.name,
        dynamic: g.dynamic,
        parentExternalId: g.parentExternalId,
      })),
    ),
    grants: stored.grants
      .map((g) => grantKey(g.accountExternalId, g.groupKind, g.groupExternalId, g.derived, g.role))
      .sort(),
  };
}

function grantKey(
  account: string,
  kind: string,
  group: string,
  derived: boolean,
  role: string | null = null,
) {
  return `${account}|${kind}|${group}|derived=${derived}|role=${role}`;
}
const sortById = <T extends { externalId: string }>(rows: T[]) =>
  rows.sort((a, b) => Number(a.externalId) - Number(b.externalId));
const sortGroups = <T extends { kind: string; externalId: string }>(rows: T[]) =>
  rows.sort((a, b) => a.kind.localeCompare(b.kind) || Number(a.externalId) - Number(b.externalId));

async function expectInSync(harness: SyncHarness, sandbox: DoceboSandbox): Promise<void> {
  const want = expected(sandbox);
  const got = actual(await harness.stored(APP));
  expect(got.accounts).toEqual(want.accounts);
  expect(got.groups).toEqual(want.groups);
  expect(got.grants).toEqual(want.grants);
}

/**
 * Requests a healthy sync needs: every list at `pageSize`, one member walk per branch (orgchart items carry no
 * count, so an empty branch still costs one), and one per group whose members_count is not 0. `ideal` is the
 * benchmark's floor, Σ ceil(records ÷ page size) per endpoint, where an empty branch costs nothing.
 */
function minimumRequests(sandbox: DoceboSandbox, pageSize: number) {
  const snapshot = sandbox.state.snapshot();
  const pages = (n: number) => Math.ceil(n / pageSize);
  const lists = [snapshot.users.length, snapshot.branches.length, snapshot.groups.length];
  const branchMembers = snapshot.branches.map((b) => b.userIds.length);
  const groupMembers = snapshot.groups.map((g) => g.userIds.length);
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  return {
    achievable:
      sum(lists.map((n) => Math.max(1, pages(n)))) +
      sum(branchMembers.map((n) => Math.max(1, pages(n)))) +
      sum(groupMembers.map(pages)),
    ideal: sum(lists.map(pages)) + sum(branchMembers.map(pages)) + sum(groupMembers.map(pages)),
  };
}

/** Every `/manage` request the sandbox served, as `path?query`. */
function served(sandbox: DoceboSandbox): string[] {
  return sandbox.ctx.log
    .recent(1000)
    .filter((r) => r.path.startsWith("/manage/"))
    .map((r) => `${r.method} ${r.path}${r.query}`);
}

// ------------------------------------------------------------------ 1. exact picture

describe("docebo connector: a healthy sync", () => {
  it("stores exactly the small world's accounts, branches, groups and grants", async () => {
    const { sandbox, connector, tokenBodies } = rig(small);
    const harness = await openHarness();
    const c = connector();
    const result = await harness.sync(APP, c);
    expect(result.status).toBe("succeeded");
    await expectInSync(harness, sandbox);

    const stored = await harness.stored(APP);
    expect(stored.accounts.some((a) => a.status === "suspended")).toBe(true);
    expect(stored.accounts.filter((a) => a.privileged).map((a) => a.roles[0])).toContain("godadmin");
    const raw = stored.accounts[0]!.raw as Record<string, unknown>;
    expect(raw).toHaveProperty("manager_id");
    expect(raw.creation_date).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    expect(stored.grants.some((g) => g.derived)).toBe(true);

    // One client_credentials token (scope api) for the whole sync; the known budget is never exceeded.
    expect(tokenBodies).toHaveLength(1);
    expect(tokenBodies[0]!.get("grant_type")).toBe("client_credentials");
    expect(tokenBodies[0]!.get("scope")).toBe("api");
    expect(c.stats().rateLimited).toBe(0);
    expect(c.stats().requests).toBe(minimumRequests(sandbox, 200).achievable);
  });

  it("walks a multi-page world (page cap 7) exactly, never asking for a page twice", async () => {
    const { sandbox, connector } = rig(medium, { maxPageSize: 7 });
    const harness = await openHarness();
    const c = connector();
    const result = await harness.sync(APP, c);
    expect(result.status).toBe("succeeded");
    expect(result.apps[0]!.listings.accounts.pages).toBeGreaterThan(10);
    await expectInSync(harness, sandbox);

    const requests = served(sandbox);
    expect(new Set(requests).size).toBe(requests.length);
    expect(requests.some((r) => r.includes("get_total_count"))).toBe(false);
    expect(c.stats().requests).toBe(minimumRequests(sandbox, 7).achievable);
  });

  it("uses the minimum requests on a 730-user world at Docebo's page size of 200", async () => {
    const { sandbox, connector } = rig(large);
    const harness = await openHarness();
    const c = connector();
    await harness.sync(APP, c);
    await expectInSync(harness, sandbox);
    const { achievable, ideal } = minimumRequests(sandbox, 200);
    expect(c.stats().requests).toBe(achievable);
    // Only empty branches cost more than the floor (the orgchart gives no member count).
    const emptyBranches = sandbox.state.snapshot().branches.filter((b) => b.userIds.length === 0).length;
    expect(achievable - ideal).toBe(emptyBranches);
    expect(served(sandbox).every((r) => /page_size=200/.test(r))).toBe(true);
  });

  it("asks for no members of a group whose members_count is 0", async () => {
    const state: DoceboState = {
      ...small,
      groups: [...small.groups, { id: 99, name: "Empty Cohort", type: "static", userIds: [] }],
    };
    const { sandbox, connector } = rig(state);
    const harness = await openHarness();
    await harness.sync(APP, connector());
    await expectInSync(harness, sandbox);
    expect(served(sandbox).some((r) => r.includes("/group/99/members"))).toBe(false);
    expect((await harness.stored(APP)).groups.some((g) => g.externalId === "99" && g.kind === "group")).toBe(
      true,
    );
  });

  it("uses the password grant when username and password are configured", async () => {
    const { sandbox, connector, tokenBodies } = rig(small);
    const harness = await openHarness();
    const c = connector({ username: small.credentials.username, password: small.credentials.password });
    expect((await harness.sync(APP, c)).status).toBe("succeeded");
    await expectInSync(harness, sandbox);
    expect(tokenBodies.map((b) => [b.get("grant_type"), b.get("username"), b.get("scope")])).toEqual([
      ["password", small.credentials.username, "api"],
    ]);
  });

  it("refuses a username without a password (or the reverse) instead of silently using client_credentials", () => {
    const { connector } = rig(small);
    expect(() => connector({ username: "superadmin" })).toThrow(/needs both username and password/);
    expect(() => connector({ password: "pw-only" })).toThrow(/needs both username and password/);
  });

  it("lists branches and groups itself when listGrants runs without listGroups", async () => {
    const { sandbox, connector } = rig(small);
    const grants: Grant[] = [];
    for await (const page of connector().listGrants()) grants.push(...page);
    const keys = grants.map((g) =>
      grantKey(g.accountExternalId, g.groupKind, g.groupExternalId, g.derived, g.role),
    );
    expect(keys.sort()).toEqual(expected(sandbox).grants);
  });

  it("re-reads one user with getAccount (404 → null)", async () => {
    const { sandbox, connector } = rig(small);
    const c = connector();
    const user = small.users.find((u) => u.status === "0")!;
    const account = await c.getAccount!(String(user.user_id));
    expect(account).toMatchObject({
      externalId: String(user.user_id),
      email: user.email,
      status: "suspended",
      roles: [user.level],
      lastActivityAt: seconds(user.last_access_date),
    });
    expect(await c.getAccount!("999999")).toBeNull();
    const before = sandbox.ctx.log.total;
    expect(await c.getAccount!("not-a-number")).toBeNull();
    expect(sandbox.ctx.log.total).toBe(before);
  });
});

// ------------------------------------------------------------------ 2. faults

/** A clean sync, then one under `faults` (turned on after the first `/manage` page), then a clean one again. */
async function syncThrough(
  state: DoceboState,
  faults: FaultInput | ((r: Rig) => void),
  options: Omit<DoceboSandboxOptions, "state" | "clock"> = {},
) {
  const r = rig(state, options);
  const harness = await openHarness();
  await harness.sync(APP, r.connector());
  await expectInSync(harness, r.sandbox);

  let armed = false;
  r.onManage = () => {
    if (armed) return;
    armed = true;
    if (typeof faults === "function") faults(r);
    else r.sandbox.ctx.faults.set(faults);
  };
  const faulty = r.connector();
  const result = await harness.sync(APP, faulty);
  r.onManage = undefined;
  expect(armed).toBe(true);

  // Nothing that still exists in Docebo is marked gone.
  const stored = await harness.stored(APP, true);
  const want = expected(r.sandbox);
  const liveIds = new Set(want.accounts.map((a) => a.externalId));
  expect(stored.accounts.filter((a) => a.goneRun !== null && liveIds.has(a.externalId))).toEqual([]);
  const liveGrants = new Set(want.grants);
  const goneGrants = stored.grants
    .filter((g) => g.goneRun !== null)
    .map((g) => grantKey(g.accountExternalId, g.groupKind, g.groupExternalId, g.derived, g.role));
  expect(goneGrants.filter((k) => liveGrants.has(k))).toEqual([]);

  r.sandbox.ctx.faults.reset();
  expect((await harness.sync(APP, r.connector())).status).toBe("succeeded");
  await expectInSync(harness, r.sandbox);
  return { result, faulty, rig: r };
}

describe("docebo connector under faults", () => {
  it("completes with 10% injected 503s", async () => {
    const { result, faulty } = await syncThrough(medium, { errorRate: 0.1, seed: 11 }, { maxPageSize: 20 });
    expect(result.status).toBe("succeeded");
    expect(faulty.stats().retries).toBeGreaterThan(0);
  });

  it("backs off through a rate-limit storm (429 without Retry-After)", async () => {
    const { result, faulty } = await syncThrough(medium, { stormRequests: 3 }, { maxPageSize: 20 });
    expect(result.status).toBe("succeeded");
    expect(faulty.stats().rateLimited).toBe(3);
  });

  it("renews an access token that expires mid-walk, once, and carries on", async () => {
    const { result, rig: r } = await syncThrough(
      medium,
      (x) => {
        x.sandbox.ctx.faults.expireTokens();
        // Tokens issued in the same (virtual) millisecond as the expiry count as expired too.
        x.clock.advance(1);
      },
      { maxPageSize: 20 },
    );
    expect(result.status).toBe("succeeded");
    // First sync: 1 token; faulty sync: 1 + 1 renewal; last sync: 1.
    expect(r.tokens).toHaveLength(4);
  });

  it("renews once for concurrent member walks when the token expires among them", async () => {
    const r = rig(medium, { maxPageSize: 5 });
    const harness = await openHarness();
    let expired = false;
    r.onManage = (_, url) => {
      if (!expired && url.pathname.includes("/members")) {
        expired = true;
        r.sandbox.ctx.faults.expireTokens();
        r.clock.advance(1);
      }
    };
    const result = await harness.sync(APP, r.connector({ concurrency: 4 }));
    expect(expired).toBe(true);
    expect(result.status).toBe("succeeded");
    expect(r.tokens).toHaveLength(2);
    await expectInSync(harness, r.sandbox);
  });

  it("completes when 10% of connections are dropped", async () => {
    const { result, faulty } = await syncThrough(medium, { dropRate: 0.1, seed: 5 }, { maxPageSize: 20 });
    expect(result.status).toBe("succeeded");
    expect(faulty.stats().retries).toBeGreaterThan(0);
  });

  it("keeps users that page drift made the walk skip (re-read by id), and catches up on the next sync", async () => {
    const { result, rig: r } = await syncThrough(
      medium,
      { driftAdd: 1, driftRemove: 2 },
      { maxPageSize: 10 },
    );
    expect(result.status).toBe("succeeded");
    const drift = r.sandbox.state.driftLog;
    expect(drift.length).toBeGreaterThan(3);
    // Removing users from served pages shifts later users back a page: the listing skipped them, GET found them.
    expect(result.apps[0]!.reverified).toBeGreaterThan(0);
  });

  it("paces a known budget without a single 429", async () => {
    const budget = [{ limit: 10, windowMs: 60_000 }];
    const r = rig(medium, { maxPageSize: 20, rateLimit: budget });
    const harness = await openHarness();
    const c = r.connector({ rateLimit: budget });
    expect((await harness.sync(APP, c)).status).toBe("succeeded");
    expect(c.stats().rateLimited).toBe(0);
    expect(c.stats().waits).toBeGreaterThan(0);
    await expectInSync(harness, r.sandbox);
  });
});

// ------------------------------------------------------------------ 3. failed and empty listings

describe("docebo connector: failed or empty listings mark nothing gone", () => {
  async function firstSync() {
    const r = rig(small);
    const harness = await openHarness();
    await harness.sync(APP, r.connector());
    return { r, harness, known: (await harness.stored(APP)).accounts.length };
  }

  it("a refused client secret (400 invalid_client) fails the sync and keeps every account", async () => {
    const { r, harness, known } = await firstSync();
    const result = await harness.sync(APP, r.connector({ clientSecret: "wrong-secret-value" }));
    expect(result.status).toBe("failed");
    const [row] = await harness.appSyncs(result.runId);
    expect(row!.error).toContain("invalid_client");
    expect(row!.gone_skipped_reason).toContain("did not finish");
    expect(row!.accounts_gone + row!.groups_gone + row!.grants_gone).toBe(0);
    expect((await harness.stored(APP)).accounts).toHaveLength(known);
  });

  it("a listing that only gets 5xx fails after retries and keeps every account", async () => {
    const { r, harness, known } = await firstSync();
    r.sandbox.ctx.faults.set({ errorRate: 1 });
    const result = await harness.sync(APP, r.connector());
    expect(result.status).toBe("failed");
    const [row] = await harness.appSyncs(result.runId);
    expect(row!.error).toMatch(/503/);
    expect(row!.gone_skipped_reason).toContain("did not finish");
    expect((await harness.stored(APP)).accounts).toHaveLength(known);
  });

  it("an emptied platform (every user gone at once) is suspicious: nothing is marked gone", async () => {
    const { r, harness, known } = await firstSync();
    for (const user of small.users) r.sandbox.state.deleteUser(user.user_id);
    const result = await harness.sync(APP, r.connector());
    const [row] = await harness.appSyncs(result.runId);
    expect(row!.accounts_seen).toBe(0);
    expect(row!.gone_skipped_reason).toContain("came back empty");
    expect(row!.accounts_gone).toBe(0);
    expect((await harness.stored(APP)).accounts).toHaveLength(known);
  });
});

// ------------------------------------------------------------------ 4. secrets

describe("docebo connector: secrets", () => {
  it("never puts the client secret, password or access tokens in logs, errors or stored rows", async () => {
    const r = rig(medium, { maxPageSize: 20 });
    const harness = await openHarness();
    const password = medium.credentials.password;
    const clientSecret = medium.credentials.clientSecret;
    const errors: string[] = [];

    const ok = await harness.sync(APP, r.connector({ username: medium.credentials.username, password }));
    expect(ok.status).toBe("succeeded");
    // A token that expires, 5xx and a storm, so the retry and renewal paths log too.
    r.sandbox.ctx.faults.set({ errorRate: 0.1, stormRequests: 2 });
    r.sandbox.ctx.faults.expireTokens();
    r.clock.advance(1);
    await harness.sync(APP, r.connector({ username: medium.credentials.username, password }));
    r.sandbox.ctx.faults.reset();
    // Refused credentials: the error text must not quote them.
    for (const overrides of [
      { username: medium.credentials.username, password: "not-the-password-123" },
      { clientSecret: "not-the-client-secret-456" },
    ]) {
      const failed = await harness.sync(APP, r.connector(overrides));
      for (const row of await harness.appSyncs(failed.runId)) errors.push(row.error ?? "");
      errors.push(...Object.values(failed.apps[0]!.listings).map((l) => l.error ?? ""));
    }
    const c = r.connector({ clientSecret: "not-the-client-secret-456" });
    await c.getAccount!("1").catch((error: unknown) => errors.push(String(error)));

    const secrets = [
      clientSecret,
      password,
      "not-the-password-123",
      "not-the-client-secret-456",
      ...r.tokens,
    ];
    expect(r.tokens.length).toBeGreaterThan(1);
    expect(r.logs.length).toBeGreaterThan(10);
    const haystacks = { logs: r.logs.join("\n"), errors: errors.join("\n"), store: await harness.dump() };
    for (const [where, text] of Object.entries(haystacks)) {
      for (const secret of secrets) expect(text.includes(secret), `${where} contains a secret`).toBe(false);
    }
    expect(haystacks.errors).toContain("invalid_grant");
  });
});

// ------------------------------------------------------------------ 5. describe() and mappers

describe("docebo connector: describe() and mappings", () => {
  it("declares its capabilities and quirks", () => {
    const d = rig(small).connector().describe();
    expect(d.type).toBe("docebo");
    expect(d.app).toBe(APP);
    for (const name of ["listAccounts", "listGroups", "listGrants", "getAccount"] as const) {
      expect(d.capabilities[name]?.supported).toBe(true);
    }
    expect(d.capabilities.deleteAccount).toMatchObject({ reversible: false });
    expect(d.capabilities.deleteAccount?.note).toMatch(/DELETE \/manage\/v1\/user\/delete.*JSON body/);
    expect(d.capabilities.deleteAccount?.note).toMatch(/soft/);
    expect(d.capabilities.disableAccount).toMatchObject({ reversible: true });
    expect(d.capabilities.disableAccount?.note).toContain("change_status");
    expect(d.capabilities.enableAccount).toMatchObject({ reversible: true });
    expect(d.capabilities.createAccount?.note).toMatch(/userid, firstname, lastname/);
    expect(d.capabilities.grant?.note).toMatch(/dynamic .*reject/);
    const quirks = d.quirks.join("\n");
    expect(quirks).toMatch(/SCIM cannot set manager or branch/);
    expect(quirks).toMatch(/429s carry no Retry-After/);
    expect(quirks).toMatch(/\/api\/v1\/manage\/v1/);
  });

  it("reads Docebo dates as UTC and maps status explicitly", () => {
    expect(doceboTimestamp("2026-03-01 09:30:00")).toBe("2026-03-01T09:30:00.000Z");
    expect(doceboTimestamp("2026-03-01")).toBe("2026-03-01T00:00:00.000Z");
    expect(doceboTimestamp("0000-00-00 00:00:00")).toBeNull();
    expect(doceboTimestamp("")).toBeNull();
    expect(doceboTimestamp(null)).toBeNull();
    expect(doceboTimestamp("2026-03-01T09:30:00+02:00")).toBe("2026-03-01T07:30:00.000Z");
    expect(doceboTimestamp("yesterday")).toBe("yesterday");
    expect(doceboStatus("1")).toBe("active");
    expect(doceboStatus(1)).toBe("active");
    expect(doceboStatus("0")).toBe("suspended");
    expect(doceboStatus("deleted")).toBe("unknown");
    expect(doceboStatus(undefined)).toBe("unknown");
  });
});
