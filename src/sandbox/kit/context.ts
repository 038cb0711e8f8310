import { type Clock, systemClock } from "./clock.ts";
import { type FaultInput, Faults } from "./faults.ts";
import { RateLimiter, type RateWindow, scaleWindows } from "./rate-limiter.ts";
import { RequestLog } from "./request-log.ts";

/** Options every sandbox accepts, next to its own (world state, page caps). */
export interface SandboxOptions {
  clock?: Clock;
  /**
   * Divides every time-based number — rate-limit windows, token lifetimes — without changing the limits themselves
   * (e.g. 600 turns Podio's hour into 6 s). Default 1: the real numbers.
   */
  timeScale?: number;
  /** `false` turns rate limiting off (benchmarks); faults still apply. Default true. */
  rateLimits?: boolean;
  faults?: FaultInput;
}

/** An e-mail the app would have sent (invitation, password set-up), recorded instead of sent. */
export interface SentInvitation {
  at: string;
  to: string;
  kind: string;
  details?: Record<string, unknown>;
}

/** What the kit's middleware and admin routes share with an app's handlers. */
export class SandboxContext {
  readonly clock: Clock;
  readonly timeScale: number;
  readonly rateLimitsOn: boolean;
  readonly faults: Faults;
  readonly log = new RequestLog();
  readonly invitations: SentInvitation[] = [];
  private readonly limiters: RateLimiter[] = [];

  constructor(
    readonly app: string,
    options: SandboxOptions = {},
  ) {
    this.clock = options.clock ?? systemClock;
    this.timeScale = options.timeScale ?? 1;
    if (!(this.timeScale > 0))
      throw new Error(`${app} sandbox: timeScale must be > 0, got ${options.timeScale}`);
    this.rateLimitsOn = options.rateLimits ?? true;
    this.faults = new Faults(this.clock, options.faults);
  }

  /** A real-world duration in this sandbox's time. */
  scaleMs(ms: number): number {
    return Math.max(1, Math.round(ms / this.timeScale));
  }

  /** A limiter for the app's real budget, scaled; `undefined` when rate limits are off. */
  limiter(windows: readonly RateWindow[]): RateLimiter | undefined {
    if (!this.rateLimitsOn) return undefined;
    const limiter = new RateLimiter(scaleWindows(windows, this.timeScale), this.clock);
    this.limiters.push(limiter);
    return limiter;
  }

  resetRateLimits(): void {
    for (const limiter of this.limiters) limiter.reset();
  }

  nowIso(): string {
    return new Date(this.clock.now()).toISOString();
  }

  recordInvitation(to: string, kind: string, details?: Record<string, unknown>): void {
    this.invitations.push({ at: this.nowIso(), to, kind, ...(details ? { details } : {}) });
  }
}
