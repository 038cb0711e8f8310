import { raceAbort, type Sleep } from "./timers.ts";

/** Structural `fetch`: Node's global fetch, the sandbox kit's `inProcessFetch(app)`, or a test double. */
export type FetchLike = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

/** A response read in full (within the timeout). */
export interface RawResponse {
  status: number;
  headers: Headers;
  /** The body as text; `""` for HEAD and empty bodies. */
  text: string;
  url: string;
}

/** Node's codes for a connection that never reached the server: safe to retry any method. */
const NEVER_CONNECTED = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "UND_ERR_CONNECT_TIMEOUT",
  "EHOSTUNREACH",
]);

/** No response: a timeout or a failed connection. `maybeProcessed` is false only when the server never saw it. */
export class TransportFailure extends Error {
  override readonly name = "TransportFailure";
  constructor(
    readonly kind: "timeout" | "connection",
    message: string,
    readonly maybeProcessed: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export interface SendOptions {
  fetch: FetchLike;
  sleep: Sleep;
  timeoutMs: number;
  /** The caller's own cancellation; its reason is rethrown as is (not a TransportFailure). */
  signal?: AbortSignal;
}

/**
 * One exchange: send, then read the whole body, both under one timeout. The timeout runs on the injected `sleep`,
 * so virtual-time tests can time out a hanging server without waiting.
 */
export async function sendOnce(url: URL, init: RequestInit, options: SendOptions): Promise<RawResponse> {
  const { fetch, sleep, timeoutMs, signal } = options;
  // One controller per exchange: it aborts the fetch on timeout or caller abort, and once the body is read it
  // cancels the timeout timer (aborting a finished fetch is a no-op). Reasons are preallocated: building a
  // DOMException or an Error with a stack per request is measurable at thousands of requests per second.
  const controller = new AbortController();
  sleep(timeoutMs, controller.signal).then(
    () => controller.abort(TIMED_OUT),
    () => {},
  );
  const onCallerAbort = () => controller.abort(signal?.reason);
  if (signal?.aborted) onCallerAbort();
  else signal?.addEventListener("abort", onCallerAbort, { once: true });
  try {
    const response = await raceAbort(fetch(url, { ...init, signal: controller.signal }), controller.signal);
    const text = init.method === "HEAD" ? "" : await raceAbort(response.text(), controller.signal);
    return { status: response.status, headers: response.headers, text, url: response.url || url.toString() };
  } catch (error) {
    if (signal?.aborted) throw signal.reason;
    if (controller.signal.reason === TIMED_OUT) {
      throw new TransportFailure("timeout", `timed out after ${timeoutMs} ms`, true);
    }
    throw asConnectionFailure(error);
  } finally {
    if (!controller.signal.aborted) controller.abort(SETTLED);
    signal?.removeEventListener("abort", onCallerAbort);
  }
}

const TIMED_OUT = Symbol("timed out");
const SETTLED = Symbol("settled");

/** Node's fetch throws `TypeError("fetch failed")` with the socket error as `cause`. */
function asConnectionFailure(error: unknown): TransportFailure {
  const cause = (error as { cause?: { code?: unknown } } | undefined)?.cause;
  const code = typeof cause?.code === "string" ? cause.code : undefined;
  const message = code ? `connection failed (${code})` : "connection failed";
  return new TransportFailure("connection", message, !(code && NEVER_CONNECTED.has(code)), { cause: error });
}
