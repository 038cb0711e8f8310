import { describe, expect, it } from "vitest";
import { call, DOC_404, get, patch, post, sandbox } from "./test-fixture.ts";

const expectJsonApiError = (res: Awaited<ReturnType<typeof get>>, status: number) => {
  expect(res.status).toBe(status);
  expect(res.headers.get("content-type")).toBe("application/vnd.api+json; charset=utf-8");
  expect(res.body.errors?.length).toBeGreaterThan(0);
  expect(res.text).not.toMatch(/at .*\.ts:\d+|Error:|stack/i);
};

describe("malformed bodies get JSON:API errors, never a 500", () => {
  it.each([
    ["not JSON", "{not json", "The request body is not valid JSON"],
    ["empty", "", "The request body is not valid JSON"],
    ["a JSON string", '"people"', "The request body must be a JSON:API document with a data object"],
    ["no data", "{}", "The request body must be a JSON:API document with a data object"],
    ["data null", '{"data":null}', "The request body must be a JSON:API document with a data object"],
    ["data as a list", '{"data":[]}', "The request body must be a JSON:API document with a data object"],
    [
      "attributes as a list",
      '{"data":{"type":"people","attributes":[1]}}',
      "The request body must be a JSON:API document with a data object",
    ],
    [
      "a numeric type",
      '{"data":{"type":5}}',
      "The request body must be a JSON:API document with a data object",
    ],
  ])("%s → 400", async (_, body, detail) => {
    const box = sandbox();
    for (const res of [
      await patch(box, "/people/2836", body),
      await post(box, "/people", body),
      await patch(box, "/users/2862", body),
      await patch(box, "/users/2862/update_password", body),
    ]) {
      expectJsonApiError(res, 400);
      expect(res.body.errors?.[0]).toEqual({
        status: "400",
        code: "bad_request",
        title: "Bad Request",
        detail,
        meta: {},
        source: {},
      });
    }
    expect(box.state.peopleCount).toBe(7);
  });

  it("ignores the body of lifecycle actions, even a broken one", async () => {
    const res = await patch(sandbox(), "/people/2836/deactivate", "{broken");
    expect(res.status).toBe(200);
  });

  it("answers a POST of another type with 409", async () => {
    const res = await post(sandbox(), "/people", {
      data: { type: "users", attributes: { first_name: "x" } },
    });
    expectJsonApiError(res, 409);
  });

  it("treats a missing type as the endpoint's own", async () => {
    const res = await post(sandbox(), "/people", {
      data: { attributes: { first_name: "No", last_name: "Type", email: "no.type@acme.test" } },
    });
    expect(res.status).toBe(201);
  });
});

describe("unknown routes and methods get the JSON:API 404", () => {
  it.each([
    ["GET", "/api/v2/nothing"],
    ["GET", "/api/v1/users"],
    ["GET", "/"],
    ["DELETE", "/api/v2/people/2836"],
    ["PUT", "/api/v2/people/2836"],
    ["POST", "/api/v2/people/2836/deactivate"],
    ["PATCH", "/api/v2/people/2836/promote"],
    ["GET", "/api/v2/people/2836/deactivate"],
    ["GET", "/api/v2/users/2861/update_password"],
  ])("%s %s", async (method, path) => {
    const box = sandbox();
    const response = await box.fetch(`http://api.productive.test${path}`, { method });
    expect(response.status).toBe(404);
    expect(response.headers.get("content-type")).toBe("application/vnd.api+json; charset=utf-8");
    expect(await response.json()).toEqual(DOC_404);
    expect(box.state.person("2836")?.deactivated_at).toBeNull();
  });

  it("answers unknown routes with 404 even without a token (routing comes first, as in Rails)", async () => {
    const res = await call(sandbox(), "GET", "/nothing", { headers: { "X-Auth-Token": null } });
    expect(res.status).toBe(404);
    expect(res.body).toEqual(DOC_404);
  });
});

describe("odd query strings", () => {
  it.each([
    "/people?page[number]=99999999999999999999",
    "/people?page[size]=1e3",
    "/people?page=5",
    "/people?sort=-id&include=company&fields[people]=email",
    "/people?filter[email]=%E2%9C%93",
    "/users?page[number]=%00",
  ])("%s → 200", async (path) => {
    const res = await get(sandbox(), path);
    expect(res.status).toBe(200);
    expect(Array.isArray(res.body.data)).toBe(true);
  });

  it("answers a malformed filter key with 400 Unsupported Filter", async () => {
    const res = await get(sandbox(), "/people?filter[status][not_eq][x]=1");
    expectJsonApiError(res, 400);
    expect(res.body.errors?.[0]).toMatchObject({
      status: 400,
      source: { parameter: "filter[status][not_eq][x]" },
    });
  });
});

describe("the last-resort error handler", () => {
  it("turns an unexpected exception into a JSON:API 500 without a stack trace", async () => {
    const box = sandbox();
    box.state.user = () => {
      throw new Error("boom at store.ts:42");
    };
    const res = await get(box, "/users/2861");
    expect(res.status).toBe(500);
    expect(res.headers.get("content-type")).toBe("application/vnd.api+json; charset=utf-8");
    expect(res.body.errors?.[0]).toMatchObject({ status: "500", title: "Internal Server Error" });
    expect(res.text).not.toContain("boom");
  });
});
