import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";

/**
 * Docebo's API layer is Yii2: every error of the `/manage/v1` surface is Yii's serialised HTTP exception,
 * `{"name":"Not Found","message":"Page not found.","code":0,"status":404}` (production mode: no `type`).
 * The token endpoint is an OAuth2 server and answers RFC 6749 bodies instead (see `oauthError`).
 */
export interface DoceboErrorBody {
  name: string;
  message: string;
  code: number;
  status: number;
}

const STATUS_NAMES: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  415: "Unsupported Media Type",
  422: "Data Validation Failed.",
  429: "Too Many Requests",
  500: "Internal Server Error",
  502: "Bad Gateway",
  503: "Service Unavailable",
  504: "Gateway Timeout",
};

export function errorBody(status: number, message: string): DoceboErrorBody {
  return { name: STATUS_NAMES[status] ?? "Error", message, code: 0, status };
}

/** A refusal a handler throws; `app.onError` turns it into the Yii error body. */
export class DoceboHttpError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = "DoceboHttpError";
  }
}

export function doceboError(
  c: Context,
  status: ContentfulStatusCode,
  message: string,
  headers: Record<string, string> = {},
): Response {
  return c.json(errorBody(status, message), status, headers);
}

/** Messages of the errors the platform answers with outside of validation. */
export const MESSAGES = {
  notFound: "Page not found.",
  unauthorized: "Your request was made with invalid credentials.",
  tokenInvalid: "The access token provided is invalid",
  tokenExpired: "The access token provided has expired",
  rateLimited: "Rate limit exceeded.",
  serverError: "An internal server error occurred.",
  overloaded: "The service is temporarily unavailable. Please try again later.",
  badJson: "Invalid JSON data in request body: Syntax error.",
} as const;

/** Yii answers a known URL called with the wrong verb with 405 and an `Allow` header. */
export function methodNotAllowed(methods: readonly string[]) {
  return (c: Context): Response =>
    doceboError(
      c,
      405,
      `Method Not Allowed. This URL can only handle the following request methods: ${methods.join(", ")}.`,
      { Allow: methods.join(", ") },
    );
}

/** RFC 6749 §5.2 error body of `/oauth2/token`. */
export function oauthError(
  c: Context,
  status: ContentfulStatusCode,
  error: string,
  description: string,
): Response {
  return c.json({ error, error_description: description }, status, { "Cache-Control": "no-store" });
}
