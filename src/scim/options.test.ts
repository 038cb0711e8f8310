import { describe, expect, it } from "vitest";
import { tokenMatcher } from "./auth.ts";
import { ScimError } from "./errors.ts";
import { MemoryScimStore } from "./memory-store.ts";
import { ENTERPRISE_USER_SCHEMA, USER_SCHEMA } from "./schemas.ts";
import type { ScimQuery, ScimResourceType } from "./store.ts";
import { filterQuery, scimHarness } from "./testing/harness.ts";

const ENT = ENTERPRISE_USER_SCHEMA;

describe("mount options", () => {
  it("userDelete: false answers DELETE /Users/{id} with 405 and keeps the user (Productboard)", async () => {
    const scim = scimHarness({ userDelete: false });
    const id = (await scim.createUser("a@x.com")).body.id;
    const reply = await scim.call("DELETE", `/Users/${id}`);
    expect(reply.status).toBe(405);
    expect(reply.body).toMatchObject({ status: "405", detail: expect.stringContaining("active=false") });
    expect((await scim.call("GET", `/Users/${id}`)).status).toBe(200);
    const group = (await scim.createGroup("G")).body.id;
    expect((await scim.call("DELETE", `/Groups/${group}`)).status).toBe(204);
  });

  it("groupDelete: false answers DELETE /Groups/{id} with 405", async () => {
    const scim = scimHarness({ groupDelete: false });
    const group = (await scim.createGroup("G")).body.id;
    expect((await scim.call("DELETE", `/Groups/${group}`)).status).toBe(405);
  });

  it("readOnlyAttributes: POST and PUT ignore them, PATCH on them answers 400 mutability (Docebo manager)", async () => {
    const scim = scimHarness({ readOnlyAttributes: [`${ENT}:manager`] });
    const boss = (await scim.createUser("boss@x.com")).body.id;
    const created = await scim.createUser("a@x.com", {
      schemas: [USER_SCHEMA, ENT],
      [ENT]: { department: "Ops", manager: { value: boss } },
    });
    expect(created.status).toBe(201);
    expect(created.body[ENT]).toEqual({ department: "Ops" });
    const id = created.body.id;

    // Seed a manager directly (as the app's REST side would) and check PUT keeps it.
    const stored = (await scim.store.get("User", id))!;
    await scim.store.replace("User", { ...stored, [ENT]: { department: "Ops", manager: { value: boss } } });
    const put = await scim.call("PUT", `/Users/${id}`, {
      schemas: [USER_SCHEMA, ENT],
      userName: "a@x.com",
      [ENT]: { department: "Sales", manager: { value: "someone-else" } },
    });
    expect(put.status).toBe(200);
    expect(put.body[ENT]).toEqual({
      department: "Sales",
      manager: { value: boss, displayName: "boss@x.com" },
    });

    for (const operation of [
      { op: "replace", path: `${ENT}:manager`, value: "someone-else" },
      { op: "replace", path: `${ENT}:manager.value`, value: "someone-else" },
      { op: "remove", path: `${ENT}:manager` },
      { op: "replace", value: { [`${ENT}:manager`]: "someone-else" } },
      { op: "add", path: ENT, value: { manager: "someone-else" } },
    ]) {
      const reply = await scim.patch("Users", id, [operation]);
      expect(reply.status, JSON.stringify(operation)).toBe(400);
      expect(reply.body.scimType).toBe("mutability");
    }
    expect((await scim.call("GET", `/Users/${id}`)).body[ENT].manager.value).toBe(boss);
  });

  it("refuses readOnlyAttributes that name no attribute, at mount time", () => {
    expect(() => scimHarness({ readOnlyAttributes: [`${ENT}:boss`] })).toThrow(
      /names no User or Group attribute/,
    );
  });

  it("hooks see each write with its previous version and may change or refuse it", async () => {
    const seen: [string | undefined, string | undefined][] = [];
    const scim = scimHarness({
      hooks: {
        beforeWriteUser(resource, previous) {
          seen.push([previous?.title as string | undefined, resource.title as string | undefined]);
          if (resource.title === "CEO") throw new ScimError(403, "Only HR can appoint a CEO");
          return { ...resource, userType: "Employee" };
        },
        beforeWriteGroup(resource) {
          if (String(resource.displayName).startsWith("_")) {
            throw new ScimError(400, "Group names cannot start with _", "invalidValue");
          }
          return resource;
        },
      },
    });
    const created = await scim.createUser("a@x.com", { title: "Dev" });
    expect(created.body.userType).toBe("Employee");
    const refused = await scim.patch("Users", created.body.id, [
      { op: "replace", path: "title", value: "CEO" },
    ]);
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ status: "403", detail: "Only HR can appoint a CEO" });
    expect((await scim.call("GET", `/Users/${created.body.id}`)).body.title).toBe("Dev");
    expect(seen).toEqual([
      [undefined, "Dev"],
      ["Dev", "CEO"],
    ]);
    const group = await scim.createGroup("_hidden");
    expect(group.body).toMatchObject({ status: "400", scimType: "invalidValue" });
  });

  it("pushes filter, paging and sorting down to the store, one query per list", async () => {
    const store = new MemoryScimStore();
    const queries: [ScimResourceType, ScimQuery][] = [];
    const query = store.query.bind(store);
    store.query = (type, request) => {
      queries.push([type, request]);
      return query(type, request);
    };
    const scim = scimHarness({ store });
    await scim.createUser("a@x.com");
    queries.length = 0;
    await scim.call(
      "GET",
      `/Users?${filterQuery('userName eq "A@x.com"')}&startIndex=1&count=100&attributes=userName`,
    );
    expect(queries).toEqual([
      [
        "User",
        { startIndex: 1, count: 100, filter: { op: "eq", path: { name: "userName" }, value: "A@x.com" } },
      ],
    ]);
    queries.length = 0;
    await scim.call("GET", `/Users?${filterQuery('userName eq "a@x.com"')}`);
    expect(queries.map(([type, request]) => [type, request.filter])).toEqual([
      ["User", { op: "eq", path: { name: "userName" }, value: "a@x.com" }],
      ["Group", { op: "eq", path: { name: "members", sub: "value" }, value: expect.any(String) }],
    ]);
  });
});

describe("tokenMatcher", () => {
  it("accepts any configured token and nothing else, whatever the length", () => {
    const matches = tokenMatcher(["alpha-token", "beta"]);
    expect(matches("alpha-token")).toBe(true);
    expect(matches("beta")).toBe(true);
    expect(matches("alpha-toke")).toBe(false);
    expect(matches("")).toBe(false);
    expect(matches("x".repeat(10_000))).toBe(false);
    expect(tokenMatcher([])("anything")).toBe(false);
  });
});
