/**
 * Keeping secrets out of logs, error messages and counters. Two mechanisms:
 * - by name: header values of `Authorization`, `X-API-KEY`, `X-Auth-Token`, cookies, and query parameters named
 *   like credentials are replaced wholesale;
 * - by value: every known secret (static keys, access and refresh tokens, client secrets, passwords, app tokens) is
 *   scrubbed from any free text (server error descriptions, exception messages) before it is logged or thrown.
 */

export const REDACTED_VALUE = "***";

const SECRET_HEADERS: ReadonlySet<string> = new Set([
  "authorization",
  "proxy-authorization",
  "x-api-key",
  "x-auth-token",
  "cookie",
  "set-cookie",
]);

const SECRET_PARAMS: ReadonlySet<string> = new Set([
  "token",
  "access_token",
  "refresh_token",
  "id_token",
  "client_secret",
  "password",
  "app_token",
  "api_key",
  "apikey",
  "code",
]);

/** Shorter strings are not scrubbed by value: a two-character "secret" would shred every message. */
const MIN_SECRET_LENGTH = 3;

export function isSecretHeader(name: string): boolean {
  return SECRET_HEADERS.has(name.toLowerCase());
}

export function isSecretParam(name: string): boolean {
  return SECRET_PARAMS.has(name.toLowerCase());
}

/** Replace every occurrence of each secret (raw and URL-encoded) in `text`. */
export function redact(text: string, secrets: Iterable<string>): string {
  let out = text;
  const ordered = [...new Set(secrets)]
    .filter((s) => s.length >= MIN_SECRET_LENGTH)
    .sort((a, b) => b.length - a.length);
  for (const secret of ordered) {
    for (const form of new Set([
      secret,
      encodeURIComponent(secret),
      new URLSearchParams({ s: secret }).toString().slice(2),
    ])) {
      if (form.length >= MIN_SECRET_LENGTH) out = out.split(form).join(REDACTED_VALUE);
    }
  }
  return out;
}

/** The URL with credential-named query parameters masked (`?access_token=***&page=2`). */
export function redactUrl(url: string | URL): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return String(url).replace(/([?&])([^=&#]+)=([^&#]*)/g, (match, sep: string, name: string) =>
      isSecretParam(decodeURIComponent(name)) ? `${sep}${name}=${REDACTED_VALUE}` : match,
    );
  }
  for (const name of [...parsed.searchParams.keys()]) {
    if (isSecretParam(name)) parsed.searchParams.set(name, REDACTED_VALUE);
  }
  return parsed.toString().replaceAll(encodeURIComponent(REDACTED_VALUE), REDACTED_VALUE);
}

/** Header map safe to log: credential headers masked, everything else kept. */
export function redactHeaders(headers: Headers | Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  const entries = headers instanceof Headers ? headers.entries() : Object.entries(headers);
  for (const [name, value] of entries) out[name] = isSecretHeader(name) ? REDACTED_VALUE : value;
  return out;
}
