import { describe, expect, it } from "vitest";
import { ManualClock } from "./clock.ts";
import { RateLimiter, scaleWindows } from "./rate-limiter.ts";

describe("RateLimiter", () => {
  it("refuses the request past the limit and recovers when the window ends", () => {
    const clock = new ManualClock();
    const limiter = new RateLimiter([{ limit: 3, windowMs: 1000 }], clock);
    expect([1, 2, 3].map(() => limiter.take("t").allowed)).toEqual([true, true, true]);
    const refused = limiter.take("t");
    expect(refused.allowed).toBe(false);
    expect(refused.remaining).toBe(0);
    expect(refused.resetMs).toBe(1000);
    clock.advance(1000);
    expect(limiter.take("t").allowed).toBe(true);
  });

  it("counts each key separately", () => {
    const limiter = new RateLimiter([{ limit: 1, windowMs: 1000 }], new ManualClock());
    expect(limiter.take("a").allowed).toBe(true);
    expect(limiter.take("b").allowed).toBe(true);
    expect(limiter.take("a").allowed).toBe(false);
  });

  it("enforces every window at once and reports the one that refused", () => {
    const clock = new ManualClock();
    const limiter = new RateLimiter(
      [
        { limit: 100, windowMs: 10_000 },
        { limit: 150, windowMs: 1_800_000 },
      ],
      clock,
    );
    for (let i = 0; i < 100; i++) expect(limiter.take("t").allowed).toBe(true);
    expect(limiter.take("t").windowMs).toBe(10_000);
    clock.advance(10_000);
    for (let i = 0; i < 50; i++) expect(limiter.take("t").allowed).toBe(true);
    const refused = limiter.take("t");
    expect(refused.allowed).toBe(false);
    expect(refused.windowMs).toBe(1_800_000);
    expect(refused.resetMs).toBe(1_790_000);
  });

  it("reports remaining budget of the tightest window", () => {
    const limiter = new RateLimiter([{ limit: 5, windowMs: 1000 }], new ManualClock());
    expect(limiter.take("t").remaining).toBe(4);
    expect(limiter.take("t").remaining).toBe(3);
  });

  it("scales windows but not limits", () => {
    expect(scaleWindows([{ limit: 1000, windowMs: 3_600_000 }], 600)).toEqual([
      { limit: 1000, windowMs: 6000 },
    ]);
  });
});
