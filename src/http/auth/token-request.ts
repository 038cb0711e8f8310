/**
 * OAuth 2.0 token requests, split the oauth4webapi way: `buildTokenRequest` makes the HTTP request for a grant,
 * `processTokenResponse` turns the answer into a token or an `HttpError`. Wire names follow RFC 6749
 * (`grant_type`, `expires_in`, `error_description`) and Podio's `app` grant.
 */
import { z } from "zod";
import { HttpError } from "../errors.ts";
import { redact } from "../redact.ts";
import type { RawResponse } from "../transport.ts";
import type { TokenHttpRequest } from "./strategy.ts";

/** RFC 6749 §4.4 — Docebo's `client_credentials` (with `scope=api`). */
export interface ClientCredentialsGrant {
  type: "client_credentials";
  client_id: string;
  client_secret: string;
  scope?: string;
}

/** RFC 6749 §4.3 — Docebo and Podio `password`. */
export interface PasswordGrant {
  type: "password";
  client_id: string;
  client_secret?: string;
  username: string;
  password: string;
  scope?: string;
}

/** Podio's app authentication: `grant_type=app` with the app's id and token. */
export interface PodioAppGrant {
  type: "app";
  client_id: string;
  client_secret: string;
  app_id: string;
  app_token: string;
}

/** RFC 6749 §6 — start from a stored refresh token. */
export interface RefreshTokenGrant {
  type: "refresh_token";
  client_id: string;
  client_secret?: string;
  refresh_token: string;
}

export type TokenGrant = ClientCredentialsGrant | PasswordGrant | PodioAppGrant | RefreshTokenGrant;

export interface TokenEndpoint {
  tokenUrl: string;
  /** `form` (RFC 6749, Podio's `/oauth/token`, Docebo) or `json` (Podio's `/oauth/token/v2`). Default form. */
  format?: "form" | "json";
  /** `body` puts client_id/client_secret in the body (Podio, Docebo); `basic` uses RFC 6749 §2.3.1. Default body. */
  clientAuth?: "body" | "basic";
}

/** A token as issued (times in epoch ms). */
export interface IssuedToken {
  access_token: string;
  refresh_token?: string;
  /** Absent when the server did not say (`expires_in` missing): valid until a 401. */
  expiresAt?: number;
  lifetimeMs?: number;
}

/** Every value of a grant that must never be logged. */
export function grantSecrets(grant: TokenGrant): string[] {
  const values: (string | undefined)[] = [grant.client_secret];
  if (grant.type === "password") values.push(grant.password);
  if (grant.type === "app") values.push(grant.app_token);
  if (grant.type === "refresh_token") values.push(grant.refresh_token);
  return values.filter((v): v is string => typeof v === "string" && v.length > 0);
}

export function buildTokenRequest(endpoint: TokenEndpoint, grant: TokenGrant): TokenHttpRequest {
  const { type, client_id, client_secret, ...rest } = grant;
  const params: Record<string, string> = { grant_type: type };
  const headers: Record<string, string> = { Accept: "application/json" };
  if ((endpoint.clientAuth ?? "body") === "basic") {
    const id = encodeURIComponent(client_id);
    const secret = encodeURIComponent(client_secret ?? "");
    headers.Authorization = `Basic ${Buffer.from(`${id}:${secret}`).toString("base64")}`;
  } else {
    params.client_id = client_id;
    if (client_secret !== undefined) params.client_secret = client_secret;
  }
  for (const [name, value] of Object.entries(rest)) {
    if (typeof value === "string") params[name] = value;
  }
  if (endpoint.format === "json") {
    headers["Content-Type"] = "application/json";
    return { url: endpoint.tokenUrl, headers, body: JSON.stringify(params) };
  }
  headers["Content-Type"] = "application/x-www-form-urlencoded";
  return { url: endpoint.tokenUrl, headers, body: new URLSearchParams(params).toString() };
}

/** `expires_in` is a number per RFC 6749 §5.1; some servers send it as a string. */
const ExpiresIn = z.union([z.number(), z.string().regex(/^\d+$/).transform(Number)]).nullish();

/** RFC 6749 §5.1 successful response (Podio adds `ref`, `scope`; ignored). */
export const TokenResponse = z.object({
  access_token: z.string().min(1),
  token_type: z.string().optional(),
  expires_in: ExpiresIn,
  refresh_token: z.string().min(1).nullish(),
});

/** RFC 6749 §5.2 error response. */
export const TokenErrorResponse = z.object({
  error: z.string(),
  error_description: z.string().nullish(),
});

/**
 * A token, or an `HttpError`: 4xx → `unauthenticated` (with the OAuth `error` code, e.g. `invalid_grant`,
 * `invalid_client`), 429/420 → `rate_limited`, 5xx → `unavailable`. Messages are scrubbed of `secrets`.
 */
export function processTokenResponse(
  response: RawResponse,
  context: { app: string; issuedAt: number; secrets: readonly string[] },
): IssuedToken {
  const path = new URL(response.url).pathname;
  const fail = (code: HttpError["code"], detail: string) =>
    new HttpError({
      code,
      app: context.app,
      method: "POST",
      path,
      status: response.status,
      operation: "token request",
      detail: redact(detail, context.secrets).slice(0, 300),
    });

  const body = parseJson(response.text);
  if (response.status >= 200 && response.status < 300) {
    const parsed = TokenResponse.safeParse(body);
    if (!parsed.success) throw fail("unauthenticated", "token response without a usable access_token");
    const { access_token, expires_in, refresh_token } = parsed.data;
    const token: IssuedToken = { access_token };
    if (refresh_token) token.refresh_token = refresh_token;
    if (typeof expires_in === "number" && expires_in > 0) {
      token.lifetimeMs = expires_in * 1000;
      token.expiresAt = context.issuedAt + token.lifetimeMs;
    }
    return token;
  }
  const error = TokenErrorResponse.safeParse(body);
  const detail = error.success
    ? [error.data.error, error.data.error_description].filter(Boolean).join(": ")
    : "token endpoint refused the request";
  if (response.status === 429 || response.status === 420) throw fail("rate_limited", detail);
  if (response.status >= 500) throw fail("unavailable", detail);
  throw fail("unauthenticated", detail);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
