import { isSecretHeader } from "../redact.ts";
import type { AuthStrategy } from "./strategy.ts";

/**
 * Fixed headers on every request, for API keys that never expire:
 * - ProofHub: `{ "X-API-KEY": key, "User-Agent": "Roster (it@example.com)" }` — the User-Agent is mandatory there
 *   (missing → 400), so it travels with the credential rather than as an afterthought;
 * - Productive: `{ "X-Auth-Token": token, "X-Organization-Id": orgId }`.
 * Values of `Authorization`, `X-API-KEY`, `X-Auth-Token` (and any name in `secretHeaders`) are redacted.
 * A 401 cannot be fixed by retrying: no renewal.
 */
export function staticHeaders(
  headers: Record<string, string>,
  options: { secretHeaders?: readonly string[] } = {},
): AuthStrategy {
  const extra = new Set((options.secretHeaders ?? []).map((name) => name.toLowerCase()));
  const secretValues = Object.entries(headers)
    .filter(([name]) => isSecretHeader(name) || extra.has(name.toLowerCase()))
    .map(([, value]) => value);
  const fixed = { ...headers };
  return {
    kind: "static",
    authorize: async () => ({ headers: { ...fixed } }),
    secrets: () => [...secretValues],
  };
}

/** `Authorization: Bearer <token>` (Productboard REST and SCIM tokens); `scheme` for the odd `Token <t>` API. */
export function bearer(token: string, options: { scheme?: string } = {}): AuthStrategy {
  const value = `${options.scheme ?? "Bearer"} ${token}`;
  return {
    kind: "bearer",
    authorize: async () => ({ headers: { Authorization: value }, credential: token }),
    secrets: () => [token],
  };
}
