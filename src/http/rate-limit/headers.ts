/**
 * Every vendor's way of saying "slow down", normalized into one `RateLimitSignal`. Each quirk is commented where it
 * is handled. The limiter consumes the signal; nothing else in the codebase reads these headers.
 */

/** What one response told us about the credential's budget. Times are epoch milliseconds. */
export interface RateLimitSignal {
  /** Size of the server's current window, when it says. */
  limit?: number;
  /** Requests left in that window. */
  remaining?: number;
  /** When that window resets. */
  resetAt?: number;
  /** How long the server asked us to wait before the next request. */
  retryAfterMs?: number;
}

/** Epoch-seconds values are at least this (2001-09-09); smaller numbers are deltas. */
const EPOCH_SECONDS_MIN = 1e9;
/** Epoch-milliseconds values are at least this. */
const EPOCH_MS_MIN = 1e12;

/**
 * `Retry-After` per RFC 9110 §10.2.3: either delay-seconds or an HTTP-date. Returns milliseconds from `now`
 * (never negative), or `undefined` when absent or unreadable.
 */
export function parseRetryAfter(value: string | null | undefined, now: number): number | undefined {
  if (value == null) return undefined;
  const text = value.trim();
  if (text === "") return undefined;
  // Delay-seconds. RFC says a non-negative integer; some servers send decimals ("1.5"): accept them.
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  // HTTP-date ("Wed, 21 Oct 2015 07:28:00 GMT"). A date in the past means "now". V8 parses "-5" as a year:
  // only text with a month or weekday name counts as a date.
  if (!/[a-z]{3}/i.test(text)) return undefined;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/**
 * A reset header value as an instant. Vendors disagree on the unit, so the magnitude decides:
 * epoch milliseconds (> 1e12), epoch seconds (> 1e9, GitHub-style `X-RateLimit-Reset`), otherwise seconds from now
 * (the IETF `RateLimit-Reset` draft and most others). An HTTP-date is accepted too.
 */
export function parseResetAt(value: string | null | undefined, now: number): number | undefined {
  const first = leadingNumber(value);
  if (first === undefined) {
    const at = value && /[a-z]{3}/i.test(value) ? Date.parse(value) : Number.NaN;
    return Number.isNaN(at) ? undefined : at;
  }
  if (first >= EPOCH_MS_MIN) return first;
  if (first >= EPOCH_SECONDS_MIN) return first * 1000;
  return now + Math.round(first * 1000);
}

/**
 * Podio's 420 answers with a body like
 * `{"error":"rate_limit","error_description":"You have hit the rate limit. Please wait 300 seconds before trying again"}`
 * and, per the official docs, no `Retry-After` (the seed guide says there is one: both are handled).
 * Some proxies word it "retry after N seconds"; both phrasings are read.
 */
export function parseWaitFromBody(body: string | undefined): number | undefined {
  if (!body) return undefined;
  const match =
    /(?:wait|retry after|try again in)\s+(\d+(?:\.\d+)?)\s*(seconds?|secs?|s|minutes?|mins?|ms)\b/i.exec(
      body,
    );
  if (!match) return undefined;
  const amount = Number(match[1]);
  const unit = match[2]!.toLowerCase();
  if (unit === "ms") return Math.round(amount);
  if (unit.startsWith("min")) return Math.round(amount * 60_000);
  return Math.round(amount * 1000);
}

/**
 * Read the budget headers of any response (not only 429s: a 200 with `remaining: 0` lets the limiter pause before
 * it is refused). Header families, first match wins:
 * - `X-RateLimit-Limit/Remaining/Reset` — Productboard (limit, remaining), ProofHub per its seed (with reset);
 * - `X-Rate-Limit-Limit/Remaining` — Podio (dashed spelling; no reset header, its window is the clock hour);
 * - `RateLimit-Limit/Remaining/Reset` — the IETF draft (reset in delta seconds).
 * Multi-valued headers (`100, 100;w=10`) contribute their first number.
 */
export function readRateLimitHeaders(headers: Headers, now: number): RateLimitSignal {
  const signal: RateLimitSignal = {};
  for (const prefix of ["x-ratelimit-", "x-rate-limit-", "ratelimit-"]) {
    const remaining = leadingNumber(headers.get(`${prefix}remaining`));
    const limit = leadingNumber(headers.get(`${prefix}limit`));
    if (remaining === undefined && limit === undefined) continue;
    if (limit !== undefined) signal.limit = limit;
    if (remaining !== undefined) signal.remaining = remaining;
    const resetAt = parseResetAt(headers.get(`${prefix}reset`), now);
    if (resetAt !== undefined) signal.resetAt = resetAt;
    break;
  }
  const retryAfterMs = parseRetryAfter(headers.get("retry-after"), now);
  if (retryAfterMs !== undefined) signal.retryAfterMs = retryAfterMs;
  return signal;
}

/**
 * The full signal of a refused request (429, Podio's 420, a 503 with `Retry-After`): headers first, then the body's
 * "Please wait N seconds" when no header said how long. Docebo's 429 carries neither (leaky bucket, no
 * `Retry-After`): the signal has no `retryAfterMs` and the client falls back to exponential backoff.
 */
export function readRefusal(headers: Headers, body: string | undefined, now: number): RateLimitSignal {
  const signal = readRateLimitHeaders(headers, now);
  if (signal.retryAfterMs === undefined) {
    const fromBody = parseWaitFromBody(body);
    if (fromBody !== undefined) signal.retryAfterMs = fromBody;
    // Only a reset instant (ProofHub per its seed: "retry after the reset timestamp").
    else if (signal.resetAt !== undefined && signal.resetAt > now) signal.retryAfterMs = signal.resetAt - now;
  }
  return signal;
}

function leadingNumber(value: string | null | undefined): number | undefined {
  if (value == null) return undefined;
  const match = /^\s*(\d+(?:\.\d+)?)/.exec(value);
  return match ? Number(match[1]) : undefined;
}
