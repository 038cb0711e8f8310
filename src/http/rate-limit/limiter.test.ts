import { describe, expect, it } from "vitest";
import { virtualTime } from "../testing/virtual-time.ts";
import { RateLimiter, type RateLimiterOptions } from "./limiter.ts";

function setup(options: Omit<RateLimiterOptions, "clock" | "sleep">) {
  const time = virtualTime({ start: 0 });
  const limiter = new RateLimiter({ concurrency: 100, safetyMargin: 0, ...options, ...time });
  /** Run `n` requests at once, each holding its slot `holdMs`; returns each admission time, in order of call. */
  const burst = async (n: number, holdMs = 0) => {
    const starts: number[] = new Array(n);
    await Promise.all(
      Array.from({ length: n }, async (_, i) => {
        const permit = await limiter.acquire();
        starts[i] = time.clock.now();
        await time.sleep(holdMs);
        permit.release();
      }),
    );
    return starts;
  };
  return { time, limiter, burst };
}

describe("RateLimiter pacing", () => {
  it("admits a window's worth at once, then the next batch exactly one window later", async () => {
    const { burst } = setup({ windows: [{ limit: 5, windowMs: 1000 }] });
    expect(await burst(12)).toEqual([0, 0, 0, 0, 0, 1000, 1000, 1000, 1000, 1000, 2000, 2000]);
  });

  it("stretches every window by the safety margin", async () => {
    const { burst } = setup({ windows: [{ limit: 2, windowMs: 1000 }], safetyMargin: 0.05 });
    expect(await burst(5)).toEqual([0, 0, 1050, 1050, 2100]);
  });

  it("honours several windows at once (short burst window and long budget)", async () => {
    const { burst } = setup({
      windows: [
        { limit: 3, windowMs: 100 },
        { limit: 5, windowMs: 1000 },
      ],
    });
    expect(await burst(9)).toEqual([0, 0, 0, 100, 100, 1000, 1000, 1000, 1100]);
  });

  it("counts a request until a window after its response, so latency cannot compress a burst", async () => {
    const { burst } = setup({ windows: [{ limit: 2, windowMs: 1000 }] });
    // Each exchange takes 100 ms: the next pair may start only 1000 ms after the first pair *finished*.
    expect(await burst(4, 100)).toEqual([0, 0, 1100, 1100]);
  });

  it("never has more than `concurrency` requests in flight", async () => {
    const { limiter, time } = setup({ concurrency: 3 });
    let inFlight = 0;
    let peak = 0;
    await Promise.all(
      Array.from({ length: 10 }, async () => {
        const permit = await limiter.acquire();
        inFlight += 1;
        peak = Math.max(peak, inFlight);
        await time.sleep(10);
        inFlight -= 1;
        permit.release();
      }),
    );
    expect(peak).toBe(3);
    expect(time.clock.now()).toBe(40);
  });

  it("serves waiters first in, first out and numbers permits in that order", async () => {
    const { limiter } = setup({ windows: [{ limit: 1, windowMs: 10 }] });
    const order: number[] = [];
    await Promise.all(
      [0, 1, 2, 3].map(async (i) => {
        const permit = await limiter.acquire();
        order.push(i);
        expect(permit.seq).toBe(i + 1);
        permit.release();
      }),
    );
    expect(order).toEqual([0, 1, 2, 3]);
  });

  it("reports why a request waited", async () => {
    const { limiter } = setup({ windows: [{ limit: 1, windowMs: 500 }] });
    const first = await limiter.acquire();
    first.release();
    expect(first.waitReason).toBeUndefined();
    const second = await limiter.acquire();
    second.release();
    expect(second).toMatchObject({ waitedMs: 500, waitReason: "budget" });
  });

  it("lets a caller give up while queued without blocking the others", async () => {
    const { limiter, time } = setup({ windows: [{ limit: 1, windowMs: 1000 }] });
    (await limiter.acquire()).release();
    const controller = new AbortController();
    const abandoned = limiter.acquire(controller.signal);
    const next = limiter.acquire();
    controller.abort(new Error("caller gave up"));
    await expect(abandoned).rejects.toThrow("caller gave up");
    (await next).release();
    expect(time.clock.now()).toBe(1000);
    expect(limiter.snapshot().queued).toBe(0);
  });
});

describe("RateLimiter corrections from the server", () => {
  it("pauses everyone until a Retry-After instant", async () => {
    const { limiter, burst, time } = setup({});
    limiter.pauseUntil(300);
    expect(await burst(2)).toEqual([300, 300]);
    expect(time.pending()).toBe(0);
  });

  it("stops at remaining 0 and resumes after the stated reset", async () => {
    const { limiter, burst } = setup({});
    const permit = await limiter.acquire();
    permit.release();
    limiter.observe({ remaining: 0, resetAt: 5000 }, permit.seq);
    expect(await burst(1)).toEqual([5001]);
  });

  it("spends only the remaining budget before the reset, counting requests sent since", async () => {
    const { limiter, burst } = setup({});
    const permit = await limiter.acquire();
    permit.release();
    limiter.observe({ remaining: 2, resetAt: 1000 }, permit.seq);
    expect(await burst(4)).toEqual([0, 0, 1001, 1001]);
  });

  it("adds the usage of other clients on the same credential when the server reports more than we sent", async () => {
    const { limiter, burst } = setup({ windows: [{ limit: 10, windowMs: 1000 }] });
    const permit = await limiter.acquire();
    permit.release();
    limiter.observe({ limit: 10, remaining: 2 }, permit.seq);
    expect(limiter.snapshot().windows[0]?.used).toBe(8);
    expect(await burst(3)).toEqual([0, 0, 1000]);
  });

  it("ignores a stale answer older than the current gate", async () => {
    const { limiter, burst } = setup({});
    const older = await limiter.acquire();
    const newer = await limiter.acquire();
    older.release();
    newer.release();
    limiter.observe({ remaining: 50, resetAt: 9000 }, newer.seq);
    limiter.observe({ remaining: 0, resetAt: 9000 }, older.seq);
    expect(await burst(2)).toEqual([0, 0]);
  });
});
