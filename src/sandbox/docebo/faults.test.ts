import { describe, expect, it } from "vitest";
import { CREDENTIALS, doceboFixture, doceboState } from "./fixture.ts";

type Json = Record<string, unknown>;
const ids = async (res: Response) =>
  ((await res.json()) as { data: { items: { user_id: string }[] } }).data.items.map((u) => u.user_id);

describe("docebo rate limiting", () => {
  it("answers 429 without Retry-After or rate-limit headers, and recovers after the window", async () => {
    const { call, clock } = doceboFixture({ rateLimit: [{ limit: 3, windowMs: 60_000 }] });
    for (let i = 0; i < 3; i++) expect((await call("GET", "/manage/v1/user")).status).toBe(200);
    const limited = await call("GET", "/manage/v1/user");
    expect(limited.status).toBe(429);
    expect(await limited.json()).toEqual({
      name: "Too Many Requests",
      message: "Rate limit exceeded.",
      code: 0,
      status: 429,
    });
    expect(limited.headers.get("retry-after")).toBeNull();
    expect([...limited.headers.keys()].filter((h) => h.includes("ratelimit"))).toEqual([]);
    clock.advance(59_999);
    expect((await call("GET", "/manage/v1/user")).status).toBe(429);
    clock.advance(1);
    expect((await call("GET", "/manage/v1/user")).status).toBe(200);
  });

  it("counts per API client: a new token does not reset the budget, the token endpoint is not limited", async () => {
    const { call, token } = doceboFixture({ rateLimit: [{ limit: 2, windowMs: 60_000 }] });
    await call("GET", "/manage/v1/user");
    await call("GET", "/manage/v1/group");
    const fresh = await token();
    expect((await call("GET", "/manage/v1/user", undefined, fresh)).status).toBe(429);
  });

  it("allows 1,000 requests per hour by default", async () => {
    const { call, clock, token } = doceboFixture();
    const statuses: number[] = [];
    for (let i = 0; i < 1001; i++) statuses.push((await call("GET", "/manage/v1/group")).status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1000);
    expect(statuses[1000]).toBe(429);
    clock.advance(3_600_000); // the first token has expired by now as well
    expect((await call("GET", "/manage/v1/group", undefined, await token())).status).toBe(200);
  });

  it("scales the window with timeScale and switches off with rateLimits: false", async () => {
    const scaled = doceboFixture({ timeScale: 60, rateLimit: [{ limit: 1, windowMs: 60_000 }] });
    expect((await scaled.call("GET", "/manage/v1/user")).status).toBe(200);
    expect((await scaled.call("GET", "/manage/v1/user")).status).toBe(429);
    scaled.clock.advance(1_000);
    expect((await scaled.call("GET", "/manage/v1/user")).status).toBe(200);
    const off = doceboFixture({ rateLimits: false, rateLimit: [{ limit: 1, windowMs: 60_000 }] });
    for (let i = 0; i < 5; i++) expect((await off.call("GET", "/manage/v1/user")).status).toBe(200);
  });

  it("clears budgets through /_sandbox/rate-limits/reset", async () => {
    const { app, call } = doceboFixture({ rateLimit: [{ limit: 1, windowMs: 60_000 }] });
    await call("GET", "/manage/v1/user");
    expect((await call("GET", "/manage/v1/user")).status).toBe(429);
    expect((await app.request("/_sandbox/rate-limits/reset", { method: "POST" })).status).toBe(204);
    expect((await call("GET", "/manage/v1/user")).status).toBe(200);
  });
});

describe("docebo injected faults", () => {
  it("answers a rate-limit storm with Docebo's 429 (no Retry-After), then serves again", async () => {
    const { app, call, token } = doceboFixture();
    const bearer = await token();
    await app.request("/_sandbox/faults", {
      method: "PATCH",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ stormRequests: 1 }),
    });
    const storm = await call("GET", "/manage/v1/user", undefined, bearer);
    expect(storm.status).toBe(429);
    expect(storm.headers.get("retry-after")).toBeNull();
    expect(((await storm.json()) as Json).name).toBe("Too Many Requests");
    expect((await call("GET", "/manage/v1/user", undefined, bearer)).status).toBe(200);
  });

  it("answers injected overload with 503 and other injected errors with their status, in Yii's shape", async () => {
    const overloaded = doceboFixture({ faults: { errorRate: 1 } });
    const res = await overloaded.app.request("/manage/v1/user");
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ name: "Service Unavailable", code: 0, status: 503 });
    const broken = doceboFixture({ faults: { errorRate: 1, errorStatus: 500 } });
    const err = await broken.app.request("/oauth2/token", { method: "POST" });
    expect(err.status).toBe(500);
    expect(await err.json()).toEqual({
      name: "Internal Server Error",
      message: "An internal server error occurred.",
      code: 0,
      status: 500,
    });
  });

  it("adds latency and logs every request with its status and fault, without secrets", async () => {
    const { app, call, token } = doceboFixture();
    const bearer = await token();
    await app.request("/_sandbox/faults", {
      method: "PUT",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ latencyMs: 5, stormRequests: 1 }),
    });
    expect((await call("GET", "/manage/v1/user", undefined, bearer)).status).toBe(429);
    expect((await call("GET", "/manage/v1/user", undefined, bearer)).status).toBe(200);
    const log = (await (await app.request("/_sandbox/requests")).json()) as {
      recent: { path: string; status: number; durationMs: number; fault?: string }[];
    };
    const calls = log.recent.filter((r) => r.path === "/manage/v1/user");
    expect(calls.map((r) => [r.status, r.fault])).toEqual([
      [429, "storm"],
      [200, undefined],
    ]);
    expect(calls.every((r) => r.durationMs >= 4)).toBe(true);
    expect(JSON.stringify(log)).not.toContain(bearer);
  });

  it("drops connections: the in-process fetch throws like Node's fetch", async () => {
    const { fetch } = doceboFixture({ faults: { dropRate: 1 } });
    await expect(fetch("http://docebo.test/manage/v1/user")).rejects.toThrow(TypeError);
  });

  it("drifts user pages: removals from a served page make page 2 skip a user", async () => {
    const { app, call, token } = doceboFixture({ state: doceboState(5) });
    const bearer = await token();
    await app.request("/_sandbox/faults", {
      method: "PATCH",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ driftRemove: 1, driftAdd: 1 }),
    });
    expect(await ids(await call("GET", "/manage/v1/user?page_size=2&page=1", undefined, bearer))).toEqual([
      "1",
      "101",
    ]);
    // 101 was removed (the super-admin behind the password grant never is) and one user was added at the end.
    expect(await ids(await call("GET", "/manage/v1/user?page_size=2&page=2", undefined, bearer))).toEqual([
      "103",
      "104",
    ]);
    const state = (await (await app.request("/_sandbox/state")).json()) as {
      drift: { afterPage: number; added: number[]; removed: number[] }[];
      users: { user_id: number }[];
    };
    expect(state.drift).toHaveLength(2);
    expect(state.drift[0]).toMatchObject({ afterPage: 1, removed: [101], added: [106] });
    expect(state.drift[1]?.removed).toEqual([103]);
    expect(state.users.map((u) => u.user_id)).not.toContain(101);
    expect(state.users.map((u) => u.user_id)).toContain(107);
  });

  it("leaves lists alone without drift and never drifts branch or group listings", async () => {
    const { call, state } = doceboFixture({ faults: { driftRemove: 1 } });
    await call("GET", "/manage/v1/group/1/members");
    await call("GET", "/manage/v1/orgchart/10/users");
    expect(state.driftLog).toEqual([]);
    expect(state.users.size).toBe(5);
  });
});

describe("docebo /_sandbox/state", () => {
  it("snapshots users, branches, groups and drift, without credentials", async () => {
    const { app } = doceboFixture();
    const res = await app.request("/_sandbox/state");
    expect(res.status).toBe(200);
    const text = await res.text();
    const body = JSON.parse(text) as Json & { users: unknown[]; branches: { userIds: number[] }[] };
    expect(Object.keys(body).sort()).toEqual(["branches", "drift", "groups", "users"]);
    expect(body.users).toHaveLength(5);
    expect(body.branches[0]?.userIds).toEqual([101, 102]);
    for (const secret of [CREDENTIALS.clientSecret, CREDENTIALS.password, CREDENTIALS.scimToken]) {
      expect(text).not.toContain(secret);
    }
  });
});
