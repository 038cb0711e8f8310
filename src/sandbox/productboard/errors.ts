import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";

/**
 * Productboard's REST error body. The official v2 reference does not publish error bodies (api-facts.md lists
 * none), so the sandbox uses the JSON:API-style list the public API answers with: `{"errors":[{code,title,detail}]}`.
 * Connectors must key on the HTTP status, never on these strings.
 */
export interface ProductboardErrorBody {
  errors: { code: string; title: string; detail: string }[];
}

export type ProductboardErrorCode =
  | "bad_request"
  | "unauthorized"
  | "not_found"
  | "method_not_allowed"
  | "rate_limit_exceeded"
  | "internal_server_error"
  | "service_unavailable";

const TITLES: Record<ProductboardErrorCode, string> = {
  bad_request: "Bad Request",
  unauthorized: "Unauthorized",
  not_found: "Not Found",
  method_not_allowed: "Method Not Allowed",
  rate_limit_exceeded: "Too Many Requests",
  internal_server_error: "Internal Server Error",
  service_unavailable: "Service Unavailable",
};

export function productboardErrorBody(code: ProductboardErrorCode, detail: string): ProductboardErrorBody {
  return { errors: [{ code, title: TITLES[code], detail }] };
}

export function productboardError(
  c: Context,
  status: ContentfulStatusCode,
  code: ProductboardErrorCode,
  detail: string,
  headers?: Record<string, string>,
): Response {
  return c.json(productboardErrorBody(code, detail), status, headers);
}

/** The code a status maps to when the sandbox answers a 5xx of its own (fault injection, unexpected errors). */
export function serverErrorCode(status: number): ProductboardErrorCode {
  return status === 503 ? "service_unavailable" : "internal_server_error";
}
