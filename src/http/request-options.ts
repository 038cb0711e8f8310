import type { BodyOptions } from "./body.ts";
import type { Query } from "./url.ts";

/** What a connector says about one request, and what it gets back. */

export type HttpMethod = "GET" | "HEAD" | "POST" | "PUT" | "PATCH" | "DELETE" | "OPTIONS";

export interface RequestOptions extends BodyOptions {
  method: HttpMethod;
  /** Relative to `baseUrl`, or an absolute URL on the same origin (a `links.next`). */
  path: string;
  query?: Query;
  headers?: Record<string, string>;
  /**
   * Non-2xx statuses to return instead of throwing. With `expect`, the schema must also accept those bodies; for
   * "absent is fine" lookups prefer catching `isHttpError(error, "not_found")`.
   */
  acceptStatus?: readonly number[];
  timeoutMs?: number;
  /**
   * Whether sending twice is harmless. Default: GET/HEAD/OPTIONS/PUT/DELETE yes, POST/PATCH no. A non-idempotent
   * request is retried only when the server cannot have acted on it (429/420, connection refused), never after a
   * timeout, a dropped connection or a 5xx — ProofHub's POST /people sends an invitation e-mail each time.
   */
  idempotent?: boolean;
  /** What this call does, for messages: `list org members`. */
  operation?: string;
  signal?: AbortSignal;
}

export type JsonRequestOptions = Omit<RequestOptions, "method" | "path">;

export interface HttpResponse<T = unknown> {
  status: number;
  headers: Headers;
  /** Parsed JSON, text, or `undefined` for an empty body; the schema's output when `expect` was given. */
  body: T;
  url: string;
}
