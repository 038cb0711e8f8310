import type { Context, Env, MiddlewareHandler } from "hono";
import type { RateDecision, RateLimiter, RateWindow } from "../kit/rate-limiter.ts";

/** 50 requests per second per token (api-facts.md; the seed's "1,000/min" is an older figure). */
export const PRODUCTBOARD_RATE_WINDOW: RateWindow = { limit: 50, windowMs: 1000 };

export function rateLimitHeaders(
  decision: Pick<RateDecision, "limit" | "remaining">,
): Record<string, string> {
  return { "X-RateLimit-Limit": String(decision.limit), "X-RateLimit-Remaining": String(decision.remaining) };
}

/** `Retry-After` in whole seconds, never 0. */
export function retryAfterSeconds(resetMs: number): number {
  return Math.max(1, Math.ceil(resetMs / 1000));
}

/**
 * Per-token budget: refuses with `reject` (the surface's own 429 shape, given the headers to send) and stamps
 * `X-RateLimit-Limit` / `X-RateLimit-Remaining` on every answer it lets through. Requests `keyOf` returns no key
 * for (not authenticated) pass untouched; they get the surface's 401.
 */
export function perTokenRateLimit<E extends Env>(
  limiter: RateLimiter | undefined,
  keyOf: (c: Context<E>) => string | undefined,
  reject: (c: Context<E>, headers: Record<string, string>) => Response,
): MiddlewareHandler<E> {
  return async (c, next) => {
    const key = limiter ? keyOf(c) : undefined;
    if (!limiter || key === undefined) return next();
    const decision = limiter.take(key);
    const headers = rateLimitHeaders(decision);
    if (!decision.allowed) {
      return reject(c, { ...headers, "Retry-After": String(retryAfterSeconds(decision.resetMs)) });
    }
    await next();
    for (const [name, value] of Object.entries(headers)) c.res.headers.set(name, value);
  };
}
