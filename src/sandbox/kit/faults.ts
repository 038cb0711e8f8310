import { z } from "zod";
import type { Clock } from "./clock.ts";
import { createRng, type Rng } from "./rng.ts";

/** Fault switches of one sandbox, set at start (`faults` option) or at run time (`PUT /_sandbox/faults`). */
export const FaultSettings = z
  .object({
    /** Probability that a request fails with a 5xx of the app's shape. */
    errorRate: z.number().min(0).max(1).default(0),
    /** Status used for injected server errors. */
    errorStatus: z.number().int().min(500).max(599).default(503),
    /** Added latency per request, in milliseconds (uniform between min and max). */
    latencyMs: z.number().min(0).default(0),
    latencyJitterMs: z.number().min(0).default(0),
    /** Probability that the connection is dropped without a response. */
    dropRate: z.number().min(0).max(1).default(0),
    /** Force the app's rate-limit answer for the next N requests ... */
    stormRequests: z.number().int().min(0).default(0),
    /** ... or until this many milliseconds from when it was set. */
    stormMs: z.number().min(0).default(0),
    /** Records added and removed after each list page is served (page drift). */
    driftAdd: z.number().int().min(0).default(0),
    driftRemove: z.number().int().min(0).default(0),
    /** Seed of the fault dice, for reproducible runs. */
    seed: z.number().int().default(1),
  })
  .strict();
export type FaultSettings = z.infer<typeof FaultSettings>;
export type FaultInput = z.input<typeof FaultSettings>;

/** Live fault state: the dice, the storm countdown and the token-expiry epoch. */
export class Faults {
  private settings: FaultSettings;
  private rng: Rng;
  private stormUntil = 0;
  /** Tokens issued before this instant are treated as expired (early token expiry). */
  tokensValidAfter = 0;

  constructor(
    private readonly clock: Clock,
    input: FaultInput = {},
  ) {
    this.settings = FaultSettings.parse(input);
    this.rng = createRng(this.settings.seed);
    this.armStorm();
  }

  get current(): FaultSettings {
    return { ...this.settings };
  }

  /** Replace settings (fields not given return to their defaults unless `merge`). */
  set(input: FaultInput, merge = true): FaultSettings {
    this.settings = FaultSettings.parse(merge ? { ...this.settings, ...input } : input);
    this.rng = createRng(this.settings.seed);
    this.armStorm();
    return this.current;
  }

  reset(): void {
    this.set({}, false);
  }

  /** Invalidate every token issued so far. */
  expireTokens(): void {
    this.tokensValidAfter = this.clock.now() + 1;
  }

  isTokenExpired(issuedAt: number): boolean {
    return issuedAt < this.tokensValidAfter;
  }

  shouldDrop(): boolean {
    return this.settings.dropRate > 0 && this.rng.chance(this.settings.dropRate);
  }

  shouldError(): boolean {
    return this.settings.errorRate > 0 && this.rng.chance(this.settings.errorRate);
  }

  latency(): number {
    const { latencyMs, latencyJitterMs } = this.settings;
    if (latencyMs === 0 && latencyJitterMs === 0) return 0;
    return latencyMs + this.rng.next() * latencyJitterMs;
  }

  /** Consume one storm request; true while a storm is on. */
  inStorm(): boolean {
    if (this.settings.stormRequests > 0) {
      this.settings.stormRequests -= 1;
      return true;
    }
    return this.clock.now() < this.stormUntil;
  }

  drift(): { add: number; remove: number } {
    return { add: this.settings.driftAdd, remove: this.settings.driftRemove };
  }

  private armStorm(): void {
    this.stormUntil = this.settings.stormMs > 0 ? this.clock.now() + this.settings.stormMs : 0;
  }
}
