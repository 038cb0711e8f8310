import type { TokenHttpRequest } from "./auth/strategy.ts";
import { HttpError } from "./errors.ts";
import { readRefusal } from "./rate-limit/headers.ts";
import { backoffDelay, isRateLimitStatus, isTransientStatus, type RetryOptions } from "./retry.ts";
import type { HttpRecorder } from "./stats.ts";
import type { Clock, Sleep } from "./timers.ts";
import { type FetchLike, type RawResponse, sendOnce, TransportFailure } from "./transport.ts";

/** What the token-endpoint transport borrows from its client. */
export interface TokenExchangeDeps {
  app: string;
  fetch: FetchLike;
  clock: Clock;
  sleep: Sleep;
  random: () => number;
  timeoutMs: number;
  retry: RetryOptions;
  recorder: HttpRecorder;
  /** Non-secret headers every request of the client carries (`User-Agent`: ProofHub-style APIs insist). */
  headers: Record<string, string>;
}

/**
 * Send a token request: the client's timeout, backoff and counters, but no rate limiter and no credentials of
 * ours. Asking for a token twice is harmless, so timeouts, dropped connections, 429/420 and 5xx are all retried.
 * Returns the final answer whatever its status; `processTokenResponse` decides what it means.
 */
export async function sendTokenRequest(
  request: TokenHttpRequest,
  deps: TokenExchangeDeps,
): Promise<RawResponse> {
  const { clock, recorder, retry } = deps;
  const url = new URL(request.url);
  const path = url.pathname;
  const pause = async (attempt: number, reason: string, waitMs?: number) => {
    const delayMs = waitMs ?? backoffDelay(attempt, retry, deps.random);
    recorder.retry("POST", path, attempt, delayMs, reason);
    recorder.wait(waitMs === undefined ? "backoff" : "server", delayMs);
    await deps.sleep(delayMs);
  };

  for (let attempt = 1; ; attempt += 1) {
    const started = clock.now();
    let raw: RawResponse;
    try {
      raw = await sendOnce(
        url,
        { method: "POST", headers: { ...deps.headers, ...request.headers }, body: request.body },
        { fetch: deps.fetch, sleep: deps.sleep, timeoutMs: deps.timeoutMs },
      );
    } catch (error) {
      if (!(error instanceof TransportFailure)) throw error;
      recorder.exchange(
        "token",
        { method: "POST", path, outcome: error.kind },
        attempt,
        clock.now() - started,
      );
      if (attempt < retry.maxAttempts) {
        await pause(attempt, error.kind);
        continue;
      }
      throw new HttpError({
        code: "unavailable",
        app: deps.app,
        method: "POST",
        path,
        operation: "token request",
        detail: error.message,
        cause: error,
      });
    }
    recorder.exchange("token", { method: "POST", path, status: raw.status }, attempt, clock.now() - started);
    const transient = isRateLimitStatus(raw.status) || isTransientStatus(raw.status);
    if (!transient || attempt >= retry.maxAttempts) return raw;
    const waitMs = readRefusal(raw.headers, raw.text, clock.now()).retryAfterMs;
    if (waitMs !== undefined && waitMs > retry.maxRetryAfterMs) return raw;
    await pause(attempt, String(raw.status), waitMs);
  }
}
