import type { RawResponse } from "../transport.ts";

/** A token-endpoint call: always a POST, built by the strategy, sent by the client's transport. */
export interface TokenHttpRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
}

/** What the client lends a strategy: its identity, clock, and a transport to the token endpoint. */
export interface AuthContext {
  app: string;
  now(): number;
  /**
   * Send a token request with the client's timeout, retries on transient failures, logging and counters — but
   * outside the API's rate limiter and without credentials of its own. Returns any status; the strategy decides.
   */
  sendTokenRequest(request: TokenHttpRequest): Promise<RawResponse>;
}

/** The credentials put on one request. */
export interface Authorization {
  headers: Record<string, string>;
  /** The token used, so a 401 can tell whether it is still the current one. */
  credential?: string;
}

/**
 * How a client authenticates. Implementing it means: put credentials on each request (`authorize`), say which
 * values are secret (`secrets`), and — only if the credentials can be renewed — renew them after a 401.
 */
export interface AuthStrategy {
  /** For logs: `static`, `bearer`, `oauth2:client_credentials`, `none`. */
  readonly kind: string;
  authorize(context: AuthContext): Promise<Authorization>;
  /**
   * A request sent with `used` was answered 401. Return true when fresh credentials are in place and the request
   * should be sent once more; the client calls this at most once per request.
   */
  renewAfterUnauthorized?(context: AuthContext, used: Authorization, response: RawResponse): Promise<boolean>;
  /** Every secret value this strategy knows now (keys, tokens, client secrets, passwords), for redaction. */
  secrets(): string[];
}

/** No credentials (public endpoints, tests). */
export const noAuth: AuthStrategy = {
  kind: "none",
  authorize: async () => ({ headers: {} }),
  secrets: () => [],
};
