import type { Logger } from "pino";
import type { z } from "zod";
import { type AuthContext, type Authorization, type AuthStrategy, noAuth } from "./auth/strategy.ts";
import { decodeBody, encodeBody, errorDetail } from "./body.ts";
import { codeForStatus, HttpError, type HttpErrorCode } from "./errors.ts";
import { readRateLimitHeaders, readRefusal } from "./rate-limit/headers.ts";
import { type Permit, RateLimiter, type RateLimiterOptions } from "./rate-limit/limiter.ts";
import { isSecretHeader, isSecretParam, redact, redactUrl } from "./redact.ts";
import type { HttpMethod, HttpResponse, JsonRequestOptions, RequestOptions } from "./request-options.ts";
import { parseResponse } from "./response-shape.ts";
import {
  backoffDelay,
  DEFAULT_RETRY,
  isIdempotent,
  isRateLimitStatus,
  isTransientStatus,
  type RetryOptions,
} from "./retry.ts";
import { type HttpEvent, HttpRecorder, type HttpStats } from "./stats.ts";
import { type Clock, type Sleep, systemClock, systemSleep } from "./timers.ts";
import { sendTokenRequest } from "./token-exchange.ts";
import { type FetchLike, type RawResponse, sendOnce, TransportFailure } from "./transport.ts";
import { resolveUrl } from "./url.ts";

export type { HttpMethod, HttpResponse, JsonRequestOptions, RequestOptions };

export interface HttpClientOptions {
  /** App instance name; first word of every error message and log line (`podio: GET /org/1/member/ → ...`). */
  app: string;
  /** Origin plus optional base path (`https://api.productive.io/api/v2`). Credentials go to this origin only. */
  baseUrl: string;
  auth?: AuthStrategy;
  /**
   * The app's known budget (`{ windows: [{ limit: 100, windowMs: 10_000 }, { limit: 4000, windowMs: 1_800_000 }],
   * concurrency: 4 }`), or a `RateLimiter` shared with other clients using the same credential.
   */
  limits?: Omit<RateLimiterOptions, "clock" | "sleep"> | RateLimiter;
  retry?: Partial<RetryOptions>;
  /** Per exchange, sending plus reading the body. Default 30 s. */
  timeoutMs?: number;
  fetch?: FetchLike;
  logger?: Logger;
  clock?: Clock;
  sleep?: Sleep;
  /** Jitter source in [0, 1). */
  random?: () => number;
  /** Sent as `User-Agent` unless a request or the auth strategy sets one. */
  userAgent?: string;
  /** Non-secret headers for every request (`X-Version`, `Accept`). */
  headers?: Record<string, string>;
  onEvent?: (event: HttpEvent) => void;
}

export interface HttpClient {
  readonly app: string;
  readonly baseUrl: URL;
  readonly limiter: RateLimiter;
  /** Send a request; throws `HttpError` for non-2xx answers (other than `acceptStatus`) after retries. */
  request<S extends z.ZodType>(options: RequestOptions & { expect: S }): Promise<HttpResponse<z.output<S>>>;
  request(options: RequestOptions): Promise<HttpResponse>;
  /** Send and parse the body with `schema`; a bad shape throws `HttpError` code `invalid` with the issue path. */
  json<S extends z.ZodType>(
    method: HttpMethod,
    path: string,
    schema: S,
    options?: JsonRequestOptions,
  ): Promise<z.output<S>>;
  stats(): HttpStats;
}

/** The one HTTP client connectors use: auth, pacing, retries, timeouts, error mapping, redaction, counters. */
export function createHttpClient(options: HttpClientOptions): HttpClient {
  return new Client(options);
}

interface Target {
  method: HttpMethod;
  url: URL;
  path: string;
  operation: string | undefined;
  /** Values of credential-named query parameters and headers given with this request, scrubbed like auth's. */
  secrets: string[];
}

class Client implements HttpClient {
  readonly app: string;
  readonly baseUrl: URL;
  readonly limiter: RateLimiter;
  private readonly auth: AuthStrategy;
  private readonly retryOptions: RetryOptions;
  private readonly timeoutMs: number;
  private readonly fetchImpl: FetchLike;
  private readonly clock: Clock;
  private readonly sleep: Sleep;
  private readonly random: () => number;
  private readonly defaultHeaders: Record<string, string>;
  private readonly recorder: HttpRecorder;
  private readonly authContext: AuthContext;

  constructor(options: HttpClientOptions) {
    this.app = options.app;
    this.baseUrl = new URL(options.baseUrl);
    this.auth = options.auth ?? noAuth;
    this.clock = options.clock ?? systemClock;
    this.sleep = options.sleep ?? systemSleep;
    this.random = options.random ?? Math.random;
    this.retryOptions = { ...DEFAULT_RETRY, ...options.retry };
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.fetchImpl = options.fetch ?? globalThis.fetch;
    this.limiter =
      options.limits instanceof RateLimiter
        ? options.limits
        : new RateLimiter({ ...options.limits, clock: this.clock, sleep: this.sleep });
    this.defaultHeaders = {
      Accept: "application/json",
      ...(options.userAgent ? { "User-Agent": options.userAgent } : {}),
      ...options.headers,
    };
    this.recorder = new HttpRecorder(options.app, options.logger, options.onEvent);
    this.authContext = {
      app: this.app,
      now: () => this.clock.now(),
      sendTokenRequest: (request) =>
        sendTokenRequest(request, {
          app: this.app,
          fetch: this.fetchImpl,
          clock: this.clock,
          sleep: this.sleep,
          random: this.random,
          timeoutMs: this.timeoutMs,
          retry: this.retryOptions,
          recorder: this.recorder,
          headers: this.defaultHeaders["User-Agent"]
            ? { "User-Agent": this.defaultHeaders["User-Agent"] }
            : {},
        }),
    };
  }

  stats(): HttpStats {
    return this.recorder.snapshot();
  }

  async json<S extends z.ZodType>(
    method: HttpMethod,
    path: string,
    schema: S,
    options: JsonRequestOptions = {},
  ): Promise<z.output<S>> {
    const response = await this.request({ ...options, method, path, expect: schema });
    return response.body;
  }

  request<S extends z.ZodType>(options: RequestOptions & { expect: S }): Promise<HttpResponse<z.output<S>>>;
  request(options: RequestOptions): Promise<HttpResponse>;
  async request(options: RequestOptions & { expect?: z.ZodType }): Promise<HttpResponse> {
    const target = this.target(options);
    const raw = await this.exchange(target, options);
    const contentType = raw.headers.get("content-type");
    const body = decodeBody(raw.text, contentType);
    let parsed = body;
    if (options.expect) {
      try {
        parsed = parseResponse(options.expect, body, {
          app: this.app,
          method: target.method,
          path: target.path,
          status: raw.status,
          operation: target.operation,
        });
      } catch (error) {
        if (error instanceof HttpError) this.fail(error);
        throw error;
      }
    }
    return { status: raw.status, headers: raw.headers, body: parsed, url: raw.url };
  }

  private target(options: RequestOptions): Target {
    try {
      const url = resolveUrl(this.baseUrl, options.path, options.query, this.app, options.method);
      const secrets = [...url.searchParams].filter(([name]) => isSecretParam(name)).map(([, value]) => value);
      for (const [name, value] of Object.entries(options.headers ?? {}))
        if (isSecretHeader(name)) secrets.push(value);
      return { method: options.method, url, path: url.pathname, operation: options.operation, secrets };
    } catch (error) {
      if (error instanceof HttpError) this.fail(error);
      throw error;
    }
  }

  /** The request loop: pace, authorize, send, then retry / renew / fail according to the answer. */
  private async exchange(target: Target, options: RequestOptions): Promise<RawResponse> {
    const { method, url, path } = target;
    const retry = this.retryOptions;
    const idempotent = options.idempotent ?? isIdempotent(method);
    const encoded = encodeBody(options);
    const accept = new Set(options.acceptStatus ?? []);
    let attempt = 0;
    let renewed = false;

    for (;;) {
      attempt += 1;
      const permit = await this.limiter.acquire(options.signal);
      if (permit.waitReason === "budget" || permit.waitReason === "server") {
        this.recorder.wait(permit.waitReason, permit.waitedMs);
      }
      const started = this.clock.now();
      let authorization: Authorization | undefined;
      let raw: RawResponse;
      try {
        authorization = await this.auth.authorize(this.authContext);
        raw = await sendOnce(url, this.init(method, encoded, options.headers, authorization), {
          fetch: this.fetchImpl,
          sleep: this.sleep,
          timeoutMs: options.timeoutMs ?? this.timeoutMs,
          ...(options.signal ? { signal: options.signal } : {}),
        });
      } catch (error) {
        permit.release();
        if (!(error instanceof TransportFailure)) {
          if (error instanceof HttpError) this.fail(error);
          throw error;
        }
        this.recorder.exchange(
          "api",
          { method, path, outcome: error.kind },
          attempt,
          this.clock.now() - started,
        );
        if (attempt < retry.maxAttempts && (idempotent || !error.maybeProcessed)) {
          await this.backoff(target, attempt, error.kind, options.signal);
          continue;
        }
        throw this.fail(
          new HttpError({ ...this.where(target), code: "unavailable", detail: error.message, cause: error }),
        );
      }
      this.settle(permit, raw, target, attempt, started);
      const { status } = raw;

      if ((status >= 200 && status < 300) || accept.has(status)) return raw;

      if (status === 401 && !renewed && this.auth.renewAfterUnauthorized && authorization) {
        renewed = true;
        if (await this.renew(authorization, raw)) {
          this.recorder.retry(method, path, attempt, 0, "401: renewed credentials");
          attempt -= 1;
          continue;
        }
      }

      if (isRateLimitStatus(status)) {
        const refusal = readRefusal(raw.headers, raw.text, this.clock.now());
        const waitMs = refusal.retryAfterMs ?? backoffDelay(attempt, retry, this.random);
        if (attempt < retry.maxAttempts && waitMs <= retry.maxRetryAfterMs) {
          // Everyone on this credential waits, not just this request.
          this.limiter.pauseUntil(this.clock.now() + waitMs);
          this.recorder.retry(method, path, attempt, waitMs, `${status}: rate limited`);
          continue;
        }
        throw this.fail(this.statusError(target, raw, refusal.retryAfterMs));
      }

      if (isTransientStatus(status) && idempotent && attempt < retry.maxAttempts) {
        const retryAfterMs = readRefusal(raw.headers, undefined, this.clock.now()).retryAfterMs;
        if (retryAfterMs !== undefined && retryAfterMs <= retry.maxRetryAfterMs) {
          // A 503 with Retry-After (overload): the whole credential backs off.
          this.limiter.pauseUntil(this.clock.now() + retryAfterMs);
          this.recorder.retry(method, path, attempt, retryAfterMs, `${status}: retry-after`);
        } else {
          await this.backoff(target, attempt, String(status), options.signal);
        }
        continue;
      }

      throw this.fail(this.statusError(target, raw));
    }
  }

  /** Release the slot, feed the budget headers to the limiter, count the exchange. */
  private settle(permit: Permit, raw: RawResponse, target: Target, attempt: number, started: number): void {
    permit.release();
    this.limiter.observe(readRateLimitHeaders(raw.headers, this.clock.now()), permit.seq);
    const query = target.url.search ? new URL(redactUrl(target.url)).search : undefined;
    this.recorder.exchange(
      "api",
      { method: target.method, path: target.path, status: raw.status, ...(query ? { query } : {}) },
      attempt,
      this.clock.now() - started,
    );
  }

  private async renew(used: Authorization, raw: RawResponse): Promise<boolean> {
    try {
      return (await this.auth.renewAfterUnauthorized?.(this.authContext, used, raw)) ?? false;
    } catch (error) {
      if (error instanceof HttpError) this.fail(error);
      throw error;
    }
  }

  private async backoff(
    target: Target,
    attempt: number,
    reason: string,
    signal?: AbortSignal,
  ): Promise<void> {
    const delayMs = backoffDelay(attempt, this.retryOptions, this.random);
    this.recorder.retry(target.method, target.path, attempt, delayMs, reason);
    this.recorder.wait("backoff", delayMs);
    await this.sleep(delayMs, signal);
  }

  private init(
    method: HttpMethod,
    encoded: { body?: string; contentType?: string },
    headers: Record<string, string> | undefined,
    authorization: Authorization,
  ): RequestInit {
    const merged: Record<string, string> = { ...this.defaultHeaders };
    if (encoded.contentType) merged["Content-Type"] = encoded.contentType;
    Object.assign(merged, authorization.headers, headers);
    return { method, headers: merged, ...(encoded.body !== undefined ? { body: encoded.body } : {}) };
  }

  private statusError(target: Target, raw: RawResponse, retryAfterMs?: number): HttpError {
    const detail = errorDetail(raw.text, raw.headers.get("content-type"));
    return new HttpError({
      ...this.where(target),
      code: codeForStatus(raw.status),
      status: raw.status,
      ...(detail ? { detail: redact(detail, [...this.auth.secrets(), ...target.secrets]) } : {}),
      ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
    });
  }

  private where(target: Target): { app: string; method: string; path: string; operation?: string } {
    return {
      app: this.app,
      method: target.method,
      path: target.path,
      ...(target.operation ? { operation: target.operation } : {}),
    };
  }

  /** Count and log a failure on its way out. */
  private fail(error: HttpError): HttpError {
    this.recorder.error({
      method: error.method,
      path: error.path,
      code: error.code,
      ...(error.status !== undefined ? { status: error.status } : {}),
      message: redact(error.message, this.auth.secrets()),
    });
    return error;
  }
}

export type { HttpErrorCode };
