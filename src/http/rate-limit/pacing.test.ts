import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { RateLimiter as FixedWindowServerLimiter, type RateWindow } from "../../sandbox/kit/rate-limiter.ts";
import { createRng } from "../../sandbox/kit/rng.ts";
import { clientFor } from "../testing/harness.ts";
import { type VirtualTime, virtualTime } from "../testing/virtual-time.ts";

/**
 * A server enforcing `windows`, answering 429 with Retry-After when refused. `fixed` uses the sandbox kit's
 * fixed-window counters; `sliding` is stricter (any span of windowMs). `latency` delays the moment the server
 * counts a request after it was sent (jittered), which is what compresses a burst in the server's eyes.
 */
function budgetServer(
  time: VirtualTime,
  windows: RateWindow[],
  kind: "fixed" | "sliding",
  latency?: { minMs: number; maxMs: number },
) {
  const fixed = new FixedWindowServerLimiter(windows, time.clock);
  const arrivals: number[] = [];
  const rng = createRng(7);
  let refused = 0;
  const allowed = (now: number) => {
    if (kind === "fixed") return fixed.take("token").allowed;
    const ok = windows.every((w) => arrivals.filter((t) => t > now - w.windowMs).length < w.limit);
    if (ok) arrivals.push(now);
    return ok;
  };
  const app = new Hono();
  app.get("/items/:id", async (c) => {
    if (latency) await time.sleep(latency.minMs + rng.next() * (latency.maxMs - latency.minMs));
    if (!allowed(time.clock.now())) {
      refused += 1;
      return c.json({ error: "rate_limited" }, 429, { "Retry-After": "1" });
    }
    if (latency) await time.sleep(latency.minMs + rng.next() * (latency.maxMs - latency.minMs));
    return c.json({ id: c.req.param("id") });
  });
  return { app, refused: () => refused };
}

/** Run `n` GETs through `concurrency` workers. */
async function drive(client: ReturnType<typeof clientFor>["client"], n: number, workers: number) {
  let next = 0;
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (next < n) {
        const id = next++;
        await client.request({ method: "GET", path: `/items/${id}` });
      }
    }),
  );
}

/** The least time any client needs to start `n` requests under these windows: max over windows of (⌈n/L⌉−1)·W. */
const floorMs = (n: number, windows: RateWindow[]) =>
  Math.max(...windows.map((w) => (Math.ceil(n / w.limit) - 1) * w.windowMs));

/** Productive's shape (100 / 10 s and 4,000 / 30 min) with limits ÷ 10, so the test needs 450 requests, not 4,500. */
const PRODUCTIVE: RateWindow[] = [
  { limit: 10, windowMs: 10_000 },
  { limit: 400, windowMs: 1_800_000 },
];

describe("paced client against a server with the same budget", () => {
  it("never gets a 429 from Productive's two windows, and stays within 10 % of the floor", async () => {
    const time = virtualTime();
    const server = budgetServer(time, PRODUCTIVE, "fixed");
    const { client, elapsed } = clientFor(server.app, {
      time,
      limits: { windows: PRODUCTIVE, concurrency: 4 },
    });
    const n = 450;
    await drive(client, n, 8);
    expect(server.refused()).toBe(0);
    expect(client.stats()).toMatchObject({ requests: n, rateLimited: 0, retries: 0 });
    const ratio = elapsed() / floorMs(n, PRODUCTIVE);
    expect(ratio).toBeGreaterThanOrEqual(1);
    expect(ratio).toBeLessThanOrEqual(1.1);
  });

  it("never gets a 429 from a strict sliding-window server, even with jittery latency and no safety margin", async () => {
    const time = virtualTime();
    const windows = [{ limit: 25, windowMs: 10_000 }]; // ProofHub
    const server = budgetServer(time, windows, "sliding", { minMs: 5, maxMs: 400 });
    const { client, elapsed } = clientFor(server.app, {
      time,
      limits: { windows, concurrency: 6, safetyMargin: 0 },
    });
    const n = 300;
    await drive(client, n, 6);
    expect(server.refused()).toBe(0);
    expect(client.stats().rateLimited).toBe(0);
    // One round trip per window is the price of latency-proof accounting.
    expect(elapsed() / floorMs(n, windows)).toBeLessThanOrEqual(1.1);
  });

  it("keeps several requests in flight when the budget allows (Productboard 50/s)", async () => {
    const time = virtualTime();
    const windows = [{ limit: 50, windowMs: 1000 }];
    const server = budgetServer(time, windows, "fixed", { minMs: 20, maxMs: 40 });
    const { client, elapsed } = clientFor(server.app, { time, limits: { windows, concurrency: 8 } });
    const n = 1000;
    await drive(client, n, 8);
    expect(server.refused()).toBe(0);
    // Sequential at ~60 ms per exchange would take ~60 s; eight in flight keep up with the budget.
    expect(elapsed()).toBeLessThan(1.15 * floorMs(n, windows) + 1000);
  });

  it("without a known budget, learns from 429 + Retry-After and still finishes every request", async () => {
    const time = virtualTime();
    const windows = [{ limit: 10, windowMs: 1000 }];
    const server = budgetServer(time, windows, "fixed");
    const { client } = clientFor(server.app, {
      time,
      limits: { concurrency: 2 },
      retry: { maxAttempts: 10 },
    });
    await drive(client, 50, 2);
    const stats = client.stats();
    expect(stats.byStatus["200"]).toBe(50);
    expect(stats.rateLimited).toBe(server.refused());
    expect(stats.rateLimited).toBeGreaterThan(0);
  });
});
