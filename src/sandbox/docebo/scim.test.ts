import { describe, expect, it, vi } from "vitest";
import { ManualClock } from "../kit/clock.ts";
import { DoceboDirectory } from "./directory.ts";
import { CREDENTIALS, doceboFixture, doceboState, doceboUser } from "./fixture.ts";
import { DoceboScimStore } from "./scim-store.ts";

const ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
const PATCH = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
const ERROR = "urn:ietf:params:scim:api:messages:2.0:Error";

// biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON paths
type Body = any;

function scimFixture(options: Parameters<typeof doceboFixture>[0] = {}) {
  const fixture = doceboFixture(options);
  const scim = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const res = await fixture.app.request(`http://docebo.test/scim/v2${path}`, {
      method,
      headers: {
        Authorization: `Bearer ${CREDENTIALS.scimToken}`,
        ...(body !== undefined ? { "Content-Type": "application/scim+json" } : {}),
        ...headers,
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: (text ? JSON.parse(text) : undefined) as Body };
  };
  const rest = async (method: string, path: string, body?: unknown) => {
    const res = await fixture.call(method, path, body);
    return { status: res.status, body: (await res.json()) as Body };
  };
  const patch = (path: string, operations: unknown[], headers: Record<string, string> = {}) =>
    scim("PATCH", path, { schemas: [PATCH], Operations: operations }, headers);
  return { ...fixture, scim, rest, patch };
}

describe("docebo SCIM auth", () => {
  it("accepts only the SCIM token: REST bearer tokens and no token get SCIM's 401", async () => {
    const { app, token, scim } = scimFixture();
    expect((await scim("GET", "/Users")).status).toBe(200);
    for (const headers of [{ Authorization: `Bearer ${await token()}` }, {} as Record<string, string>]) {
      const res = await app.request("/scim/v2/Users", { headers });
      expect(res.status).toBe(401);
      expect(await res.json()).toMatchObject({ schemas: [ERROR], status: "401" });
    }
  });

  it("answers unknown SCIM routes with SCIM's 404", async () => {
    const { scim, app } = scimFixture();
    expect(await scim("GET", "/Nope")).toMatchObject({
      status: 404,
      body: { schemas: [ERROR], status: "404" },
    });
    const outside = await app.request("/scim/v1/Users");
    expect(outside.status).toBe(404);
    expect(await outside.json()).toMatchObject({ schemas: [ERROR], status: "404" });
  });
});

describe("docebo SCIM users over the REST directory", () => {
  it("shows Docebo users as SCIM users with branch and manager in the enterprise extension", async () => {
    const { scim, rest } = scimFixture();
    await rest("PATCH", "/manage/v1/user/101", { manager_id: 102 });
    const { status, body } = await scim("GET", "/Users/101");
    expect(status).toBe(200);
    expect(body).toMatchObject({
      schemas: ["urn:ietf:params:scim:schemas:core:2.0:User", ENTERPRISE],
      id: "101",
      userName: "user101",
      name: { givenName: "First101", familyName: "Last101" },
      emails: [{ value: "user101@acme.test", type: "work", primary: true }],
      active: true,
      [ENTERPRISE]: { department: "Sales", manager: { value: "102", displayName: "user102" } },
      meta: {
        resourceType: "User",
        created: "2025-01-02T03:04:05.000Z",
        location: "http://docebo.test/scim/v2/Users/101",
      },
    });
    expect(body.groups).toEqual([
      expect.objectContaining({ value: "1", display: "Onboarding" }),
      expect.objectContaining({ value: "2" }),
    ]);
    expect((await scim("GET", "/Users/999")).status).toBe(404);
    expect((await scim("GET", "/Users/abc")).status).toBe(404);
  });

  it("lists users in id order with startIndex / count, and filters userName in any case", async () => {
    const { scim } = scimFixture();
    const page = await scim("GET", "/Users?startIndex=2&count=2");
    expect(page.body).toMatchObject({ totalResults: 5, startIndex: 2, itemsPerPage: 2 });
    expect(page.body.Resources.map((u: Body) => u.id)).toEqual(["101", "102"]);
    const found = await scim("GET", `/Users?filter=${encodeURIComponent('userName eq "USER103"')}`);
    expect(found.body.totalResults).toBe(1);
    expect(found.body.Resources[0].id).toBe("103");
    const byEmail = await scim(
      "GET",
      `/Users?filter=${encodeURIComponent('emails[type eq "work" and value eq "user102@acme.test"]')}`,
    );
    expect(byEmail.body.Resources.map((u: Body) => u.id)).toEqual(["102"]);
    const inactive = await scim("GET", `/Users?filter=${encodeURIComponent("active eq false")}`);
    expect(inactive.body.totalResults).toBe(0);
    const sorted = await scim("GET", "/Users?sortBy=userName&sortOrder=descending&count=2");
    expect(sorted.body.Resources.map((u: Body) => u.userName)).toEqual(["user104", "user103"]);
  });

  it('deactivating over SCIM shows as status "0" on REST, and REST suspension shows as active false', async () => {
    const { patch, rest, scim } = scimFixture();
    const res = await patch("/Users/102", [{ op: "replace", value: { active: false } }]);
    expect(res.status).toBe(200);
    expect(res.body.active).toBe(false);
    expect((await rest("GET", "/manage/v1/user/102")).body.data.user_data.status).toBe("0");
    await rest("PUT", "/manage/v1/user/change_status", { status: "0", user_ids: [103] });
    expect((await scim("GET", "/Users/103")).body.active).toBe(false);
    await patch("/Users/102", [{ op: "Replace", path: "active", value: "True" }]);
    expect((await rest("GET", "/manage/v1/user/102")).body.data.user_data.status).toBe("1");
  });

  it("creates over SCIM a user the REST surface lists, with a numeric Docebo id", async () => {
    const { scim, rest } = scimFixture();
    const created = await scim("POST", "/Users", {
      schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"],
      userName: "ada@acme.test",
      externalId: "okta-123",
      name: { givenName: "Ada", familyName: "Lovelace" },
      emails: [{ value: "ada@acme.test", primary: true }],
      active: true,
    });
    expect(created.status).toBe(201);
    expect(created.body.id).toMatch(/^\d+$/);
    expect(created.headers.get("location")).toBe(`http://docebo.test/scim/v2/Users/${created.body.id}`);
    const detail = await rest("GET", `/manage/v1/user/${created.body.id}`);
    expect(detail.body.data.user_data).toMatchObject({
      username: "ada@acme.test",
      first_name: "Ada",
      last_name: "Lovelace",
      email: "ada@acme.test",
      status: "1",
      level: "user",
    });
    const listed = await rest("GET", "/manage/v1/user?search_text=lovelace");
    expect(listed.body.data.items.map((u: Body) => u.user_id)).toEqual([created.body.id]);
    const byExternal = await scim("GET", `/Users?filter=${encodeURIComponent('externalId eq "okta-123"')}`);
    expect(byExternal.body.Resources.map((u: Body) => u.id)).toEqual([created.body.id]);
  });

  it("refuses duplicates: userName in any case and e-mail (409 uniqueness), and users without an e-mail", async () => {
    const { scim } = scimFixture();
    const dupName = await scim("POST", "/Users", {
      userName: "USER101",
      emails: [{ value: "new@acme.test" }],
    });
    expect(dupName).toMatchObject({ status: 409, body: { scimType: "uniqueness" } });
    const dupMail = await scim("POST", "/Users", {
      userName: "fresh",
      emails: [{ value: "user101@acme.test" }],
    });
    expect(dupMail).toMatchObject({ status: 409, body: { scimType: "uniqueness" } });
    const noMail = await scim("POST", "/Users", { userName: "fresh" });
    expect(noMail).toMatchObject({ status: 400, body: { scimType: "invalidValue" } });
  });

  it("cannot set manager or branch: POST / PUT ignore them, PATCH answers 400 mutability", async () => {
    const { scim, patch, rest, state } = scimFixture();
    const created = await scim("POST", "/Users", {
      userName: "grace",
      emails: [{ value: "grace@acme.test" }],
      [ENTERPRISE]: { manager: { value: "101" }, department: "Support" },
    });
    expect(created.status).toBe(201);
    expect(created.body[ENTERPRISE]).toBeUndefined();
    expect(state.users.get(Number(created.body.id))?.manager_id).toBeNull();

    const current = (await scim("GET", "/Users/101")).body;
    const put = await scim("PUT", "/Users/101", {
      ...current,
      name: { givenName: "Renamed", familyName: "Last101" },
      [ENTERPRISE]: { manager: { value: "103" }, department: "Support" },
    });
    expect(put.status).toBe(200);
    expect(put.body.name.givenName).toBe("Renamed");
    expect(put.body[ENTERPRISE]).toEqual({ department: "Sales" });
    const detail = (await rest("GET", "/manage/v1/user/101")).body.data;
    expect(detail.user_data).toMatchObject({ first_name: "Renamed", manager_id: null });
    expect(detail.branches.map((b: Body) => b.id)).toEqual([10]);

    for (const path of [`${ENTERPRISE}:manager`, `${ENTERPRISE}:department`]) {
      const refused = await patch("/Users/101", [
        { op: "replace", path, value: path.endsWith("manager") ? { value: "103" } : "Support" },
      ]);
      expect(refused).toMatchObject({ status: 400, body: { schemas: [ERROR], scimType: "mutability" } });
    }
    const schema = await scim("GET", `/Schemas/${ENTERPRISE}`);
    const manager = schema.body.attributes.find((a: Body) => a.name === "manager");
    expect(manager.mutability).toBe("readOnly");
  });

  it("deletes over SCIM what REST then cannot find, and the other way round", async () => {
    const { scim, rest } = scimFixture();
    expect((await scim("DELETE", "/Users/101")).status).toBe(204);
    expect((await rest("GET", "/manage/v1/user/101")).status).toBe(404);
    await rest("DELETE", "/manage/v1/user/delete", { user_ids: [102] });
    expect((await scim("GET", "/Users/102")).status).toBe(404);
    const group = await scim("GET", "/Groups/2");
    expect(group.body.members).toBeUndefined();
  });

  it("bumps the SCIM version on REST writes, so a stale If-Match answers 412", async () => {
    const { scim, rest, patch } = scimFixture();
    const before = await scim("GET", "/Users/101");
    const etag = before.headers.get("etag")!;
    expect(etag).toBe('W/"1"');
    await rest("PATCH", "/manage/v1/user/101", { lastname: "Changed" });
    const stale = await patch("/Users/101", [{ op: "replace", path: "active", value: false }], {
      "If-Match": etag,
    });
    expect(stale.status).toBe(412);
    const after = await scim("GET", "/Users/101");
    expect(after.headers.get("etag")).not.toBe(etag);
    expect(after.body.name.familyName).toBe("Changed");
  });
});

describe("docebo SCIM groups over Docebo groups", () => {
  it("lists static and dynamic groups with their members", async () => {
    const { scim } = scimFixture();
    const { body } = await scim("GET", "/Groups");
    expect(body.totalResults).toBe(2);
    expect(body.Resources[0]).toMatchObject({
      id: "1",
      displayName: "Onboarding",
      members: [{ value: "101", display: "user101" }],
    });
    expect(body.Resources[1].members.map((m: Body) => m.value)).toEqual(["101", "102"]);
    const filtered = await scim("GET", `/Groups?filter=${encodeURIComponent('displayName eq "all sales"')}`);
    expect(filtered.body.Resources.map((g: Body) => g.id)).toEqual(["2"]);
  });

  it("changes a static group's members, seen by REST", async () => {
    const { patch, rest } = scimFixture();
    const res = await patch("/Groups/1", [{ op: "add", path: "members", value: [{ value: "103" }] }]);
    expect(res.status).toBe(200);
    const members = await rest("GET", "/manage/v1/group/1/members");
    expect(members.body.data.items.map((u: Body) => u.user_id)).toEqual(["101", "103"]);
    await patch("/Groups/1", [{ op: "remove", path: 'members[value eq "101"]' }]);
    expect(
      (await rest("GET", "/manage/v1/group/1/members")).body.data.items.map((u: Body) => u.user_id),
    ).toEqual(["103"]);
  });

  it("creates and deletes static groups", async () => {
    const { scim, rest } = scimFixture();
    const created = await scim("POST", "/Groups", { displayName: "Leavers", members: [{ value: "104" }] });
    expect(created.status).toBe(201);
    const listed = await rest("GET", "/manage/v1/group?type=static");
    expect(listed.body.data.items).toContainEqual({
      group_id: Number(created.body.id),
      name: "Leavers",
      type: "static",
      members_count: 1,
    });
    expect((await scim("DELETE", `/Groups/${created.body.id}`)).status).toBe(204);
    expect((await rest("GET", `/manage/v1/group/${created.body.id}/members`)).status).toBe(404);
  });

  it("refuses every write to a dynamic group with 400 mutability", async () => {
    const { scim, patch, state } = scimFixture();
    const add = await patch("/Groups/2", [{ op: "add", path: "members", value: [{ value: "103" }] }]);
    expect(add).toMatchObject({ status: 400, body: { scimType: "mutability" } });
    const put = await scim("PUT", "/Groups/2", { displayName: "Renamed" });
    expect(put.status).toBe(400);
    const del = await scim("DELETE", "/Groups/2");
    expect(del).toMatchObject({ status: 400, body: { scimType: "mutability" } });
    expect(state.groups.get(2)).toMatchObject({ name: "All Sales", type: "dynamic" });
    expect([...state.groups.get(2)!.userIds]).toEqual([101, 102]);
  });
});

describe("docebo SCIM limits and faults", () => {
  it("rate-limits SCIM with a SCIM 429 without Retry-After, separately from REST", async () => {
    const { scim, rest, clock } = scimFixture({ rateLimit: [{ limit: 2, windowMs: 60_000 }] });
    await scim("GET", "/Users");
    await scim("GET", "/Users");
    const limited = await scim("GET", "/Users");
    expect(limited).toMatchObject({ status: 429, body: { schemas: [ERROR], status: "429" } });
    expect(limited.headers.get("retry-after")).toBeNull();
    expect((await rest("GET", "/manage/v1/group")).status).toBe(200);
    clock.advance(60_000);
    expect((await scim("GET", "/Users")).status).toBe(200);
  });

  it("answers storms and injected errors on /scim in SCIM's error shape", async () => {
    const stormy = scimFixture({ faults: { stormRequests: 1 } });
    expect(await stormy.scim("GET", "/Users")).toMatchObject({ status: 429, body: { schemas: [ERROR] } });
    const broken = scimFixture({ faults: { errorRate: 1 } });
    expect(await broken.scim("GET", "/Users")).toMatchObject({
      status: 503,
      body: { schemas: [ERROR], status: "503" },
    });
  });
});

describe("DoceboScimStore filter push-down", () => {
  const state = doceboState(0);
  state.users = Array.from({ length: 5_000 }, (_, i) => doceboUser(i + 1));
  const store = new DoceboScimStore(new DoceboDirectory(state, () => new ManualClock().now()));
  const built = vi.spyOn(store as unknown as { userResource: () => unknown }, "userResource");

  it("answers userName eq from the index, building one resource", async () => {
    built.mockClear();
    const result = await store.query("User", {
      filter: { op: "eq", path: { name: "userName" }, value: "USER4321" },
      startIndex: 1,
      count: 10,
    });
    expect(result.resources.map((r) => r.id)).toEqual(["4321"]);
    expect(built).toHaveBeenCalledTimes(1);
  });

  it("pages an unfiltered list building only the page", async () => {
    built.mockClear();
    const result = await store.query("User", { startIndex: 4001, count: 50 });
    expect(result.totalResults).toBe(5_000);
    expect(result.resources[0]?.id).toBe("4001");
    expect(built).toHaveBeenCalledTimes(50);
  });

  it("scans other filters with the engine's evaluator", async () => {
    const result = await store.query("User", {
      filter: { op: "sw", path: { name: "name", sub: "familyName" }, value: "Last499" },
      startIndex: 1,
      count: 100,
    });
    expect(result.resources.map((r) => r.id)).toEqual([
      "499",
      ...Array.from({ length: 10 }, (_, i) => String(4990 + i)),
    ]);
  });
});
