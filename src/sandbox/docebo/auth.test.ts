import { describe, expect, it } from "vitest";
import { CREDENTIALS, doceboFixture, doceboState } from "./fixture.ts";

const form = (fields: Record<string, string>) => ({ method: "POST", body: new URLSearchParams(fields) });
const clientCredentials = {
  grant_type: "client_credentials",
  client_id: CREDENTIALS.clientId,
  client_secret: CREDENTIALS.clientSecret,
  scope: "api",
};

describe("docebo /oauth2/token", () => {
  it("issues a 3,600 s Bearer token for client_credentials", async () => {
    const { app } = doceboFixture();
    const res = await app.request("/oauth2/token", form(clientCredentials));
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toEqual({
      access_token: expect.any(String),
      expires_in: 3600,
      token_type: "Bearer",
      scope: "api",
    });
    expect(body.access_token).toMatch(/^[0-9a-f]{40}$/);
    expect(res.headers.get("cache-control")).toBe("no-store");
  });

  it("issues a token for the password grant and for JSON and HTTP Basic client credentials", async () => {
    const { app } = doceboFixture();
    const password = await app.request(
      "/oauth2/token",
      form({
        ...clientCredentials,
        grant_type: "password",
        username: CREDENTIALS.username,
        password: CREDENTIALS.password,
      }),
    );
    expect(password.status).toBe(200);
    const json = await app.request("/oauth2/token", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(clientCredentials),
    });
    expect(json.status).toBe(200);
    const basic = await app.request("/oauth2/token", {
      method: "POST",
      headers: {
        Authorization: `Basic ${Buffer.from(`${CREDENTIALS.clientId}:${CREDENTIALS.clientSecret}`).toString("base64")}`,
      },
      body: new URLSearchParams({ grant_type: "client_credentials" }),
    });
    expect(basic.status).toBe(200);
  });

  it.each([
    ["a wrong client secret", { ...clientCredentials, client_secret: "nope" }, 400, "invalid_client"],
    ["no client id", { grant_type: "client_credentials" }, 400, "invalid_client"],
    [
      "no grant type",
      { client_id: CREDENTIALS.clientId, client_secret: CREDENTIALS.clientSecret },
      400,
      "invalid_request",
    ],
    [
      "an unknown grant type",
      { ...clientCredentials, grant_type: "authorization_code" },
      400,
      "unsupported_grant_type",
    ],
    ["another scope", { ...clientCredentials, scope: "admin" }, 400, "invalid_scope"],
    [
      "a password grant without a password",
      { ...clientCredentials, grant_type: "password", username: "x" },
      400,
      "invalid_request",
    ],
    [
      "a wrong user password",
      { ...clientCredentials, grant_type: "password", username: CREDENTIALS.username, password: "wrong" },
      401,
      "invalid_grant",
    ],
  ])("refuses %s with an OAuth error body", async (_, fields, status, error) => {
    const { app } = doceboFixture();
    const res = await app.request("/oauth2/token", form(fields));
    expect(res.status).toBe(status);
    expect(await res.json()).toEqual({ error, error_description: expect.any(String) });
  });

  it("refuses the password grant of a suspended user", async () => {
    const state = doceboState();
    state.users[0]!.status = "0";
    const { app } = doceboFixture({ state });
    const res = await app.request(
      "/oauth2/token",
      form({
        ...clientCredentials,
        grant_type: "password",
        username: CREDENTIALS.username,
        password: CREDENTIALS.password,
      }),
    );
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: string }).error).toBe("invalid_grant");
  });

  it("answers GET with 405 invalid_request", async () => {
    const { app } = doceboFixture();
    const res = await app.request("/oauth2/token");
    expect(res.status).toBe(405);
    expect(((await res.json()) as { error: string }).error).toBe("invalid_request");
  });

  it("scales the lifetime with timeScale and honours tokenLifetimeMs", async () => {
    const scaled = doceboFixture({ timeScale: 60 });
    const a = await scaled.app.request("/oauth2/token", form(clientCredentials));
    expect(((await a.json()) as { expires_in: number }).expires_in).toBe(60);
    const custom = doceboFixture({ tokenLifetimeMs: 120_000 });
    const b = await custom.app.request("/oauth2/token", form(clientCredentials));
    expect(((await b.json()) as { expires_in: number }).expires_in).toBe(120);
  });
});

describe("docebo bearer auth on /manage", () => {
  it("answers a missing token with Yii's 401 and a Bearer challenge", async () => {
    const { app } = doceboFixture();
    const res = await app.request("/manage/v1/user");
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toMatch(/^Bearer realm=/);
    expect(await res.json()).toEqual({
      name: "Unauthorized",
      message: "Your request was made with invalid credentials.",
      code: 0,
      status: 401,
    });
  });

  it("refuses an unknown token and the SCIM token", async () => {
    const { call } = doceboFixture();
    for (const bearer of ["0123456789abcdef0123456789abcdef01234567", CREDENTIALS.scimToken]) {
      const res = await call("GET", "/manage/v1/user", undefined, bearer);
      expect(res.status).toBe(401);
      expect(((await res.json()) as { message: string }).message).toBe(
        "The access token provided is invalid",
      );
    }
  });

  it("expires tokens after 3,600 s", async () => {
    const { call, token, clock } = doceboFixture();
    const bearer = await token();
    clock.advance(3_599_000);
    expect((await call("GET", "/manage/v1/user", undefined, bearer)).status).toBe(200);
    clock.advance(1_000);
    const expired = await call("GET", "/manage/v1/user", undefined, bearer);
    expect(expired.status).toBe(401);
    expect(((await expired.json()) as { message: string }).message).toBe(
      "The access token provided has expired",
    );
    expect((await call("GET", "/manage/v1/user", undefined, await token())).status).toBe(200);
  });

  it("expires every issued token early on the expire-tokens fault", async () => {
    const { app, call, token, clock } = doceboFixture();
    const bearer = await token();
    expect((await app.request("/_sandbox/faults/expire-tokens", { method: "POST" })).status).toBe(204);
    const res = await call("GET", "/manage/v1/user", undefined, bearer);
    expect(res.status).toBe(401);
    expect(((await res.json()) as { message: string }).message).toBe("The access token provided has expired");
    clock.advance(1);
    expect((await call("GET", "/manage/v1/user", undefined, await token())).status).toBe(200);
  });
});
