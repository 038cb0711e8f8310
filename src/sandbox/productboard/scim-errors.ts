import { ERROR_SCHEMA } from "../../scim/errors.ts";

const SCIM_PREFIX = "/scim/v2";

export function isScimPath(path: string): boolean {
  return path === SCIM_PREFIX || path.startsWith(`${SCIM_PREFIX}/`);
}

/** A SCIM error answer (RFC 7644 §3.12) for what the sandbox answers around the engine (faults, 429, 404). */
export function scimErrorResponse(
  status: number,
  detail: string,
  headers: Record<string, string> = {},
): Response {
  return new Response(JSON.stringify({ schemas: [ERROR_SCHEMA], status: String(status), detail }), {
    status,
    headers: { "content-type": "application/scim+json; charset=utf-8", ...headers },
  });
}
