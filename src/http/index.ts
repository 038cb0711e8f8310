/**
 * The HTTP layer: the one place for auth, rate limits, retries, timeouts, error codes, redaction, counters and
 * pagination. Connectors build one client per credential with `createHttpClient` and never sleep or retry.
 */
export { type OAuth2Options, type OAuth2Strategy, oauth2 } from "./auth/oauth2.ts";
export { bearer, staticHeaders } from "./auth/static-headers.ts";
export type { AuthContext, Authorization, AuthStrategy, TokenHttpRequest } from "./auth/strategy.ts";
export { noAuth } from "./auth/strategy.ts";
export {
  buildTokenRequest,
  type ClientCredentialsGrant,
  type PasswordGrant,
  type PodioAppGrant,
  processTokenResponse,
  type RefreshTokenGrant,
  type TokenGrant,
} from "./auth/token-request.ts";
export {
  createHttpClient,
  type HttpClient,
  type HttpClientOptions,
  type HttpMethod,
  type HttpResponse,
  type JsonRequestOptions,
  type RequestOptions,
} from "./client.ts";
export { codeForStatus, HTTP_ERROR_CODES, HttpError, type HttpErrorCode, isHttpError } from "./errors.ts";
export * from "./paginate/index.ts";
export {
  parseResetAt,
  parseRetryAfter,
  parseWaitFromBody,
  type RateLimitSignal,
  readRateLimitHeaders,
  readRefusal,
} from "./rate-limit/headers.ts";
export {
  createRateLimiter,
  type LimiterSnapshot,
  type Permit,
  RateLimiter,
  type RateLimiterOptions,
  type RateWindow,
} from "./rate-limit/limiter.ts";
export { REDACTED_VALUE, redact, redactHeaders, redactUrl } from "./redact.ts";
export { parseResponse, type ResponseOrigin } from "./response-shape.ts";
export { DEFAULT_RETRY, type RetryOptions } from "./retry.ts";
export type { HttpEvent, HttpStats } from "./stats.ts";
export type { Clock, Sleep } from "./timers.ts";
export type { FetchLike, RawResponse } from "./transport.ts";
export type { Query, QueryValue } from "./url.ts";
