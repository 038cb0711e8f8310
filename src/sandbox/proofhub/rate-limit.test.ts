import { describe, expect, it } from "vitest";
import { ManualClock } from "../kit/clock.ts";
import { call, expectError, sandboxOf, smallAccount } from "./test-fixture.ts";

const burst = async (sandbox: ReturnType<typeof sandboxOf>, count: number) => {
  const statuses: number[] = [];
  for (let i = 0; i < count; i += 1) statuses.push((await call(sandbox, "GET", "/roles")).status);
  return statuses;
};

describe("rate limit: 25 requests / 10 s per key", () => {
  it("answers the 26th request in a window with 429 and Retry-After", async () => {
    const clock = new ManualClock();
    const sandbox = sandboxOf(smallAccount(), { clock });
    expect(await burst(sandbox, 25)).toEqual(Array(25).fill(200));
    clock.advance(4_000);
    const refused = await call(sandbox, "GET", "/people");
    const body = await expectError(refused, 429);
    expect(body.message).toMatch(/25 requests per 10 seconds/);
    expect(refused.headers.get("retry-after")).toBe("6");
  });

  it("recovers once the window has passed, and refused requests do not use budget", async () => {
    const clock = new ManualClock();
    const sandbox = sandboxOf(smallAccount(), { clock });
    await burst(sandbox, 25);
    expect(await burst(sandbox, 5)).toEqual(Array(5).fill(429));
    clock.advance(9_999);
    expect((await call(sandbox, "GET", "/roles")).status).toBe(429);
    clock.advance(1);
    expect(await burst(sandbox, 25)).toEqual(Array(25).fill(200));
    expect((await call(sandbox, "GET", "/roles")).status).toBe(429);
  });

  it("counts writes and errors of authenticated calls, but not calls refused before the key check", async () => {
    const clock = new ManualClock();
    const sandbox = sandboxOf(smallAccount(), { clock });
    for (let i = 0; i < 10; i += 1)
      await call(sandbox, "GET", "/people", { headers: { "x-api-key": "wrong" } });
    for (let i = 0; i < 10; i += 1)
      await call(sandbox, "GET", "/people", { headers: { "user-agent": null } });
    for (let i = 0; i < 24; i += 1) await call(sandbox, "GET", "/people/999");
    expect((await call(sandbox, "DELETE", "/people/1004")).status).toBe(204);
    await expectError(await call(sandbox, "GET", "/roles"), 429);
  });

  it("scales the window with timeScale and takes another budget from the options", async () => {
    const clock = new ManualClock();
    const scaled = sandboxOf(smallAccount(), { clock, timeScale: 10 });
    await burst(scaled, 25);
    const refused = await call(scaled, "GET", "/roles");
    expect(refused.headers.get("retry-after")).toBe("1");
    clock.advance(1_000);
    expect((await call(scaled, "GET", "/roles")).status).toBe(200);

    const custom = sandboxOf(smallAccount(), { clock, rateLimit: { limit: 2, windowMs: 60_000 } });
    expect(await burst(custom, 3)).toEqual([200, 200, 429]);
  });

  it("never limits with rateLimits: false", async () => {
    const sandbox = sandboxOf(smallAccount(), { clock: new ManualClock(), rateLimits: false });
    expect(new Set(await burst(sandbox, 60))).toEqual(new Set([200]));
  });

  it("starts a fresh window after POST /_sandbox/rate-limits/reset", async () => {
    const sandbox = sandboxOf(smallAccount(), { clock: new ManualClock() });
    await burst(sandbox, 26);
    expect((await call(sandbox, "POST", "/_sandbox/rate-limits/reset")).status).toBe(204);
    expect((await call(sandbox, "GET", "/roles")).status).toBe(200);
  });
});
