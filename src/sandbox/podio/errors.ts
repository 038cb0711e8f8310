/**
 * Podio's error envelope. Every error Podio answers has the same body, whatever the status:
 *
 * ```json
 * {"error":"not_found","error_description":"Object not found","error_detail":null,"error_parameters":{},
 *  "error_propagate":false,"request":{"url":"https://api.podio.com/org/1/member/9","query_string":"","method":"GET"}}
 * ```
 * Handlers throw `PodioApiError`; the app's `onError` turns it into this body (see `index.ts`).
 */
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";

export interface PodioErrorBody {
  error: string;
  error_description: string;
  error_detail: string | null;
  error_parameters: Record<string, unknown>;
  error_propagate: boolean;
  request: { url: string; query_string: string; method: string };
}

/** A Podio error answer, thrown from anywhere inside a request and rendered by `onError`. */
export class PodioApiError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    readonly description: string,
    readonly detail: string | null = null,
    readonly parameters: Record<string, unknown> = {},
  ) {
    super(`${status} ${error}: ${description}`);
    this.name = "PodioApiError";
  }
}

/** Podio's statuses include 420 (rate limited), which Hono's status union does not list. */
export function asStatus(status: number): ContentfulStatusCode {
  return status as ContentfulStatusCode;
}

export function podioErrorBody(
  c: Context,
  error: string,
  description: string,
  detail: string | null = null,
  parameters: Record<string, unknown> = {},
): PodioErrorBody {
  const url = new URL(c.req.url);
  return {
    error,
    error_description: description,
    error_detail: detail,
    error_parameters: parameters,
    error_propagate: false,
    request: { url: `${url.origin}${url.pathname}`, query_string: url.search.slice(1), method: c.req.method },
  };
}

export function podioErrorResponse(c: Context, err: PodioApiError): Response {
  return c.json(
    podioErrorBody(c, err.error, err.description, err.detail, err.parameters),
    asStatus(err.status),
  );
}

// The errors the sandbox answers, one constructor each so the wording stays the same everywhere.

export const notFound = (what = "Object not found") => new PodioApiError(404, "not_found", what);

export const forbidden = (description: string) => new PodioApiError(403, "forbidden", description);

/** A query parameter or body field Podio's validation rejects. */
export const invalidValue = (description: string, parameters: Record<string, unknown> = {}) =>
  new PodioApiError(400, "invalid_value", description, null, parameters);

/** Podio names the routing miss after the operation lookup: wrong path, wrong method or a non-numeric id. */
export const noOperation = (method: string, path: string) =>
  new PodioApiError(
    404,
    "not_found",
    `No matching operation could be found. No operation found for ${method} ${path}`,
  );

/** Podio's wording for injected 5xx answers: 502/503 are `unavailable`, 504 `timeout`, the rest `server_error`. */
export function serverErrorName(status: number): string {
  if (status === 502 || status === 503) return "unavailable";
  if (status === 504) return "timeout";
  return "server_error";
}
