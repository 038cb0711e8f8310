import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { sandboxAdmin } from "./admin.ts";
import { ManualClock } from "./clock.ts";
import { SandboxContext } from "./context.ts";
import { sandboxMiddleware } from "./middleware.ts";
import { inProcessFetch, startServer } from "./transport.ts";

function fixture(faults = {}) {
  const clock = new ManualClock();
  const ctx = new SandboxContext("demo", { clock, faults });
  const app = new Hono();
  app.use(
    "*",
    sandboxMiddleware(ctx, {
      serverError: (c, status) => c.json({ error: "boom" }, status as 503),
      rateLimited: (c) => c.json({ error: "slow down" }, 429),
    }),
  );
  app.route(
    "/_sandbox",
    sandboxAdmin(ctx, () => ({ ok: true })),
  );
  app.get("/items", (c) => c.json({ items: [1, 2] }));
  return { app, ctx, clock, fetch: inProcessFetch(app) };
}

describe("sandbox kit", () => {
  it("serves normally and logs requests without headers", async () => {
    const { app, ctx } = fixture();
    const res = await app.request("/items?x=1", { headers: { authorization: "Bearer s3cret" } });
    expect(res.status).toBe(200);
    expect(ctx.log.recent()).toMatchObject([{ method: "GET", path: "/items", query: "?x=1", status: 200 }]);
    expect(JSON.stringify(ctx.log.recent())).not.toContain("s3cret");
  });

  it("injects 5xx errors at the configured rate", async () => {
    const { app } = fixture({ errorRate: 1, errorStatus: 502 });
    const res = await app.request("/items");
    expect(res.status).toBe(502);
    expect(await res.json()).toEqual({ error: "boom" });
  });

  it("error rate 0.5 fails some requests and serves others", async () => {
    const { app } = fixture({ errorRate: 0.5, seed: 7 });
    const statuses: number[] = [];
    for (let i = 0; i < 40; i++) statuses.push((await app.request("/items")).status);
    expect(statuses.filter((s) => s === 503).length).toBeGreaterThan(5);
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThan(5);
  });

  it("drops connections: in-process fetch throws like Node's fetch", async () => {
    const { fetch } = fixture({ dropRate: 1 });
    await expect(fetch("http://sandbox/items")).rejects.toThrow("fetch failed");
  });

  it("drops connections on a real socket", async () => {
    const { app } = fixture({ dropRate: 1 });
    const server = await startServer(app);
    try {
      await expect(fetch(`${server.url}/items`)).rejects.toThrow();
    } finally {
      await server.close();
    }
  });

  it("storms for a number of requests, then recovers", async () => {
    const { app } = fixture({ stormRequests: 2 });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await app.request("/items")).status);
    expect(statuses).toEqual([429, 429, 200]);
  });

  it("storms for a duration", async () => {
    const { app, clock } = fixture({ stormMs: 1000 });
    expect((await app.request("/items")).status).toBe(429);
    clock.advance(1000);
    expect((await app.request("/items")).status).toBe(200);
  });

  it("changes faults at run time and rejects bad settings with a clear message", async () => {
    const { app } = fixture();
    const bad = await app.request("/_sandbox/faults", {
      method: "PATCH",
      body: JSON.stringify({ errorRate: 2 }),
      headers: { "content-type": "application/json" },
    });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain("errorRate");
    const ok = await app.request("/_sandbox/faults", {
      method: "PATCH",
      body: JSON.stringify({ errorRate: 1 }),
      headers: { "content-type": "application/json" },
    });
    expect(ok.status).toBe(200);
    expect((await app.request("/items")).status).toBe(503);
    await app.request("/_sandbox/faults", { method: "DELETE" });
    expect((await app.request("/items")).status).toBe(200);
  });

  it("expires tokens issued before the fault was set", async () => {
    const { app, ctx, clock } = fixture();
    const issued = clock.now();
    expect(ctx.faults.isTokenExpired(issued)).toBe(false);
    await app.request("/_sandbox/faults/expire-tokens", { method: "POST" });
    expect(ctx.faults.isTokenExpired(issued)).toBe(true);
    clock.advance(10);
    expect(ctx.faults.isTokenExpired(clock.now())).toBe(false);
  });

  it("exposes state, requests and invitations", async () => {
    const { app, ctx } = fixture();
    ctx.recordInvitation("a@b.example", "invite");
    await app.request("/items");
    expect(await (await app.request("/_sandbox/state")).json()).toEqual({ ok: true });
    expect(await (await app.request("/_sandbox/requests")).json()).toMatchObject({ total: 1 });
    expect(await (await app.request("/_sandbox/invitations")).json()).toMatchObject({
      invitations: [{ to: "a@b.example", kind: "invite" }],
    });
  });

  it("adds latency", async () => {
    const { app, ctx } = fixture({ latencyMs: 30 });
    await app.request("/items");
    expect(ctx.log.recent()[0]!.durationMs).toBeGreaterThanOrEqual(25);
  });
});
