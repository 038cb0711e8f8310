import type { Context, MiddlewareHandler } from "hono";
import type { RateLimiter, RateWindow } from "../kit/rate-limiter.ts";

/**
 * Docebo's limits are set by contract and not published; enforcement (since mid-2025) answers 429 with no
 * `Retry-After` and no rate-limit headers, so a client can only back off blindly. Default budget: 1,000 requests
 * per hour per API client [I] — override with the `rateLimit` option.
 */
export const DOCEBO_RATE_LIMIT: readonly RateWindow[] = [{ limit: 1000, windowMs: 3_600_000 }];

/** Per-key budget; a refused request gets `reject` (the surface's own 429 shape) and sends no headers. */
export function rateLimit(
  limiter: RateLimiter | undefined,
  keyOf: (c: Context) => string,
  reject: (c: Context) => Response,
): MiddlewareHandler {
  return async (c, next) => {
    if (limiter && !limiter.take(keyOf(c)).allowed) return reject(c);
    await next();
  };
}
