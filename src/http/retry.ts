/** When to try again, and how long to wait first. */

export interface RetryOptions {
  /** Attempts in total, the first included. Default 5. */
  maxAttempts: number;
  /** First backoff step. Default 500 ms. */
  baseDelayMs: number;
  /** No backoff step is longer than this. Default 30 s. */
  maxDelayMs: number;
  /**
   * A server asking for a longer wait than this (Retry-After, Podio's "wait N seconds") is not waited out: the
   * request fails `rate_limited` with `retryAfterMs` so the caller can reschedule. Default 1 hour (Podio's window).
   */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY: RetryOptions = {
  maxAttempts: 5,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  maxRetryAfterMs: 3_600_000,
};

/**
 * Capped exponential backoff with "equal jitter": after failed attempt n the step is
 * min(maxDelayMs, baseDelayMs × 2^(n-1)), and the wait is uniformly between half the step and the step.
 * Never zero (a storm is not hammered), never above the cap.
 */
export function backoffDelay(attempt: number, options: RetryOptions, random: () => number): number {
  const step = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(step / 2 + random() * (step / 2));
}

/** Methods whose repetition has no further effect (RFC 9110 §9.2.2): retried after any transient failure. */
export function isIdempotent(method: string): boolean {
  return ["GET", "HEAD", "OPTIONS", "PUT", "DELETE"].includes(method);
}

/** Rate limited: Podio's non-standard 420 ("Enhance your calm") and 429. The server refused; nothing happened. */
export function isRateLimitStatus(status: number): boolean {
  return status === 429 || status === 420;
}

/** Server-side failures worth another try. 501 Not Implemented and 505 will not get better. */
export function isTransientStatus(status: number): boolean {
  return status >= 500 && status !== 501 && status !== 505;
}
