/**
 * Podio's rate limits: per user per API key (client id), 1,000 calls per hour, and 250 per hour for the operations
 * Podio marks "rate limited" (here: removing an org member and adding members to a space). A rate-limited
 * operation counts against both budgets. https://developers.podio.com/index/limits
 *
 * Over budget Podio answers **420** (not 429) with its error envelope, `error: "rate_limit"`, and says how long
 * to wait in the description. `X-Rate-Limit-Limit` / `X-Rate-Limit-Remaining` ride on every authenticated answer;
 * there is no reset header. `Retry-After` is optional (the seed guide says Podio sends it, the docs do not).
 */
import type { Context, MiddlewareHandler } from "hono";
import type { SandboxContext } from "../kit/context.ts";
import type { RateDecision, RateLimiter } from "../kit/rate-limiter.ts";
import type { Caller, PodioDeps, PodioEnv } from "./env.ts";
import { asStatus, podioErrorBody } from "./errors.ts";

export const HOUR_MS = 60 * 60 * 1000;
export const GENERAL_LIMIT_PER_HOUR = 1000;
export const RESTRICTED_LIMIT_PER_HOUR = 250;

export class PodioLimits {
  readonly general: RateLimiter | undefined;
  readonly restricted: RateLimiter | undefined;

  constructor(ctx: SandboxContext, perHour: { general: number; restricted: number }) {
    this.general = ctx.limiter([{ limit: perHour.general, windowMs: HOUR_MS }]);
    this.restricted = ctx.limiter([{ limit: perHour.restricted, windowMs: HOUR_MS }]);
  }
}

export const rateLimitKey = (caller: Caller) => `${caller.clientId}|${caller.ref.type}:${caller.ref.id}`;

export function setRateHeaders(c: Context, decision: RateDecision): void {
  c.header("X-Rate-Limit-Limit", String(decision.limit));
  c.header("X-Rate-Limit-Remaining", String(decision.remaining));
}

/** The 420 answer; `waitMs` is what is really left of the window (in sandbox time). */
export function rateLimitedResponse(
  c: Context,
  retryAfterHeader: boolean,
  limit: number,
  waitMs: number,
): Response {
  const seconds = Math.max(1, Math.ceil(waitMs / 1000));
  const body = podioErrorBody(
    c,
    "rate_limit",
    `You have hit the rate limit. Please wait ${seconds} seconds before trying again`,
  );
  const headers: Record<string, string> = {
    "X-Rate-Limit-Limit": String(limit),
    "X-Rate-Limit-Remaining": "0",
  };
  if (retryAfterHeader) headers["Retry-After"] = String(seconds);
  return c.json(body, asStatus(420), headers);
}

/** Charge the caller's general budget (run after authentication); headers go on whatever the handler answers. */
export function chargeGeneral(deps: PodioDeps): MiddlewareHandler<PodioEnv> {
  return async (c, next) => {
    const limiter = deps.limits.general;
    if (!limiter) return next();
    const decision = limiter.take(rateLimitKey(c.get("caller")));
    if (!decision.allowed) {
      return rateLimitedResponse(c, deps.settings.retryAfterHeader, decision.limit, decision.resetMs);
    }
    c.set("rate", decision);
    await next();
    const charged = c.get("rate");
    if (charged) setRateHeaders(c, charged);
  };
}

/** Charge the 250/h budget of a "rate limited" operation as well; its headers then describe that budget. */
export function chargeRestricted(deps: PodioDeps): MiddlewareHandler<PodioEnv> {
  return async (c, next) => {
    const limiter = deps.limits.restricted;
    if (!limiter) return next();
    const decision = limiter.take(rateLimitKey(c.get("caller")));
    c.set("rate", undefined);
    if (!decision.allowed) {
      return rateLimitedResponse(c, deps.settings.retryAfterHeader, decision.limit, decision.resetMs);
    }
    c.set("rate", decision);
    await next();
  };
}
