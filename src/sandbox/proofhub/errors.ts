/**
 * ProofHub's error answers. The v3 docs give statuses but no error body [I], so the sandbox uses one small,
 * consistent JSON shape for every error it sends, including the injected faults:
 *
 * ```json
 * {"status":422,"error":"unprocessable_entity","message":"Validation failed","fields":{"email":["has already been taken"]}}
 * ```
 * `fields` appears only on validation errors (422), keyed by request field name.
 */

export interface ProofhubErrorBody {
  status: number;
  error: string;
  message: string;
  fields?: Record<string, string[]>;
}

const ERROR_CODES: Record<number, string> = {
  400: "bad_request",
  401: "unauthorized",
  403: "forbidden",
  404: "not_found",
  415: "unsupported_media_type",
  422: "unprocessable_entity",
  429: "too_many_requests",
  500: "internal_server_error",
  502: "bad_gateway",
  503: "service_unavailable",
  504: "gateway_timeout",
};

export function errorCode(status: number): string {
  return ERROR_CODES[status] ?? (status >= 500 ? "server_error" : "error");
}

/** An error answer in ProofHub's shape (a plain `Response`, so middleware and fault answers can use it too). */
export function proofhubError(
  status: number,
  message: string,
  options: { fields?: Record<string, string[]>; headers?: Record<string, string> } = {},
): Response {
  const body: ProofhubErrorBody = { status, error: errorCode(status), message };
  if (options.fields) body.fields = options.fields;
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json; charset=UTF-8", ...options.headers },
  });
}

/** 422 with per-field messages. */
export function validationFailed(fields: Record<string, string[]>): Response {
  return proofhubError(422, "Validation failed", { fields });
}

export function notFound(what: string): Response {
  return proofhubError(404, `${what} not found`);
}

/** Zod-style issues → the `fields` of a 422, keyed by the top-level request field. */
export function issuesToFields(issues: readonly { path: readonly PropertyKey[]; message: string }[]) {
  const fields: Record<string, string[]> = {};
  for (const issue of issues) {
    const field = String(issue.path[0] ?? "body");
    fields[field] ??= [];
    fields[field].push(issue.message);
  }
  return fields;
}

/** `Retry-After` in whole seconds (at least 1) for a wait of `ms`. */
export function retryAfterSeconds(ms: number): string {
  return String(Math.max(1, Math.ceil(ms / 1000)));
}
