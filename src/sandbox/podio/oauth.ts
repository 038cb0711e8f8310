/**
 * Token endpoints. https://developers.podio.com/authentication
 *
 * - `POST /oauth/token` — form-urlencoded, what the official SDKs (podio-js, podio-php) send.
 * - `POST /oauth/token/v2` — the same grants as a JSON body, what the current docs show.
 *
 * Grants: `password` (client_id, client_secret, username, password), `app` (client_id, client_secret, app_id,
 * app_token) and `refresh_token` (client_id, client_secret, refresh_token). `authorization_code` needs a browser
 * sign-in the sandbox does not have: it answers 400 `unsupported_grant_type`. Errors use Podio's error envelope.
 */
import { type Context, Hono } from "hono";
import { z } from "zod";
import type { PodioDeps, PodioEnv } from "./env.ts";
import { PodioApiError } from "./errors.ts";
import type { IssuedTokens, TokenRef } from "./tokens.ts";

const oauthError = (error: string, description: string) => new PodioApiError(400, error, description);

const text = z.string().min(1);
const client = { client_id: text, client_secret: text };
const Grant = z.discriminatedUnion("grant_type", [
  z.object({ grant_type: z.literal("password"), ...client, username: text, password: text }),
  z.object({
    grant_type: z.literal("app"),
    ...client,
    app_id: z.union([text, z.number().int()]),
    app_token: text,
  }),
  z.object({ grant_type: z.literal("refresh_token"), ...client, refresh_token: text }),
]);
const GRANT_TYPES: readonly string[] = ["password", "app", "refresh_token"];

export function oauthRoutes(deps: PodioDeps): Hono<PodioEnv> {
  const app = new Hono<PodioEnv>();

  app.post("/oauth/token", async (c) => {
    const type = c.req.header("content-type") ?? "";
    if (!/^(application\/x-www-form-urlencoded|multipart\/form-data)/i.test(type)) {
      throw oauthError(
        "invalid_request",
        "The token request must be sent as application/x-www-form-urlencoded",
      );
    }
    const body = await c.req.parseBody().catch(() => {
      throw oauthError("invalid_request", "The request body could not be read");
    });
    const params: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(body)) if (typeof value === "string") params[key] = value;
    return c.json(grantTokens(deps, params));
  });

  app.post("/oauth/token/v2", async (c) => c.json(grantTokens(deps, await jsonParams(c))));

  return app;
}

async function jsonParams(c: Context): Promise<Record<string, unknown>> {
  const raw = await c.req.text();
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw oauthError("invalid_request", "The token request body must be a JSON object");
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw oauthError("invalid_request", "The token request body must be a JSON object");
  }
  return parsed as Record<string, unknown>;
}

function grantTokens(deps: PodioDeps, params: Record<string, unknown>): IssuedTokens {
  const grantType = params.grant_type;
  if (typeof grantType !== "string" || grantType === "") {
    throw oauthError("invalid_request", "Missing parameter: grant_type");
  }
  if (!GRANT_TYPES.includes(grantType)) {
    throw oauthError(
      "unsupported_grant_type",
      grantType === "authorization_code"
        ? "The sandbox has no browser sign-in: use the password, app or refresh_token grant"
        : `Unsupported grant type: ${grantType}`,
    );
  }
  const parsed = Grant.safeParse(params);
  if (!parsed.success) {
    const field = parsed.error.issues[0]?.path.join(".") ?? "";
    throw oauthError("invalid_request", `Missing or invalid parameter: ${field}`);
  }
  const grant = parsed.data;
  const { credentials } = deps.store;
  if (grant.client_id !== credentials.clientId || grant.client_secret !== credentials.clientSecret) {
    throw oauthError("invalid_client", "Invalid client_id or client_secret");
  }
  const clientId = credentials.clientId;

  switch (grant.grant_type) {
    case "password": {
      const { username, password } = grant;
      if (deps.settings.logins.get(username.toLowerCase()) !== password) {
        throw oauthError("invalid_grant", "Invalid user credentials");
      }
      const member = deps.store.memberByMail(username);
      if (member && member.status !== "active") {
        throw oauthError("invalid_grant", "The user is not active");
      }
      const ref: TokenRef = { type: "user", id: member?.user_id ?? deps.store.accountFor(username).user_id };
      return deps.tokens.issue(ref, clientId, "global:all");
    }
    case "app": {
      if (String(grant.app_id) !== String(credentials.appId) || grant.app_token !== credentials.appToken) {
        throw oauthError("invalid_grant", "Invalid app_id or app_token");
      }
      return deps.tokens.issue({ type: "app", id: credentials.appId }, clientId, "app:all");
    }
    case "refresh_token": {
      const previous = deps.tokens.redeemRefresh(grant.refresh_token, clientId);
      if (previous === "expired") throw oauthError("invalid_grant", "The refresh_token has expired");
      if (!previous) throw oauthError("invalid_grant", "Invalid refresh_token");
      return deps.tokens.issue(previous.ref, clientId, previous.scope);
    }
  }
}
