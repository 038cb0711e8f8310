import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { HttpError } from "../errors.ts";
import { clientFor } from "../testing/harness.ts";
import type { VirtualTime } from "../testing/virtual-time.ts";
import { virtualTime } from "../testing/virtual-time.ts";
import { type OAuth2Options, oauth2 } from "./oauth2.ts";

const CLIENT_SECRET = "cs-9f8e7d6c5b4a";
const PASSWORD = "pw-correct-horse";
const APP_TOKEN = "apptok-1234567890";

interface TokenCall {
  grant_type: string;
  format: "form" | "json";
  body: Record<string, string>;
}

/**
 * A Podio/Docebo-shaped authorization server and API on one origin. Tokens live `lifetimeS` seconds of the shared
 * virtual clock; a refresh token is issued when `refresh` is on. `/me` answers 401 `invalid_token` to unknown,
 * expired or revoked tokens; `revokeAll()` plays the sandbox's early-expiry fault.
 */
function authServer(
  time: VirtualTime,
  options: { lifetimeS?: number; refresh?: boolean; scheme?: string } = {},
) {
  const { lifetimeS = 3600, refresh = true, scheme = "Bearer" } = options;
  const tokens = new Map<string, number>();
  const refreshTokens = new Set<string>();
  const tokenCalls: TokenCall[] = [];
  const apiCalls: { auth: string | undefined; status: number }[] = [];
  let serial = 0;
  let alwaysUnauthorized = false;
  let refuseRefresh = false;

  const app = new Hono();
  app.post("/oauth/token", async (c) => {
    const json = (c.req.header("content-type") ?? "").includes("json");
    const body: Record<string, string> = json
      ? await c.req.json()
      : Object.fromEntries(new URLSearchParams(await c.req.text()));
    tokenCalls.push({ grant_type: body.grant_type ?? "", format: json ? "json" : "form", body });
    if (body.client_id !== "roster" || body.client_secret !== CLIENT_SECRET) {
      return c.json(
        { error: "invalid_client", error_description: `unknown client ${body.client_secret}` },
        401,
      );
    }
    const ok =
      body.grant_type === "client_credentials" ||
      (body.grant_type === "password" && body.username === "admin@x.com" && body.password === PASSWORD) ||
      (body.grant_type === "app" && body.app_id === "42" && body.app_token === APP_TOKEN) ||
      (body.grant_type === "refresh_token" && !refuseRefresh && refreshTokens.has(body.refresh_token ?? ""));
    if (!ok) return c.json({ error: "invalid_grant", error_description: "grant refused" }, 400);
    if (body.grant_type === "refresh_token") refreshTokens.delete(body.refresh_token ?? "");
    serial += 1;
    const access = `at-${serial}-secretish`;
    tokens.set(access, time.clock.now() + lifetimeS * 1000);
    const reply: Record<string, unknown> = {
      access_token: access,
      token_type: "bearer",
      expires_in: lifetimeS,
    };
    if (refresh) {
      reply.refresh_token = `rt-${serial}-secretish`;
      refreshTokens.add(reply.refresh_token as string);
    }
    return c.json(reply);
  });
  app.get("/me", (c) => {
    const header = c.req.header("authorization");
    const [given, token = ""] = (header ?? "").split(" ");
    const expiresAt = tokens.get(token);
    const valid =
      given === scheme && expiresAt !== undefined && time.clock.now() < expiresAt && !alwaysUnauthorized;
    apiCalls.push({ auth: header, status: valid ? 200 : 401 });
    if (!valid) return c.json({ error: "invalid_token", error_description: "expired_token" }, 401);
    return c.json({ ok: true });
  });

  return {
    app,
    tokenCalls,
    apiCalls,
    revokeAll: () => tokens.clear(),
    set alwaysUnauthorized(value: boolean) {
      alwaysUnauthorized = value;
    },
    set refuseRefresh(value: boolean) {
      refuseRefresh = value;
    },
  };
}

const clientCredentials: OAuth2Options = {
  tokenUrl: "https://api.test/oauth/token",
  grant: { type: "client_credentials", client_id: "roster", client_secret: CLIENT_SECRET, scope: "api" },
};

function setup(options: Partial<OAuth2Options> = {}, server: Parameters<typeof authServer>[1] = {}) {
  const time = virtualTime();
  const api = authServer(time, server);
  const auth = oauth2({ ...clientCredentials, ...options });
  const harness = clientFor(api.app, { time, auth, app: "docebo" });
  const me = () => harness.client.request({ method: "GET", path: "/me" });
  return { ...harness, api, auth, me };
}

describe("oauth2 token cache", () => {
  it("fetches one token (form-encoded, client credentials in the body) and reuses it", async () => {
    const { api, me, client } = setup();
    for (let i = 0; i < 5; i += 1) await me();
    expect(api.tokenCalls).toHaveLength(1);
    expect(api.tokenCalls[0]).toMatchObject({ grant_type: "client_credentials", format: "form" });
    expect(api.tokenCalls[0]?.body.scope).toBe("api");
    expect(api.apiCalls.every((c) => c.auth === "Bearer at-1-secretish" && c.status === 200)).toBe(true);
    expect(client.stats()).toMatchObject({ requests: 5, tokenRequests: 1 });
  });

  it("renews shortly before expiry, with the refresh token, and never sends an expired token", async () => {
    const { api, me, time } = setup({ refreshMarginMs: 60_000 });
    await me();
    time.clock.advance(3600_000 - 60_000 - 1);
    await me();
    expect(api.tokenCalls).toHaveLength(1);
    time.clock.advance(1);
    await me();
    expect(api.tokenCalls.map((c) => c.grant_type)).toEqual(["client_credentials", "refresh_token"]);
    expect(api.tokenCalls[1]?.body.refresh_token).toBe("rt-1-secretish");
    expect(api.apiCalls.map((c) => c.status)).toEqual([200, 200, 200]);
  });

  it("caps the renewal margin at a tenth of the lifetime (scaled sandbox tokens)", async () => {
    const { api, me, time } = setup({ refreshMarginMs: 60_000 }, { lifetimeS: 6 });
    await me();
    time.clock.advance(5000);
    await me();
    expect(api.tokenCalls).toHaveLength(1);
    time.clock.advance(400);
    await me();
    expect(api.tokenCalls).toHaveLength(2);
  });

  it("shares one token request among concurrent callers (single flight)", async () => {
    const { api, me } = setup();
    await Promise.all(Array.from({ length: 10 }, () => me()));
    expect(api.tokenCalls).toHaveLength(1);
    expect(api.apiCalls).toHaveLength(10);
  });

  it("renews once after a 401 invalid_token and retries the request once", async () => {
    const { api, me, client } = setup();
    await me();
    api.revokeAll();
    const response = await me();
    expect(response.status).toBe(200);
    expect(api.apiCalls.map((c) => c.status)).toEqual([200, 401, 200]);
    expect(api.tokenCalls).toHaveLength(2);
    expect(client.stats()).toMatchObject({ requests: 3, retries: 1, byStatus: { "200": 2, "401": 1 } });
  });

  it("renews only once for a burst of concurrent 401s", async () => {
    const { api, me } = setup();
    await me();
    api.revokeAll();
    await Promise.all(Array.from({ length: 6 }, () => me()));
    expect(api.tokenCalls).toHaveLength(2);
    expect(api.apiCalls.filter((c) => c.status === 200)).toHaveLength(7);
  });

  it("does not renew twice: a second 401 fails `unauthenticated`", async () => {
    const { api, me } = setup();
    api.alwaysUnauthorized = true;
    const error = await me().catch((e) => e);
    expect(error).toBeInstanceOf(HttpError);
    expect(error).toMatchObject({ code: "unauthenticated", status: 401, app: "docebo", path: "/me" });
    expect(api.apiCalls).toHaveLength(2);
    expect(api.tokenCalls).toHaveLength(2);
  });

  it("falls back to the original grant when the refresh token is refused", async () => {
    const { api, me, time } = setup();
    await me();
    api.refuseRefresh = true;
    time.clock.advance(3600_000);
    await me();
    expect(api.tokenCalls.map((c) => c.grant_type)).toEqual([
      "client_credentials",
      "refresh_token",
      "client_credentials",
    ]);
  });
});

describe("oauth2 grants and formats", () => {
  it("Podio app grant, JSON body (/oauth/token/v2 style), OAuth2 scheme", async () => {
    const { api, me } = setup(
      {
        format: "json",
        scheme: "OAuth2",
        grant: {
          type: "app",
          client_id: "roster",
          client_secret: CLIENT_SECRET,
          app_id: "42",
          app_token: APP_TOKEN,
        },
      },
      { scheme: "OAuth2" },
    );
    await me();
    expect(api.tokenCalls[0]).toMatchObject({ grant_type: "app", format: "json" });
    expect(api.apiCalls[0]?.auth).toBe("OAuth2 at-1-secretish");
  });

  it("password grant", async () => {
    const { api, me } = setup({
      grant: {
        type: "password",
        client_id: "roster",
        client_secret: CLIENT_SECRET,
        username: "admin@x.com",
        password: PASSWORD,
      },
    });
    expect((await me()).status).toBe(200);
    expect(api.tokenCalls[0]?.grant_type).toBe("password");
  });

  it("starts from a stored refresh token and keeps the rotated one", async () => {
    const time = virtualTime();
    const api = authServer(time);
    const bootstrap = clientFor(api.app, { time, auth: oauth2(clientCredentials) });
    await bootstrap.client.request({ method: "GET", path: "/me" });
    const auth = oauth2({
      ...clientCredentials,
      grant: {
        type: "refresh_token",
        client_id: "roster",
        client_secret: CLIENT_SECRET,
        refresh_token: "rt-1-secretish",
      },
    });
    const { client } = clientFor(api.app, { time, auth });
    await client.request({ method: "GET", path: "/me" });
    time.clock.advance(3600_000);
    await client.request({ method: "GET", path: "/me" });
    expect(api.tokenCalls.map((c) => c.body.refresh_token)).toEqual([
      undefined,
      "rt-1-secretish",
      "rt-2-secretish",
    ]);
  });

  it("sends client credentials with HTTP Basic when asked", async () => {
    const seen: Request[] = [];
    const auth = oauth2({ ...clientCredentials, clientAuth: "basic" });
    const { client } = clientFor(
      async (input, init) => {
        const request = new Request(input, init);
        seen.push(request.clone());
        if (request.url.endsWith("/oauth/token")) return Response.json({ access_token: "t", expires_in: 60 });
        return Response.json({});
      },
      { auth },
    );
    await client.request({ method: "GET", path: "/me" });
    const body = new URLSearchParams(await seen[0]!.text());
    expect(body.get("client_secret")).toBeNull();
    expect(seen[0]?.headers.get("authorization")).toBe(
      `Basic ${Buffer.from(`roster:${CLIENT_SECRET}`).toString("base64")}`,
    );
  });
});

describe("oauth2 token endpoint errors", () => {
  it("maps invalid_grant to `unauthenticated` with the OAuth code, and never sends the API request", async () => {
    const { api, me, client } = setup({
      grant: {
        type: "password",
        client_id: "roster",
        client_secret: CLIENT_SECRET,
        username: "admin@x.com",
        password: "wrong",
      },
    });
    const error = await me().catch((e) => e);
    expect(error).toBeInstanceOf(HttpError);
    expect(error).toMatchObject({
      code: "unauthenticated",
      status: 400,
      method: "POST",
      path: "/oauth/token",
    });
    expect(error.message).toBe(
      "docebo: token request: POST /oauth/token → 400 unauthenticated: invalid_grant: grant refused",
    );
    expect(api.apiCalls).toHaveLength(0);
    expect(client.stats()).toMatchObject({ requests: 0, tokenRequests: 1, errors: 1 });
  });

  it("keeps the client secret out of the message even when the server echoes it", async () => {
    const { me } = setup({
      grant: { type: "client_credentials", client_id: "roster", client_secret: "cs-wrong-secret-value" },
    });
    const error = await me().catch((e) => e);
    expect(error).toMatchObject({ code: "unauthenticated", status: 401 });
    expect(error.message).toContain("invalid_client");
    expect(error.message).not.toContain("cs-wrong-secret-value");
    expect(JSON.stringify(error)).not.toContain("cs-wrong-secret-value");
  });

  it("retries a token endpoint outage, then reports `unavailable`", async () => {
    let calls = 0;
    const auth = oauth2(clientCredentials);
    const { client } = clientFor(
      async () => {
        calls += 1;
        return Response.json({ error: "server_error" }, { status: 503 });
      },
      { auth, retry: { maxAttempts: 3 } },
    );
    await expect(client.request({ method: "GET", path: "/me" })).rejects.toMatchObject({
      code: "unavailable",
      status: 503,
      path: "/oauth/token",
    });
    expect(calls).toBe(3);
  });
});
