/**
 * The one error type of the HTTP layer. Every HTTP status, timeout, dropped connection, token-endpoint failure and
 * bad response shape is mapped onto a closed set of codes here, once, so connectors and the sync engine branch on
 * `error.code` and never on raw statuses.
 */

export const HTTP_ERROR_CODES = [
  "unauthenticated",
  "forbidden",
  "not_found",
  "conflict",
  "invalid",
  "rate_limited",
  "unavailable",
] as const;
export type HttpErrorCode = (typeof HTTP_ERROR_CODES)[number];

/** Codes worth retrying later (after the layer's own retries are exhausted). */
const TRANSIENT: ReadonlySet<HttpErrorCode> = new Set(["rate_limited", "unavailable"]);

export interface HttpErrorInit {
  code: HttpErrorCode;
  app: string;
  method: string;
  /** URL path only — never the query string, which may carry secrets. */
  path: string;
  status?: number;
  /** What the caller was doing, e.g. `list org members`; prefixed to the message. */
  operation?: string;
  /** Short redacted explanation: the server's error code/description, the zod issue, `timed out after 30000 ms`. */
  detail?: string;
  /** For `rate_limited`: how long the server asked to wait, when it said so. */
  retryAfterMs?: number;
  /** For a bad response shape: where the zod issue is (`data[3].fields.email`). */
  issues?: readonly ResponseIssue[];
  cause?: unknown;
}

export interface ResponseIssue {
  path: string;
  message: string;
}

/**
 * A failed HTTP exchange: `podio: GET /org/1/member/ → 420 rate_limited: Please wait 300 seconds`.
 * `retryable` says whether the same request could succeed later (rate limits, outages), not whether the layer
 * retried — it always has, as far as its policy allows, before throwing.
 */
export class HttpError extends Error {
  override readonly name = "HttpError";
  readonly code: HttpErrorCode;
  readonly app: string;
  readonly method: string;
  readonly path: string;
  readonly status: number | undefined;
  readonly retryable: boolean;
  readonly operation: string | undefined;
  readonly detail: string | undefined;
  readonly retryAfterMs: number | undefined;
  readonly issues: readonly ResponseIssue[] | undefined;

  constructor(init: HttpErrorInit) {
    super(formatMessage(init), init.cause === undefined ? undefined : { cause: init.cause });
    this.code = init.code;
    this.app = init.app;
    this.method = init.method;
    this.path = init.path;
    this.status = init.status;
    this.retryable = TRANSIENT.has(init.code);
    this.operation = init.operation;
    this.detail = init.detail;
    this.retryAfterMs = init.retryAfterMs;
    this.issues = init.issues;
  }

  /** Plain fields for structured logs and run summaries (no cause chain, no secrets). */
  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      code: this.code,
      app: this.app,
      method: this.method,
      path: this.path,
      status: this.status,
      retryable: this.retryable,
      ...(this.operation ? { operation: this.operation } : {}),
      ...(this.detail ? { detail: this.detail } : {}),
      ...(this.retryAfterMs !== undefined ? { retryAfterMs: this.retryAfterMs } : {}),
      ...(this.issues ? { issues: this.issues } : {}),
      message: this.message,
    };
  }
}

function formatMessage(init: HttpErrorInit): string {
  const context = init.operation ? `${init.app}: ${init.operation}:` : `${init.app}:`;
  const outcome = init.status === undefined ? init.code : `${init.status} ${init.code}`;
  const detail = init.detail ? `: ${init.detail}` : "";
  return `${context} ${init.method} ${init.path} → ${outcome}${detail}`;
}

/**
 * The code for a non-2xx status. 420 is Podio's "Enhance your calm" rate limit; 410 Gone is treated like 404 (Podio
 * answers 410 for deleted objects). Unlisted 4xx are the caller's fault: `invalid`.
 */
export function codeForStatus(status: number): HttpErrorCode {
  if (status === 401) return "unauthenticated";
  if (status === 403) return "forbidden";
  if (status === 404 || status === 410) return "not_found";
  if (status === 409) return "conflict";
  if (status === 429 || status === 420) return "rate_limited";
  if (status >= 500) return "unavailable";
  return "invalid";
}

export function isHttpError(error: unknown, code?: HttpErrorCode): error is HttpError {
  return error instanceof HttpError && (code === undefined || error.code === code);
}
