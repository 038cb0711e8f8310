/**
 * JSON:API documents and error bodies as Productive sends them. The 401, 404 and 422 bodies are verbatim from the
 * official users doc page (seed 001); the 400 "Unsupported Filter" carries `status` as a number, as the real API
 * does. The other error bodies (400 bad request, 409, 415, 429, 5xx) follow the same shape; their `code` values
 * are the sandbox's choice (see docs/sandbox/productive.md).
 */

import { jsonResponse } from "../kit/json-fragments.ts";

/** Media type Productive requires on writes and sends on every response. */
export const JSON_API_MEDIA_TYPE = "application/vnd.api+json";
const RESPONSE_CONTENT_TYPE = "application/vnd.api+json; charset=utf-8";

export interface JsonApiError {
  status: string | number;
  code: string;
  title: string;
  detail: string;
  meta: Record<string, unknown>;
  source: { pointer?: string; parameter?: string };
}

/** A JSON:API response with Productive's content type. */
export function jsonApi(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return jsonApiBody(JSON.stringify(body), status, headers);
}

/** Same, for a body that is JSON already (text or UTF-8 bytes). */
export function jsonApiBody(
  json: string | Uint8Array<ArrayBuffer>,
  status = 200,
  headers: Record<string, string> = {},
): Response {
  return jsonResponse(json, { status, contentType: RESPONSE_CONTENT_TYPE, headers });
}

function errorResponse(status: number, error: JsonApiError, headers?: Record<string, string>): Response {
  return jsonApi({ errors: [error] }, status, headers);
}

const error = (
  status: number,
  code: string,
  title: string,
  detail: string,
  source: JsonApiError["source"] = {},
): JsonApiError => ({ status: String(status), code, title, detail, meta: {}, source });

/** 401 — missing, wrong or revoked token (and a wrong organization id). Verbatim from the official doc. */
export function unauthenticated(): Response {
  return errorResponse(401, error(401, "invalid_auth_token", "Unauthenticated", "You are not authenticated"));
}

/** 404 — unknown id, and (the sandbox's choice) unknown routes and methods. Verbatim from the official doc. */
export function recordNotFound(): Response {
  return errorResponse(
    404,
    error(404, "record_not_found", "Record Not Found", "The requested record was not found"),
  );
}

/** One failed attribute of a 422: `detail` is the Rails message ("can't be blank"). */
export interface AttributeProblem {
  attribute: string;
  detail: string;
}

/** 422 — one error per failed attribute, `source.pointer` = `data/attributes/<name>` as in the official doc. */
export function invalidAttributes(problems: readonly AttributeProblem[]): Response {
  return jsonApi(
    {
      errors: problems.map((p) =>
        error(422, "invalid_attribute", "Invalid Attribute", p.detail, {
          pointer: `data/attributes/${p.attribute}`,
        }),
      ),
    },
    422,
  );
}

/** 400 for a filter the endpoint does not know. Quirk: `status` is a number here, a string everywhere else. */
export function unsupportedFilter(parameter: string): Response {
  return errorResponse(400, {
    ...error(400, "unsupported_filter", "Unsupported Filter", `Filter ${parameter} is not supported`, {
      parameter,
    }),
    status: 400,
  });
}

/** 400 — the body is not a JSON:API document. */
export function badRequest(detail: string): Response {
  return errorResponse(400, error(400, "bad_request", "Bad Request", detail));
}

/** 409 — `data.type` or `data.id` does not match the endpoint (JSON:API rule). */
export function conflict(detail: string, pointer: string): Response {
  return errorResponse(409, error(409, "conflict", "Conflict", detail, { pointer }));
}

/** 415 — a write without `Content-Type: application/vnd.api+json`. */
export function unsupportedMediaType(): Response {
  return errorResponse(
    415,
    error(
      415,
      "unsupported_media_type",
      "Unsupported Media Type",
      `Content-Type must be ${JSON_API_MEDIA_TYPE}`,
    ),
  );
}

/** 429 with `Retry-After` in whole seconds. */
export function tooManyRequests(retryAfterSeconds: number): Response {
  const seconds = Math.max(1, Math.ceil(retryAfterSeconds));
  return errorResponse(
    429,
    error(
      429,
      "rate_limit_exceeded",
      "Too Many Requests",
      `Rate limit exceeded, retry in ${seconds} seconds`,
    ),
    { "Retry-After": String(seconds) },
  );
}

const SERVER_ERROR_TITLES: Record<number, string> = {
  500: "Internal Server Error",
  502: "Bad Gateway",
  503: "Service Unavailable",
  504: "Gateway Timeout",
};

/** Injected 5xx (faults) and the last-resort answer of `app.onError`. */
export function serverError(status: number): Response {
  const title = SERVER_ERROR_TITLES[status] ?? "Server Error";
  return errorResponse(
    status,
    error(
      status,
      title.toLowerCase().replaceAll(" ", "_"),
      title,
      "Something went wrong, please try again later",
    ),
  );
}
