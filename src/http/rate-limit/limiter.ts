import { type Clock, type Sleep, systemClock, systemSleep } from "../timers.ts";
import type { RateLimitSignal } from "./headers.ts";

/** One budget: at most `limit` requests per `windowMs` (the same shape as the sandbox kit's `RateWindow`). */
export interface RateWindow {
  limit: number;
  windowMs: number;
}

export interface RateLimiterOptions {
  /** The app's known budget, every window at once (Productive: 100 / 10 s and 4,000 / 30 min). */
  windows?: readonly RateWindow[];
  /** Requests in flight at once. Default 4. */
  concurrency?: number;
  /**
   * Fraction by which every window is stretched (0.02 = a 10 s window is treated as 10.2 s), against server-side
   * rounding and clock drift. Latency needs no margin: see the class comment. Default 0.02.
   */
  safetyMargin?: number;
  clock?: Clock;
  sleep?: Sleep;
}

/** Why a request waited: its window budget, a server instruction (Retry-After, remaining 0), or a free slot. */
export type WaitReason = "budget" | "server" | "concurrency";

/** The right to send one request now. */
export interface Permit {
  /** Order of admission; responses quote it back so stale budget headers are recognized. */
  readonly seq: number;
  readonly waitedMs: number;
  /** Set when the request waited; `budget`/`server` waits are the ones counted as rate-limit waits. */
  readonly waitReason: WaitReason | undefined;
  /** The response (or failure) is in: the slot starts ageing from now. Safe to call twice. */
  release(): void;
}

export interface LimiterSnapshot {
  inFlight: number;
  queued: number;
  pausedUntil: number | undefined;
  windows: { limit: number; windowMs: number; used: number }[];
}

interface Waiter {
  enqueuedAt: number;
  /** Strongest reason this waiter was held back for. */
  reason: WaitReason | undefined;
  resolve(permit: Permit): void;
  reject(error: unknown): void;
  signal: AbortSignal | undefined;
  onAbort: (() => void) | undefined;
}

interface WindowState {
  limit: number;
  windowMs: number;
  /** The stretched window actually enforced. */
  spanMs: number;
  /** Completion times of finished requests (and phantoms), ascending; entries before `head` have aged out. */
  ends: number[];
  head: number;
}

interface Gate {
  remaining: number;
  seq: number;
  resetAt: number;
}

const REASON_RANK: Record<WaitReason, number> = { concurrency: 0, budget: 1, server: 2 };

/**
 * Per-credential pacing: schedules each request at the earliest instant all windows allow, instead of waiting
 * for a 429.
 *
 * Accounting is a sliding log over *completion* times: a request counts against a window from the moment it is
 * admitted (in flight counts as "now and later") until `windowMs × (1 + safetyMargin)` after its response arrived.
 * Because the server counted it somewhere between our send and our receive, any `limit + 1` requests the server
 * sees are then at least one window apart — whatever the latency, concurrency or the server's window alignment
 * (fixed or sliding). The price is one round trip per window, i.e. ~1 % on a 10 s window at 100 ms latency.
 *
 * Corrections from the server: `pauseUntil` (Retry-After, Podio's "wait N seconds", backoff after a bare 429),
 * a remaining/reset gate (pause until reset once the server's remaining is spent), and phantom entries when the
 * server reports more usage than we logged (another process shares the credential).
 *
 * Waiters are served first-in first-out; one timer runs at a time, whatever the queue length.
 */
export class RateLimiter {
  readonly concurrency: number;
  readonly safetyMargin: number;
  private readonly clock: Clock;
  private readonly sleep: Sleep;
  private readonly windows: WindowState[];
  private readonly queue: Waiter[] = [];
  private inFlight = 0;
  private seq = 0;
  private pausedUntil = 0;
  private gate: Gate | undefined;
  private pumping = false;
  private wake: (() => void) | undefined;

  constructor(options: RateLimiterOptions = {}) {
    this.concurrency = options.concurrency ?? 4;
    this.safetyMargin = options.safetyMargin ?? 0.02;
    if (!(this.concurrency >= 1)) throw new RangeError(`concurrency must be ≥ 1, got ${options.concurrency}`);
    if (!(this.safetyMargin >= 0 && this.safetyMargin < 1)) {
      throw new RangeError(`safetyMargin must be in [0, 1), got ${options.safetyMargin}`);
    }
    this.clock = options.clock ?? systemClock;
    this.sleep = options.sleep ?? systemSleep;
    this.windows = (options.windows ?? []).map((w) => {
      if (!(w.limit >= 1 && w.windowMs > 0)) throw new RangeError(`bad rate window ${JSON.stringify(w)}`);
      return {
        limit: Math.floor(w.limit),
        windowMs: w.windowMs,
        spanMs: Math.ceil(w.windowMs * (1 + this.safetyMargin)),
        ends: [],
        head: 0,
      };
    });
  }

  /** Wait for a slot (FIFO). Rejects with `signal.reason` if the caller gives up first. */
  acquire(signal?: AbortSignal): Promise<Permit> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise<Permit>((resolve, reject) => {
      const waiter: Waiter = {
        enqueuedAt: this.clock.now(),
        reason: undefined,
        resolve,
        reject,
        signal,
        onAbort: undefined,
      };
      if (signal) {
        waiter.onAbort = () => {
          const index = this.queue.indexOf(waiter);
          if (index >= 0) this.queue.splice(index, 1);
          reject(signal.reason);
          this.notify();
        };
        signal.addEventListener("abort", waiter.onAbort, { once: true });
      }
      this.queue.push(waiter);
      void this.pump();
    });
  }

  /** Feed what a response said about the budget; `seq` is the permit of the request it answered. */
  observe(signal: RateLimitSignal, seq: number = this.seq): void {
    const now = this.clock.now();
    const { remaining, limit, resetAt } = signal;
    if (remaining !== undefined && resetAt !== undefined && resetAt > now) {
      // A newer answer supersedes an older one; an answer to an older request may predate a reset.
      if (!this.gate || seq >= this.gate.seq) this.gate = { remaining, seq, resetAt };
    }
    if (remaining !== undefined && limit !== undefined) {
      const window = this.windows.find((w) => w.limit === limit);
      if (window) {
        // The server saw `limit - remaining` requests in its window; our log counts at least every one of ours
        // it can have seen. More on its side means someone else spends this credential: account for them.
        const missing = limit - remaining - this.live(window, now);
        for (let i = 0; i < missing; i += 1) window.ends.push(now);
      }
    }
    this.notify();
  }

  /** Admit nothing before `at` (epoch ms), e.g. after a 429 with `Retry-After`. */
  pauseUntil(at: number): void {
    if (at > this.pausedUntil) this.pausedUntil = at;
    this.notify();
  }

  snapshot(): LimiterSnapshot {
    const now = this.clock.now();
    return {
      inFlight: this.inFlight,
      queued: this.queue.length,
      pausedUntil: this.pausedUntil > now ? this.pausedUntil : undefined,
      windows: this.windows.map((w) => ({ limit: w.limit, windowMs: w.windowMs, used: this.live(w, now) })),
    };
  }

  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      while (this.queue.length > 0) {
        const now = this.clock.now();
        const { ms, reason } = this.delay(now);
        if (ms <= 0) {
          this.admit(this.queue.shift()!, now);
          continue;
        }
        for (const waiter of this.queue) {
          if (!waiter.reason || REASON_RANK[reason] > REASON_RANK[waiter.reason]) waiter.reason = reason;
        }
        const woken = new Promise<void>((resolve) => {
          this.wake = resolve;
        });
        if (Number.isFinite(ms)) {
          const timer = new AbortController();
          await Promise.race([this.sleep(ms, timer.signal).catch(() => {}), woken]);
          timer.abort();
        } else {
          await woken;
        }
        this.wake = undefined;
      }
    } finally {
      this.pumping = false;
    }
  }

  private admit(waiter: Waiter, now: number): void {
    if (waiter.signal && waiter.onAbort) waiter.signal.removeEventListener("abort", waiter.onAbort);
    this.inFlight += 1;
    this.seq += 1;
    let released = false;
    const waitedMs = now - waiter.enqueuedAt;
    waiter.resolve({
      seq: this.seq,
      waitedMs,
      waitReason: waitedMs > 0 ? (waiter.reason ?? "concurrency") : undefined,
      release: () => {
        if (released) return;
        released = true;
        this.inFlight -= 1;
        const end = this.clock.now();
        for (const w of this.windows) w.ends.push(end);
        this.notify();
      },
    });
  }

  /** How long the head of the queue must still wait (Infinity: until an in-flight request completes). */
  private delay(now: number): { ms: number; reason: WaitReason } {
    let ms = 0;
    let reason: WaitReason = "concurrency";
    const hold = (wait: number, why: WaitReason) => {
      if (wait > ms || (wait === ms && wait > 0 && REASON_RANK[why] > REASON_RANK[reason])) {
        ms = wait;
        reason = why;
      }
    };
    if (this.inFlight >= this.concurrency) hold(Number.POSITIVE_INFINITY, "concurrency");
    if (this.pausedUntil > now) hold(this.pausedUntil - now, "server");
    if (this.gate) {
      if (now >= this.gate.resetAt) this.gate = undefined;
      else if (this.gate.remaining - (this.seq - this.gate.seq) <= 0) {
        // Reset headers are often whole seconds, truncated: come back a little after the stated instant.
        const until = this.gate.resetAt - now;
        hold(until + Math.ceil(until * this.safetyMargin) + 1, "server");
      }
    }
    for (const w of this.windows) {
      const live = this.live(w, now);
      if (live < w.limit) continue;
      const mustExpire = live - w.limit + 1;
      const completed = w.ends.length - w.head;
      if (mustExpire > completed) hold(Number.POSITIVE_INFINITY, "budget");
      else hold(w.ends[w.head + mustExpire - 1]! + w.spanMs - now, "budget");
    }
    return { ms, reason };
  }

  /** Requests counting against `w` at `now`: in flight plus completed within the stretched window. */
  private live(w: WindowState, now: number): number {
    const horizon = now - w.spanMs;
    while (w.head < w.ends.length && w.ends[w.head]! <= horizon) w.head += 1;
    if (w.head > 1024 && w.head * 2 > w.ends.length) {
      w.ends.splice(0, w.head);
      w.head = 0;
    }
    return this.inFlight + (w.ends.length - w.head);
  }

  private notify(): void {
    this.wake?.();
  }
}

export function createRateLimiter(options: RateLimiterOptions = {}): RateLimiter {
  return new RateLimiter(options);
}
