import type { Logger } from "pino";
import type { HttpErrorCode } from "./errors.ts";

/** Counters of one client. Nothing here is secret: paths, statuses and durations only. */
export interface HttpStats {
  /** HTTP exchanges with the API (first attempts and retries; token requests excluded). */
  requests: number;
  /** Exchanges with the token endpoint. */
  tokenRequests: number;
  /** Exchanges that repeated an earlier one (backoff, rate limit, one renewal after 401). */
  retries: number;
  /** 429 / 420 answers received, token endpoint included. */
  rateLimited: number;
  /** Requests that waited for the rate budget or a server instruction, and backoff sleeps. */
  waits: number;
  waitedMs: number;
  /** API answers by status (token endpoint excluded); `timeout` and `connection` count exchanges without one. */
  byStatus: Record<string, number>;
  /** Requests that ended in an `HttpError`. */
  errors: number;
  errorsByCode: Partial<Record<HttpErrorCode, number>>;
}

/** Live progress, for a console or a progress bar. */
export type HttpEvent =
  | {
      type: "request";
      app: string;
      method: string;
      path: string;
      /** Absent when no response came (`outcome` says why). */
      status?: number;
      outcome?: "timeout" | "connection";
      attempt: number;
      durationMs: number;
    }
  | { type: "token"; app: string; path: string; status?: number; durationMs: number }
  | { type: "wait"; app: string; reason: "budget" | "server" | "backoff"; ms: number }
  | {
      type: "retry";
      app: string;
      method: string;
      path: string;
      attempt: number;
      delayMs: number;
      reason: string;
    }
  | { type: "error"; app: string; method: string; path: string; code: HttpErrorCode; status?: number };

/** Counting, logging and event emission in one place, so the request loop stays readable. */
export class HttpRecorder {
  private readonly counters: HttpStats = {
    requests: 0,
    tokenRequests: 0,
    retries: 0,
    rateLimited: 0,
    waits: 0,
    waitedMs: 0,
    byStatus: {},
    errors: 0,
    errorsByCode: {},
  };

  constructor(
    private readonly app: string,
    private readonly logger: Logger | undefined,
    private readonly onEvent: ((event: HttpEvent) => void) | undefined,
  ) {}

  snapshot(): HttpStats {
    return {
      ...this.counters,
      byStatus: { ...this.counters.byStatus },
      errorsByCode: { ...this.counters.errorsByCode },
    };
  }

  exchange(
    kind: "api" | "token",
    e: { method: string; path: string; query?: string; status?: number; outcome?: "timeout" | "connection" },
    attempt: number,
    durationMs: number,
  ): void {
    const key = e.status === undefined ? (e.outcome ?? "connection") : String(e.status);
    if (e.status === 429 || e.status === 420) this.counters.rateLimited += 1;
    const ms = Math.round(durationMs);
    if (kind === "token") {
      this.counters.tokenRequests += 1;
      this.logger?.debug(
        { app: this.app, method: e.method, path: e.path, status: e.status, ms },
        "token request",
      );
      this.emit({ type: "token", app: this.app, path: e.path, durationMs: ms, ...status(e.status) });
      return;
    }
    this.counters.requests += 1;
    this.counters.byStatus[key] = (this.counters.byStatus[key] ?? 0) + 1;
    this.logger?.debug(
      {
        app: this.app,
        method: e.method,
        path: e.path,
        query: e.query || undefined,
        status: key,
        attempt,
        ms,
      },
      "http request",
    );
    this.emit({
      type: "request",
      app: this.app,
      method: e.method,
      path: e.path,
      attempt,
      durationMs: ms,
      ...status(e.status),
      ...(e.outcome ? { outcome: e.outcome } : {}),
    });
  }

  wait(reason: "budget" | "server" | "backoff", ms: number): void {
    if (ms <= 0) return;
    this.counters.waits += 1;
    this.counters.waitedMs += ms;
    if (reason !== "budget") this.logger?.info({ app: this.app, reason, ms }, "http wait");
    this.emit({ type: "wait", app: this.app, reason, ms });
  }

  retry(method: string, path: string, attempt: number, delayMs: number, reason: string): void {
    this.counters.retries += 1;
    this.logger?.info({ app: this.app, method, path, attempt, delayMs, reason }, "http retry");
    this.emit({ type: "retry", app: this.app, method, path, attempt, delayMs, reason });
  }

  error(e: { method: string; path: string; code: HttpErrorCode; status?: number; message: string }): void {
    this.counters.errors += 1;
    this.counters.errorsByCode[e.code] = (this.counters.errorsByCode[e.code] ?? 0) + 1;
    this.logger?.warn(
      { app: this.app, method: e.method, path: e.path, status: e.status, code: e.code, err: e.message },
      "http error",
    );
    this.emit({
      type: "error",
      app: this.app,
      method: e.method,
      path: e.path,
      code: e.code,
      ...status(e.status),
    });
  }

  private emit(event: HttpEvent): void {
    if (!this.onEvent) return;
    try {
      this.onEvent(event);
    } catch (error) {
      this.logger?.warn({ app: this.app, err: String(error) }, "onEvent listener threw");
    }
  }
}

const status = (value: number | undefined) => (value === undefined ? {} : { status: value });
