import { describe, expect, it } from "vitest";
import {
  BASE,
  call,
  DOC_401,
  DOC_404,
  DOC_422_FIRST_NAME,
  get,
  ids,
  many,
  ORG,
  one,
  organizationOf,
  patch,
  sandbox,
  user,
} from "./test-fixture.ts";

/** Attribute names of a user, in the order of the official doc page (seed 001). */
const DOC_USER_ATTRIBUTES = [
  "updated_at",
  "email",
  "first_name",
  "last_name",
  "time_zone",
  "avatar_url",
  "default_organization_id",
  "default_organization_slug",
  "intercom_hash",
  "flags",
  "newsletter_consent",
  "newsletter_consent_at",
  "ical_token",
  "preferences",
  "sysadmin",
  "sysadmin_permissions",
  "two_factor_auth",
  "sso_provision",
  "account_access_expires_at",
  "locale",
];

const onlyUser = () => ({ ...organizationOf(0), users: [user("124", { email: "user124@email.com" })] });

describe("GET /api/v2/users", () => {
  it("answers like the official doc: data, links first/last, meta, JSON:API content type", async () => {
    const res = await get(sandbox(onlyUser()), "/users");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/vnd.api+json; charset=utf-8");
    expect(Object.keys(res.body)).toEqual(["data", "links", "meta"]);
    const [resource] = many(res);
    expect(resource?.id).toBe("124");
    expect(resource?.type).toBe("users");
    expect(Object.keys(resource?.attributes ?? {})).toEqual(DOC_USER_ATTRIBUTES);
    expect(resource?.attributes).toMatchObject({
      email: "user124@email.com",
      first_name: "name",
      last_name: "surname",
      time_zone: null,
      avatar_url: null,
      default_organization_id: 913,
      default_organization_slug: "913-organization913",
      flags: {},
      newsletter_consent: false,
      newsletter_consent_at: null,
      ical_token: null,
      preferences: null,
      sysadmin: false,
      sysadmin_permissions: [],
      two_factor_auth: false,
      sso_provision: false,
      account_access_expires_at: null,
      locale: "en_US",
    });
    expect(resource?.attributes.intercom_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(res.body.links).toEqual({
      first: `${BASE}/users?page%5Bnumber%5D=1&page%5Bsize%5D=30`,
      last: `${BASE}/users?page%5Bnumber%5D=1&page%5Bsize%5D=30`,
    });
    expect(res.body.meta).toEqual({
      current_page: 1,
      total_pages: 1,
      total_count: 1,
      page_size: 30,
      max_page_size: 200,
    });
  });

  it("lists users in id order", async () => {
    const box = sandbox();
    expect(ids(await get(box, "/users"))).toEqual(["2861", "2862", "2863", "2864"]);
  });

  it("accepts a missing X-Organization-Id (the official Ruby client omits it on users)", async () => {
    const res = await get(sandbox(), "/users", { headers: { "X-Organization-Id": null } });
    expect(res.status).toBe(200);
    expect(many(res)).toHaveLength(4);
  });

  it("rejects a wrong X-Organization-Id with the doc's 401", async () => {
    const res = await get(sandbox(), "/users", { headers: { "X-Organization-Id": "999" } });
    expect(res.status).toBe(401);
    expect(res.body).toEqual(DOC_401);
  });

  it("answers ?token=invalid without a header with the doc's 401, verbatim", async () => {
    const res = await get(sandbox(), "/users?token=invalid", { headers: { "X-Auth-Token": null } });
    expect(res.status).toBe(401);
    expect(res.headers.get("content-type")).toBe("application/vnd.api+json; charset=utf-8");
    expect(res.body).toEqual(DOC_401);
  });

  it("rejects any filter with the 400 Unsupported Filter (status as a number)", async () => {
    const res = await get(sandbox(), "/users?filter[email]=ana@acme.test");
    expect(res.status).toBe(400);
    expect(res.body.errors?.[0]).toMatchObject({ status: 400, title: "Unsupported Filter" });
  });
});

describe("GET /api/v2/users/{id}", () => {
  it("returns one user with meta {}", async () => {
    const res = await get(sandbox(), "/users/2862");
    expect(res.status).toBe(200);
    expect(Object.keys(res.body)).toEqual(["data", "meta"]);
    expect(res.body.meta).toEqual({});
    expect(one(res)).toMatchObject({ id: "2862", type: "users", attributes: { email: "ben@acme.test" } });
  });

  it.each(["128", "abc", "2862x"])("answers an unknown id %s with the doc's 404, verbatim", async (id) => {
    const res = await get(sandbox(), `/users/${id}`);
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toBe("application/vnd.api+json; charset=utf-8");
    expect(res.body).toEqual(DOC_404);
  });
});

describe("PATCH /api/v2/users/{id}", () => {
  it("ignores read-only attributes, like the doc's default_organization_id example", async () => {
    const box = sandbox();
    const before = one(await get(box, "/users/2862"));
    const res = await patch(box, "/users/2862", {
      data: { type: "users", attributes: { default_organization_id: 2 } },
    });
    expect(res.status).toBe(200);
    expect(one(res).attributes).toEqual(before.attributes);
    expect(box.state.user("2862")?.default_organization_id).toBe(Number(ORG));
  });

  it('answers first_name "" with the doc\'s 422, verbatim', async () => {
    const box = sandbox();
    const res = await patch(box, "/users/2862", { data: { type: "users", attributes: { first_name: "" } } });
    expect(res.status).toBe(422);
    expect(res.body).toEqual(DOC_422_FIRST_NAME);
    expect(box.state.user("2862")?.first_name).toBe("Ben");
  });

  it("reports every invalid attribute, each with its pointer", async () => {
    const res = await patch(sandbox(), "/users/2862", {
      data: { type: "users", attributes: { first_name: null, last_name: "  ", time_zone: 5 } },
    });
    expect(res.status).toBe(422);
    expect(res.body.errors?.map((e) => [e.source, e.detail])).toEqual([
      [{ pointer: "data/attributes/first_name" }, "can't be blank"],
      [{ pointer: "data/attributes/last_name" }, "can't be blank"],
      [{ pointer: "data/attributes/time_zone" }, "is invalid"],
    ]);
  });

  it("updates writable attributes and bumps updated_at", async () => {
    const box = sandbox();
    box.clock.advance(60_000);
    const res = await patch(box, "/users/2862", {
      data: { type: "users", id: "2862", attributes: { first_name: "Benjamin", time_zone: "Europe/Zagreb" } },
    });
    expect(res.status).toBe(200);
    expect(one(res).attributes).toMatchObject({
      first_name: "Benjamin",
      time_zone: "Europe/Zagreb",
      updated_at: new Date(box.clock.now()).toISOString(),
    });
    expect(one(await get(box, "/users/2862")).attributes.first_name).toBe("Benjamin");
  });

  it("answers an unknown user with the doc's 404", async () => {
    const res = await patch(sandbox(), "/users/128", {
      data: { type: "users", attributes: { first_name: "x" } },
    });
    expect(res.status).toBe(404);
    expect(res.body).toEqual(DOC_404);
  });

  it("answers a body of another resource type with 409", async () => {
    const res = await patch(sandbox(), "/users/2862", {
      data: { type: "people", attributes: { first_name: "x" } },
    });
    expect(res.status).toBe(409);
    expect(res.body.errors?.[0]).toMatchObject({ status: "409", source: { pointer: "/data/type" } });
  });
});

describe("PATCH /api/v2/users/{id}/update_password", () => {
  const change = (current: unknown, password: unknown) => ({
    data: { type: "users", attributes: { current_password: current, password } },
  });

  it("changes the password when current_password matches (the doc's example), returning the user", async () => {
    const box = sandbox();
    const res = await patch(box, "/users/2862/update_password", change("password1234", "newpassword1234"));
    expect(res.status).toBe(200);
    expect(one(res)).toMatchObject({ id: "2862", type: "users" });
    expect(res.body.meta).toEqual({});
    expect(res.text).not.toContain("password1234");
    const again = await patch(box, "/users/2862/update_password", change("password1234", "other-password"));
    expect(again.status).toBe(422);
    const withNew = await patch(
      box,
      "/users/2862/update_password",
      change("newpassword1234", "third-password"),
    );
    expect(withNew.status).toBe(200);
  });

  it("answers a wrong current_password with 422 on current_password", async () => {
    const res = await patch(sandbox(), "/users/2862/update_password", change("wrong", "newpassword1234"));
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([
      {
        status: "422",
        code: "invalid_attribute",
        title: "Invalid Attribute",
        detail: "is invalid",
        meta: {},
        source: { pointer: "data/attributes/current_password" },
      },
    ]);
  });

  it("validates the new password: blank, too short, confirmation mismatch", async () => {
    const box = sandbox();
    const blank = await patch(box, "/users/2862/update_password", change("password1234", ""));
    expect(blank.body.errors?.[0]).toMatchObject({
      detail: "can't be blank",
      source: { pointer: "data/attributes/password" },
    });
    const short = await patch(box, "/users/2862/update_password", change("password1234", "short"));
    expect(short.status).toBe(422);
    expect(short.body.errors?.[0]?.detail).toBe("is too short (minimum is 8 characters)");
    const mismatch = await patch(box, "/users/2862/update_password", {
      data: {
        attributes: { current_password: "password1234", password: "long-enough", password_confirmation: "x" },
      },
    });
    expect(mismatch.status).toBe(422);
    expect(mismatch.body.errors?.[0]?.source).toEqual({ pointer: "data/attributes/password_confirmation" });
  });

  it("uses per-user passwords given as options", async () => {
    const box = sandbox(undefined, { userPasswords: { "2862": "s3cret-pass" } });
    expect(
      (await patch(box, "/users/2862/update_password", change("password1234", "newpass1234"))).status,
    ).toBe(422);
    expect(
      (await patch(box, "/users/2862/update_password", change("s3cret-pass", "newpass1234"))).status,
    ).toBe(200);
  });
});

describe("methods the users API does not have", () => {
  it.each([
    ["POST", "/users"],
    ["DELETE", "/users/2862"],
    ["PUT", "/users/2862"],
  ])("%s %s → the JSON:API 404", async (method, path) => {
    const box = sandbox();
    const res = await call(box, method, path, { body: { data: { type: "users", attributes: {} } } });
    expect(res.status).toBe(404);
    expect(res.body).toEqual(DOC_404);
    expect(box.state.user("2862")).toBeDefined();
  });
});
