import type { Clock } from "./clock.ts";

/** One budget: at most `limit` requests per `windowMs`. */
export interface RateWindow {
  limit: number;
  windowMs: number;
}

export interface RateDecision {
  allowed: boolean;
  /** The tightest window (the one that refused, or the one with the fewest remaining). */
  limit: number;
  remaining: number;
  windowMs: number;
  /** Milliseconds until that window resets. */
  resetMs: number;
}

/**
 * Fixed-window counters per key (a token, a client id), several windows at once where the app has them
 * (Productive: 100 / 10 s and 4,000 / 30 min). A refused request does not consume budget.
 */
export class RateLimiter {
  private readonly counters = new Map<string, { start: number; count: number }[]>();

  constructor(
    private readonly windows: readonly RateWindow[],
    private readonly clock: Clock,
  ) {}

  take(key: string): RateDecision {
    const now = this.clock.now();
    let state = this.counters.get(key);
    if (!state) {
      state = this.windows.map(() => ({ start: now, count: 0 }));
      this.counters.set(key, state);
    }
    let tightest: RateDecision | undefined;
    for (const [i, window] of this.windows.entries()) {
      const counter = state[i]!;
      if (now - counter.start >= window.windowMs) {
        counter.start = now - ((now - counter.start) % window.windowMs);
        counter.count = 0;
      }
      const remaining = window.limit - counter.count;
      const decision: RateDecision = {
        allowed: remaining > 0,
        limit: window.limit,
        remaining: Math.max(0, remaining - 1),
        windowMs: window.windowMs,
        resetMs: counter.start + window.windowMs - now,
      };
      if (!decision.allowed) {
        return { ...decision, remaining: 0 };
      }
      if (!tightest || decision.remaining < tightest.remaining) tightest = decision;
    }
    for (const counter of state) counter.count += 1;
    return (
      tightest ?? { allowed: true, limit: Number.POSITIVE_INFINITY, remaining: 0, windowMs: 0, resetMs: 0 }
    );
  }

  reset(): void {
    this.counters.clear();
  }
}

/** Divide every window by `timeScale` (e.g. 600 turns Podio's hour into 6 s) without changing the limits. */
export function scaleWindows(windows: readonly RateWindow[], timeScale: number): RateWindow[] {
  return windows.map((w) => ({ limit: w.limit, windowMs: Math.max(1, Math.round(w.windowMs / timeScale)) }));
}
