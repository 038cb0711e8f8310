import type { MiddlewareHandler } from "hono";
import type { RateLimiter } from "../kit/rate-limiter.ts";
import { JSON_API_MEDIA_TYPE, tooManyRequests, unauthenticated, unsupportedMediaType } from "./json-api.ts";
import type { ProductiveStore } from "./store.ts";

/** Productive's budget per token: 100 requests per 10 s and 4,000 per 30 min, both enforced. */
export const PRODUCTIVE_RATE_WINDOWS = [
  { limit: 100, windowMs: 10_000 },
  { limit: 4_000, windowMs: 30 * 60_000 },
] as const;

/**
 * `X-Organization-Id` is required on organization resources (`/people`). On `/users` it may be absent — the
 * official Ruby client never sends it there — but when present it must still match.
 */
export type OrganizationHeader = "required" | "optional";

/**
 * Authentication then rate limiting, for one route. The token comes from `X-Auth-Token`, or from a `token`
 * query parameter when the header is absent (the doc's `?token=invalid` example). A wrong, missing or revoked
 * token and a missing or wrong organization id all get the doc's 401. Refused requests do not spend budget.
 */
export function authenticate(
  store: ProductiveStore,
  limiter: RateLimiter | undefined,
  organization: OrganizationHeader,
): MiddlewareHandler {
  return async (c, next) => {
    const token = c.req.header("x-auth-token") ?? c.req.query("token");
    if (token === undefined || token !== store.token || store.tokenRevoked) return unauthenticated();
    const organizationId = c.req.header("x-organization-id");
    const organizationOk =
      organizationId === undefined
        ? organization === "optional"
        : organizationId.trim() === store.organizationId;
    if (!organizationOk) return unauthenticated();
    if (limiter) {
      const decision = limiter.take(token);
      if (!decision.allowed) return tooManyRequests(decision.resetMs / 1000);
    }
    await next();
  };
}

/**
 * Writes (POST, PATCH) must say `Content-Type: application/vnd.api+json`; a `charset` parameter is tolerated,
 * anything else is 415.
 */
export const requireJsonApiContentType: MiddlewareHandler = async (c, next) => {
  const [mediaType = "", ...parameters] = (c.req.header("content-type") ?? "").split(";");
  const onlyCharset = parameters.every((p) => p.trim().toLowerCase().startsWith("charset="));
  if (mediaType.trim().toLowerCase() !== JSON_API_MEDIA_TYPE || !onlyCharset) return unsupportedMediaType();
  await next();
};
