import { beforeEach, describe, expect, it } from "vitest";
import { ERROR_SCHEMA } from "./errors.ts";
import { ENTERPRISE_USER_SCHEMA, USER_SCHEMA } from "./schemas.ts";
import { type Harness, scimHarness } from "./testing/harness.ts";

/** Every malformed request gets a SCIM error with the right status and scimType — never a 500 — and changes nothing. */
describe("bad input", () => {
  let scim: Harness;
  let id: string;
  let before: unknown;

  beforeEach(async () => {
    scim = scimHarness();
    id = (await scim.createUser("a@example.com", { title: "T" })).body.id;
    before = (await scim.call("GET", `/Users/${id}`)).body;
  });

  const unchanged = async () => {
    expect((await scim.call("GET", `/Users/${id}`)).body).toEqual(before);
    expect(scim.store.size("User")).toBe(1);
  };

  const expectError = (
    reply: { status: number; body: unknown; headers: Headers },
    status: number,
    scimType?: string,
  ) => {
    expect(reply.status).toBe(status);
    expect(reply.headers.get("content-type")).toContain("application/scim+json");
    expect(reply.body).toMatchObject({ schemas: [ERROR_SCHEMA], status: String(status) });
    if (scimType) expect(reply.body).toMatchObject({ scimType });
    else expect(reply.body).not.toHaveProperty("scimType");
  };

  it.each([
    ["POST", "/Users"],
    ["PUT", "/Users/{id}"],
    ["PATCH", "/Users/{id}"],
    ["POST", "/Users/.search"],
  ])("%s %s: malformed JSON → 400 invalidSyntax", async (method, path) => {
    const reply = await scim.raw(method, path.replace("{id}", id), '{"userName": "b@x.com",', {
      "content-type": "application/scim+json",
    });
    expectError(reply, 400, "invalidSyntax");
    await unchanged();
  });

  it.each([["text/plain"], ["application/x-www-form-urlencoded"], [undefined]])(
    "content type %s → 415",
    async (contentType) => {
      const headers: Record<string, string> = contentType ? { "content-type": contentType } : {};
      for (const [method, path] of [
        ["POST", "/Users"],
        ["PUT", `/Users/${id}`],
        ["PATCH", `/Users/${id}`],
      ] as const) {
        const reply = await scim.raw(method, path, JSON.stringify({ userName: "b@x.com" }), headers);
        expectError(reply, 415);
      }
      await unchanged();
    },
  );

  it("accepts application/json with a charset as well as application/scim+json", async () => {
    const reply = await scim.raw("POST", "/Users", JSON.stringify({ userName: "b@x.com" }), {
      "content-type": "application/json; charset=utf-8",
    });
    expect(reply.status).toBe(201);
  });

  it.each([
    [{ schemas: [USER_SCHEMA], userName: "b@x.com", favouriteColour: "red" }, "invalidSyntax"],
    [{ schemas: [USER_SCHEMA], userName: "b@x.com", name: { nickname: "x" } }, "invalidSyntax"],
    [
      { schemas: [USER_SCHEMA], userName: "b@x.com", [ENTERPRISE_USER_SCHEMA]: { badge: 1 } },
      "invalidSyntax",
    ],
    [
      { schemas: [USER_SCHEMA], userName: "b@x.com", [`${ENTERPRISE_USER_SCHEMA}:badge`]: 1 },
      "invalidSyntax",
    ],
    [{ schemas: "User", userName: "b@x.com" }, "invalidSyntax"],
    [[{ userName: "b@x.com" }], "invalidSyntax"],
    ["just a string", "invalidSyntax"],
    [{ schemas: ["urn:ietf:params:scim:schemas:core:2.0:Group"], userName: "b@x.com" }, "invalidValue"],
    [{ schemas: [USER_SCHEMA] }, "invalidValue"],
    [{ schemas: [USER_SCHEMA], userName: 42 }, "invalidValue"],
    [{ schemas: [USER_SCHEMA], userName: "b@x.com", active: "yes" }, "invalidValue"],
    [{ schemas: [USER_SCHEMA], userName: "b@x.com", active: 1 }, "invalidValue"],
    [{ schemas: [USER_SCHEMA], userName: "b@x.com", name: "Bob" }, "invalidValue"],
    [{ schemas: [USER_SCHEMA], userName: "b@x.com", title: ["a", "b"] }, "invalidValue"],
    [{ schemas: [USER_SCHEMA], userName: "b@x.com", emails: [{ value: true }] }, "invalidValue"],
    [{ schemas: [USER_SCHEMA], userName: "b@x.com", emails: [{ type: "work" }] }, "invalidValue"],
    [{ schemas: [USER_SCHEMA], userName: "b@x.com", [ENTERPRISE_USER_SCHEMA]: "x" }, "invalidValue"],
  ])("POST /Users %j → 400 %s", async (body, scimType) => {
    const reply = await scim.call("POST", "/Users", body);
    expectError(reply, 400, scimType);
    await unchanged();
  });

  it("ignores attributes of schemas the server does not support", async () => {
    const reply = await scim.call("POST", "/Users", {
      schemas: [USER_SCHEMA, "urn:example:custom:1.0:User"],
      userName: "b@x.com",
      "urn:example:custom:1.0:User": { badge: 7 },
    });
    expect(reply.status).toBe(201);
    expect(reply.body["urn:example:custom:1.0:User"]).toBeUndefined();
    expect(reply.body.schemas).toEqual([USER_SCHEMA]);
  });

  it.each([
    [{}, "invalidSyntax"],
    [{ Operations: [] }, "invalidSyntax"],
    [{ Operations: "replace" }, "invalidSyntax"],
    [{ schemas: ["urn:wrong"], Operations: [{ op: "add", path: "title", value: "x" }] }, "invalidSyntax"],
    [{ Operations: [42] }, "invalidSyntax"],
    [{ Operations: [{ op: "add", path: "", value: "x" }] }, "invalidSyntax"],
    [{ Operations: [{ op: "add", path: 7, value: "x" }] }, "invalidSyntax"],
  ])("PATCH body %j → 400 %s", async (body, scimType) => {
    const reply = await scim.call("PATCH", `/Users/${id}`, body);
    expectError(reply, 400, scimType);
    await unchanged();
  });

  it("accepts a PatchOp without schemas and with lower-case member names", async () => {
    const reply = await scim.call("PATCH", `/Users/${id}`, {
      operations: [{ OP: "Replace", PATH: "title", VALUE: "U" }],
    });
    expect(reply.status).toBe(200);
    expect(reply.body.title).toBe("U");
  });

  it("answers 401 without a token, with a wrong token or another scheme, with the SCIM error body", async () => {
    for (const authorization of [undefined, "Bearer wrong", "Basic c2NpbTpzY2lt", "Bearer"]) {
      const response = await scim.app.request(`/scim/v2/Users/${id}`, {
        headers: authorization ? { authorization } : {},
      });
      expect(response.status).toBe(401);
      expect(response.headers.get("www-authenticate")).toContain("Bearer");
      expect(await response.json()).toMatchObject({ schemas: [ERROR_SCHEMA], status: "401" });
    }
    const discovery = await scim.app.request("/scim/v2/ServiceProviderConfig");
    expect(discovery.status).toBe(401);
  });

  it("answers 404 for unknown endpoints and 405 for unsupported methods, as SCIM errors", async () => {
    expectError(await scim.call("GET", "/Devices"), 404);
    expectError(await scim.call("GET", "/Users/a/b"), 404);
    expectError(await scim.call("POST", `/Users/${id}`, { userName: "x" }), 405);
    expectError(await scim.call("DELETE", "/Users"), 405);
    expectError(await scim.call("POST", "/Bulk", { Operations: [] }), 404);
  });

  it("answers 413 for an oversized body", async () => {
    const reply = await scim.call("POST", "/Users", { userName: "b@x.com", title: "x".repeat(1_100_000) });
    expectError(reply, 413);
    await unchanged();
  });

  it("answers a failing store with a 500 SCIM error and no stack trace", async () => {
    scim.store.get = async () => {
      throw new Error("disk on fire at /secret/path");
    };
    const reply = await scim.call("GET", `/Users/${id}`);
    expectError(reply, 500);
    expect(JSON.stringify(reply.body)).not.toContain("secret");
  });
});
