import { describe, expect, it } from "vitest";
import { ManualClock } from "../kit/clock.ts";
import {
  ADMIN,
  CREDENTIALS,
  getJson,
  ORG_ID,
  oauth2,
  passwordGrant,
  readJson,
  smallSandbox,
  type TokenAnswer,
} from "./fixture.ts";

const HOUR = 60 * 60 * 1000;
const members = `/org/${ORG_ID}/member/`;

const form = (fields: Record<string, string>) => ({ method: "POST", body: new URLSearchParams(fields) });
const json = (fields: Record<string, unknown>) => ({
  method: "POST",
  headers: { "Content-Type": "application/json" },
  body: JSON.stringify(fields),
});
const client = { client_id: CREDENTIALS.clientId, client_secret: CREDENTIALS.clientSecret };

describe("token endpoints", () => {
  it("password grant on /oauth/token (form) answers Podio's token shape", async () => {
    const sandbox = smallSandbox();
    const res = await sandbox.app.request(
      "/oauth/token",
      form({ grant_type: "password", ...client, username: ADMIN, password: CREDENTIALS.password }),
    );
    expect(res.status).toBe(200);
    const body = await readJson(res);
    expect(body).toEqual({
      access_token: expect.any(String),
      token_type: "bearer",
      expires_in: 28800,
      refresh_token: expect.any(String),
      ref: { type: "user", id: 1 },
      scope: expect.any(String),
    });
    expect(body.access_token).not.toBe(body.refresh_token);
  });

  it("password grant on /oauth/token/v2 (JSON); username is case-insensitive", async () => {
    const sandbox = smallSandbox();
    const res = await sandbox.app.request(
      "/oauth/token/v2",
      json({
        grant_type: "password",
        ...client,
        username: ADMIN.toUpperCase(),
        password: CREDENTIALS.password,
      }),
    );
    expect(res.status).toBe(200);
    expect((await readJson(res)).ref).toEqual({ type: "user", id: 1 });
  });

  it("app grant (numeric or string app_id) answers an app ref", async () => {
    const sandbox = smallSandbox();
    const v2 = await sandbox.app.request(
      "/oauth/token/v2",
      json({ grant_type: "app", ...client, app_id: CREDENTIALS.appId, app_token: CREDENTIALS.appToken }),
    );
    expect(v2.status).toBe(200);
    expect((await readJson(v2)).ref).toEqual({ type: "app", id: CREDENTIALS.appId });
    const v1 = await sandbox.app.request(
      "/oauth/token",
      form({
        grant_type: "app",
        ...client,
        app_id: String(CREDENTIALS.appId),
        app_token: CREDENTIALS.appToken,
      }),
    );
    expect(v1.status).toBe(200);
  });

  it("bad credentials answer 400 in Podio's error envelope", async () => {
    const sandbox = smallSandbox();
    const cases: [Record<string, string>, string][] = [
      [{ grant_type: "password", ...client, username: ADMIN, password: "wrong" }, "invalid_grant"],
      [{ grant_type: "password", ...client, username: "nobody@x.example", password: "x" }, "invalid_grant"],
      [{ grant_type: "app", ...client, app_id: "77", app_token: "wrong" }, "invalid_grant"],
      [{ grant_type: "refresh_token", ...client, refresh_token: "not-a-token" }, "invalid_grant"],
      [
        { grant_type: "password", client_id: "x", client_secret: "y", username: ADMIN, password: "ada-pass" },
        "invalid_client",
      ],
      [{ grant_type: "password", ...client, username: ADMIN }, "invalid_request"],
      [{ ...client, username: ADMIN, password: "ada-pass" }, "invalid_request"],
      [{ grant_type: "client_credentials", ...client }, "unsupported_grant_type"],
      [{ grant_type: "authorization_code", ...client, code: "abc" }, "unsupported_grant_type"],
    ];
    for (const [fields, error] of cases) {
      const res = await sandbox.app.request("/oauth/token", form(fields));
      expect(res.status, JSON.stringify(fields)).toBe(400);
      const body = await readJson(res);
      expect(body).toMatchObject({
        error,
        error_description: expect.any(String),
        error_detail: null,
        error_parameters: {},
        error_propagate: false,
        request: { method: "POST", url: expect.stringContaining("/oauth/token") },
      });
      expect(JSON.stringify(body)).not.toContain(CREDENTIALS.clientSecret);
    }
  });

  it("an invited or inactive member cannot sign in", async () => {
    const sandbox = smallSandbox({
      logins: [
        { username: "dee@northwind.example", password: "p" },
        { username: "fay@northwind.example", password: "p" },
      ],
    });
    for (const username of ["dee@northwind.example", "fay@northwind.example"]) {
      const res = await sandbox.app.request(
        "/oauth/token",
        form({ grant_type: "password", ...client, username, password: "p" }),
      );
      expect(res.status).toBe(400);
      expect((await readJson(res)).error).toBe("invalid_grant");
    }
  });

  it("malformed token requests: wrong content type, bad JSON, non-object JSON", async () => {
    const sandbox = smallSandbox();
    const asJson = await sandbox.app.request("/oauth/token", json({ grant_type: "password" }));
    expect(asJson.status).toBe(400);
    expect((await readJson(asJson)).error).toBe("invalid_request");
    for (const body of ["{not json", "[1,2]", "null", ""]) {
      const res = await sandbox.app.request("/oauth/token/v2", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body,
      });
      expect(res.status, body).toBe(400);
      expect((await readJson(res)).error).toBe("invalid_request");
    }
    const get = await sandbox.app.request("/oauth/token");
    expect(get.status).toBe(404);
  });

  it("expires_in and lifetimes follow timeScale and the lifetime options", async () => {
    expect((await passwordGrant(smallSandbox({ timeScale: 600 }))).expires_in).toBe(48);
    expect((await passwordGrant(smallSandbox({ accessTokenLifetimeMs: 60_000 }))).expires_in).toBe(60);
  });
});

describe("request authentication", () => {
  it("missing header, other schemes and unknown tokens get 401 in Podio's envelope", async () => {
    const sandbox = smallSandbox();
    const { access_token } = await passwordGrant(sandbox);
    const cases: [Record<string, string>, string, string | undefined][] = [
      [{}, "unauthorized", undefined],
      [{ Authorization: `Bearer ${access_token}` }, "unauthorized", undefined],
      [{ Authorization: access_token }, "unauthorized", undefined],
      [{ Authorization: "OAuth2 not-a-token" }, "invalid_token", "invalid_token"],
    ];
    for (const [headers, error, description] of cases) {
      const res = await sandbox.app.request(members, { headers });
      expect(res.status).toBe(401);
      const body = await readJson(res);
      expect(body.error).toBe(error);
      if (description) expect(body.error_description).toBe(description);
      expect(body.request).toEqual({
        url: expect.stringContaining(members),
        query_string: "",
        method: "GET",
      });
      expect(res.headers.get("X-Rate-Limit-Remaining")).toBeNull();
    }
    const ok = await sandbox.app.request(members, { headers: { Authorization: `oauth2 ${access_token}` } });
    expect(ok.status).toBe(200);
  });

  it("accepts Bearer only with acceptBearer", async () => {
    const sandbox = smallSandbox({ acceptBearer: true });
    const { access_token } = await passwordGrant(sandbox);
    const res = await sandbox.app.request(members, { headers: { Authorization: `Bearer ${access_token}` } });
    expect(res.status).toBe(200);
  });

  it("an app token is refused on member endpoints (403)", async () => {
    const sandbox = smallSandbox();
    const res = await sandbox.app.request(
      "/oauth/token",
      form({ grant_type: "app", ...client, app_id: "77", app_token: CREDENTIALS.appToken }),
    );
    const { access_token } = await readJson<TokenAnswer>(res);
    for (const path of [members, `/org/${ORG_ID}/space/`, "/space/10/member/"]) {
      const answer = await getJson(sandbox, path, access_token);
      expect(answer.status, path).toBe(403);
      expect(answer.body).toMatchObject({ error: "forbidden" });
    }
  });
});

describe("token expiry and refresh", () => {
  it("an access token expires after 8 h with expired_token; the refresh token gets a new pair", async () => {
    const clock = new ManualClock();
    const sandbox = smallSandbox({ clock });
    const first = await passwordGrant(sandbox);
    clock.advance(8 * HOUR - 1);
    expect((await getJson(sandbox, members, first.access_token)).status).toBe(200);
    clock.advance(1);
    const expired = await getJson(sandbox, members, first.access_token);
    expect(expired.status).toBe(401);
    expect(expired.body).toMatchObject({ error: "invalid_token", error_description: "expired_token" });

    const res = await sandbox.app.request(
      "/oauth/token",
      form({ grant_type: "refresh_token", ...client, refresh_token: first.refresh_token }),
    );
    expect(res.status).toBe(200);
    const second = await readJson<TokenAnswer>(res);
    expect(second.ref).toEqual({ type: "user", id: 1 });
    expect(second.refresh_token).not.toBe(first.refresh_token);
    expect((await getJson(sandbox, members, second.access_token)).status).toBe(200);
  });

  it("a refresh token works once (rotation), unless rotateRefreshTokens is off", async () => {
    for (const rotate of [true, false]) {
      const sandbox = smallSandbox({ rotateRefreshTokens: rotate });
      const { refresh_token } = await passwordGrant(sandbox);
      const refresh = () =>
        sandbox.app.request(
          "/oauth/token/v2",
          json({ grant_type: "refresh_token", ...client, refresh_token }),
        );
      expect((await refresh()).status).toBe(200);
      const again = await refresh();
      expect(again.status).toBe(rotate ? 400 : 200);
      if (rotate) expect((await readJson(again)).error).toBe("invalid_grant");
    }
  });

  it("a refresh token expires after 28 days (scaled)", async () => {
    const clock = new ManualClock();
    const sandbox = smallSandbox({ clock, timeScale: 24 });
    const { refresh_token } = await passwordGrant(sandbox);
    clock.advance(28 * HOUR); // 28 days / 24
    const res = await sandbox.app.request(
      "/oauth/token",
      form({ grant_type: "refresh_token", ...client, refresh_token }),
    );
    expect(res.status).toBe(400);
    expect(await readJson(res)).toMatchObject({
      error: "invalid_grant",
      error_description: expect.stringContaining("expired"),
    });
  });

  it("a refresh token only works for the client it was issued to", async () => {
    const sandbox = smallSandbox();
    const { refresh_token } = await passwordGrant(sandbox);
    const res = await sandbox.app.request(
      "/oauth/token",
      form({ grant_type: "refresh_token", client_id: "other", client_secret: "x", refresh_token }),
    );
    expect(res.status).toBe(400);
  });

  it("early expiry fault: tokens die at once, refresh still recovers even in the same millisecond", async () => {
    const clock = new ManualClock();
    const sandbox = smallSandbox({ clock });
    const first = await passwordGrant(sandbox);
    const expire = await sandbox.app.request("/_sandbox/faults/expire-tokens", { method: "POST" });
    expect(expire.status).toBe(204);
    const expired = await getJson(sandbox, members, first.access_token);
    expect(expired.status).toBe(401);
    expect(expired.body).toMatchObject({ error_description: "expired_token" });
    const res = await sandbox.app.request(
      "/oauth/token",
      form({ grant_type: "refresh_token", ...client, refresh_token: first.refresh_token }),
    );
    expect(res.status).toBe(200);
    const { access_token } = await readJson<TokenAnswer>(res);
    expect((await getJson(sandbox, members, access_token)).status).toBe(200);
  });

  it("an expired token is refused before any rate budget is charged", async () => {
    const clock = new ManualClock();
    const sandbox = smallSandbox({ clock, rateLimitPerHour: 1 });
    const first = await passwordGrant(sandbox);
    sandbox.ctx.faults.expireTokens();
    expect((await sandbox.app.request(members, oauth2(first.access_token))).status).toBe(401);
    expect((await sandbox.app.request(members, oauth2(first.access_token))).status).toBe(401);
    const again = await passwordGrant(sandbox);
    const ok = await sandbox.app.request(members, oauth2(again.access_token));
    expect(ok.status).toBe(200);
    expect(ok.headers.get("X-Rate-Limit-Remaining")).toBe("0");
    expect((await sandbox.app.request(members, oauth2(again.access_token))).status).toBe(420);
  });
});
