import { describe, expect, it } from "vitest";
import { doceboFixture } from "./fixture.ts";

type YiiError = { name: string; message: string; code: number; status: number };
const expectYii = async (res: Response, status: number) => {
  expect(res.status).toBe(status);
  expect(res.headers.get("content-type")).toContain("application/json");
  const body = (await res.json()) as YiiError;
  expect(body).toEqual({ name: expect.any(String), message: expect.any(String), code: 0, status });
  return body;
};

describe("docebo bad input", () => {
  it("answers unknown routes with Yii's 404, including the seed guide's /api/v1 prefix", async () => {
    const { app, call } = doceboFixture();
    expect((await expectYii(await app.request("/api/v1/manage/v1/user"), 404)).message).toBe(
      "Page not found.",
    );
    await expectYii(await call("GET", "/manage/v1/nothing"), 404);
    await expectYii(await call("GET", "/manage/v1/user/abc"), 404);
    await expectYii(await call("GET", "/manage/v1/user/"), 404);
    await expectYii(await app.request("/"), 404);
  });

  it("answers a known URL with the wrong verb with 405 and Allow", async () => {
    const { call } = doceboFixture();
    const cases: [string, string, string][] = [
      ["DELETE", "/manage/v1/user", "GET, POST"],
      ["GET", "/manage/v1/user/change_status", "PUT"],
      ["POST", "/manage/v1/user/delete", "DELETE"],
      ["GET", "/manage/v1/orgchart/assign_users", "POST"],
      ["POST", "/manage/v1/orgchart", "GET"],
      ["PUT", "/manage/v1/group/1/members", "GET, POST, DELETE"],
    ];
    for (const [method, path, allow] of cases) {
      const res = await call(method, path);
      await expectYii(res, 405);
      expect(res.headers.get("allow")).toBe(allow);
    }
  });

  it("answers malformed JSON with Yii's parser error", async () => {
    const { call } = doceboFixture();
    for (const [method, path] of [
      ["POST", "/manage/v1/user"],
      ["PUT", "/manage/v1/user/101"],
      ["DELETE", "/manage/v1/user/delete"],
      ["PUT", "/manage/v1/user/change_status"],
      ["POST", "/manage/v1/orgchart/assign_users"],
      ["POST", "/manage/v1/group/1/members"],
    ] as const) {
      const body = await expectYii(await call(method, path, '{"userid": '), 400);
      expect(body.message).toBe("Invalid JSON data in request body: Syntax error.");
    }
  });

  it.each([
    ["a JSON array body", "POST", "/manage/v1/user", [1, 2]],
    ["a JSON null body", "POST", "/manage/v1/user", "null"],
    ["user_ids as a string", "DELETE", "/manage/v1/user/delete", { user_ids: "101" }],
    ["negative user ids", "DELETE", "/manage/v1/user/delete", { user_ids: [-1] }],
    ["fractional user ids", "PUT", "/manage/v1/user/change_status", { status: "0", user_ids: [1.5] }],
    [
      "a non-numeric branch",
      "POST",
      "/manage/v1/orgchart/assign_users",
      { branch_id: "sales", user_ids: [101] },
    ],
    ["valid=maybe", "PUT", "/manage/v1/user/101", { valid: "maybe" }],
    ["a malformed expiration date", "PATCH", "/manage/v1/user/101", { expiration_date: "next year" }],
    ["a numeric username", "POST", "/manage/v1/user", { userid: 42, email: "x@acme.test" }],
  ])("refuses %s with 400", async (_, method, path, body) => {
    const { call } = doceboFixture();
    await expectYii(await call(method, path, body), 400);
  });

  it("never answers garbage with a 500 or a stack trace", async () => {
    const { call, app } = doceboFixture();
    const garbage: [string, string, unknown?][] = [
      ["GET", "/manage/v1/user?page=99999999999999999999"],
      ["GET", "/manage/v1/user?page_size=-5"],
      ["GET", "/manage/v1/user?search_text=%E0%A4%A"],
      ["GET", "/manage/v1/user/00000000000000000000000001"],
      ["POST", "/manage/v1/user", { userid: "", email: "" }],
      ["POST", "/manage/v1/user", "\u0000\u0001"],
      ["PATCH", "/manage/v1/user/101", { manager_id: { "1": 102 } }],
      ["POST", "/manage/v1/group/2/members", {}],
      ["GET", "/manage/v1/group?page=1e3"],
      ["OPTIONS", "/manage/v1/user"],
    ];
    for (const [method, path, body] of garbage) {
      const res = await call(method, path, body);
      expect(res.status, `${method} ${path}`).toBeLessThan(500);
      expect(await res.text()).not.toMatch(/at .+\.ts:\d+/);
    }
    const token = await app.request("/oauth2/token", {
      method: "POST",
      body: "%%%&&&==",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
    });
    expect(token.status).toBe(400);
    const jsonToken = await app.request("/oauth2/token", {
      method: "POST",
      body: "{",
      headers: { "Content-Type": "application/json" },
    });
    expect(jsonToken.status).toBe(400);
  });
});
