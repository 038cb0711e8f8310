import type { Context, ErrorHandler, NotFoundHandler } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { FaultAnswers } from "../kit/middleware.ts";
import type { RateWindow } from "../kit/rate-limiter.ts";
import { productboardError, serverErrorCode } from "./errors.ts";
import { rateLimitHeaders, retryAfterSeconds } from "./rate-limit.ts";
import { isScimPath, scimErrorResponse } from "./scim-errors.ts";

/** Injected faults answered in the shape of the surface hit: SCIM errors under `/scim/v2`, REST errors elsewhere. */
export function productboardFaultAnswers(window: RateWindow): FaultAnswers {
  return {
    serverError(c: Context, status: number) {
      const detail = "The service is temporarily unavailable. Try again later.";
      if (isScimPath(c.req.path)) return scimErrorResponse(status, detail);
      return productboardError(c, status as ContentfulStatusCode, serverErrorCode(status), detail);
    },
    rateLimited(c: Context) {
      const headers = {
        ...rateLimitHeaders({ limit: window.limit, remaining: 0 }),
        "Retry-After": String(retryAfterSeconds(window.windowMs)),
      };
      const detail = "Rate limit exceeded. Retry after the indicated time.";
      if (isScimPath(c.req.path)) return scimErrorResponse(429, detail, headers);
      return productboardError(c, 429, "rate_limit_exceeded", detail, headers);
    },
  };
}

/** Unknown routes: the surface's own 404. */
export const productboardNotFound: NotFoundHandler = (c) => {
  const detail = `No route for ${c.req.method} ${c.req.path}.`;
  if (isScimPath(c.req.path)) return scimErrorResponse(404, detail);
  return productboardError(c, 404, "not_found", detail);
};

/** Last guard: never a stack trace, always the surface's 500 shape. */
export const productboardOnError: ErrorHandler = (_error, c) => {
  const detail = "An unexpected error occurred.";
  if (isScimPath(c.req.path)) return scimErrorResponse(500, detail);
  return productboardError(c, 500, "internal_server_error", detail);
};
