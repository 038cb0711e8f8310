import { beforeEach, describe, expect, it } from "vitest";
import { ENTERPRISE_USER_SCHEMA, GROUP_SCHEMA, USER_SCHEMA } from "../schemas.ts";
import { type Harness, scimHarness } from "../testing/harness.ts";

const ENT = ENTERPRISE_USER_SCHEMA;

describe("Users and Groups resources", () => {
  let scim: Harness;
  beforeEach(() => {
    scim = scimHarness();
  });

  it("creates a user: 201, canonical names, meta, Location and ETag, scim+json", async () => {
    const reply = await scim.call("POST", "/Users", {
      schemas: [USER_SCHEMA, ENT],
      UserName: "Babs@example.com",
      NAME: { GivenName: "Barbara" },
      active: "True",
      password: "never-stored",
      [ENT]: { employeeNumber: "7" },
    });
    expect(reply.status).toBe(201);
    expect(reply.headers.get("content-type")).toBe("application/scim+json; charset=utf-8");
    const id = reply.body.id;
    expect(reply.body).toEqual({
      schemas: [USER_SCHEMA, ENT],
      id,
      userName: "Babs@example.com",
      name: { givenName: "Barbara" },
      active: true,
      [ENT]: { employeeNumber: "7" },
      meta: {
        resourceType: "User",
        created: "2026-11-01T00:00:00.000Z",
        lastModified: "2026-11-01T00:00:00.000Z",
        location: `http://scim.test/scim/v2/Users/${id}`,
        version: 'W/"1"',
      },
    });
    expect(reply.headers.get("location")).toBe(`http://scim.test/scim/v2/Users/${id}`);
    expect(reply.headers.get("etag")).toBe('W/"1"');
    expect(JSON.stringify(await scim.store.get("User", id))).not.toContain("never-stored");
  });

  it("gets a user by id with its ETag, and 404s an unknown id with a SCIM error", async () => {
    const id = (await scim.createUser("a@example.com")).body.id;
    const reply = await scim.call("GET", `/Users/${id}`);
    expect(reply.status).toBe(200);
    expect(reply.body.userName).toBe("a@example.com");
    expect(reply.headers.get("etag")).toBe('W/"1"');
    const missing = await scim.call("GET", "/Users/nope");
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({
      schemas: ["urn:ietf:params:scim:api:messages:2.0:Error"],
      status: "404",
      detail: "User nope not found",
    });
  });

  it("replaces a user with PUT: absent attributes go, created stays, lastModified and version move", async () => {
    const id = (await scim.createUser("a@example.com", { title: "T", externalId: "x1", displayName: "A" }))
      .body.id;
    scim.clock.advance(60_000);
    const reply = await scim.call("PUT", `/Users/${id}`, {
      schemas: [USER_SCHEMA],
      id,
      userName: "a@example.com",
      displayName: "A2",
      meta: { created: "1999-01-01T00:00:00Z" },
      groups: [{ value: "ignored" }],
    });
    expect(reply.status).toBe(200);
    expect(reply.body.title).toBeUndefined();
    expect(reply.body.externalId).toBeUndefined();
    expect(reply.body.displayName).toBe("A2");
    expect(reply.body.groups).toBeUndefined();
    expect(reply.body.meta).toMatchObject({
      created: "2026-11-01T00:00:00.000Z",
      lastModified: "2026-11-01T00:01:00.000Z",
      version: 'W/"2"',
    });
  });

  it("refuses a PUT whose body names another id (400 mutability) or misses userName (400 invalidValue)", async () => {
    const id = (await scim.createUser("a@example.com")).body.id;
    const other = await scim.call("PUT", `/Users/${id}`, {
      schemas: [USER_SCHEMA],
      id: "other",
      userName: "a",
    });
    expect(other.status).toBe(400);
    expect(other.body.scimType).toBe("mutability");
    const missing = await scim.call("PUT", `/Users/${id}`, { schemas: [USER_SCHEMA], title: "x" });
    expect(missing.body.scimType).toBe("invalidValue");
    expect((await scim.call("PUT", "/Users/nope", { schemas: [USER_SCHEMA], userName: "z" })).status).toBe(
      404,
    );
  });

  it("answers 409 uniqueness for a duplicate userName in any letter case, on POST and PUT", async () => {
    await scim.createUser("john@x.com");
    const duplicate = await scim.createUser("JOHN@x.com");
    expect(duplicate.status).toBe(409);
    expect(duplicate.body).toMatchObject({ status: "409", scimType: "uniqueness" });
    const jane = (await scim.createUser("jane@x.com")).body.id;
    const put = await scim.call("PUT", `/Users/${jane}`, { schemas: [USER_SCHEMA], userName: "John@X.com" });
    expect(put.status).toBe(409);
    expect((await scim.call("GET", `/Users/${jane}`)).body.userName).toBe("jane@x.com");
  });

  it("deletes users and groups (204, then 404), removing deleted users from groups", async () => {
    const ann = (await scim.createUser("ann@x.com")).body.id;
    const ben = (await scim.createUser("ben@x.com")).body.id;
    const group = (await scim.createGroup("G", [ann, ben])).body.id;
    expect((await scim.call("DELETE", `/Users/${ann}`)).status).toBe(204);
    expect((await scim.call("GET", `/Users/${ann}`)).status).toBe(404);
    expect((await scim.call("DELETE", `/Users/${ann}`)).status).toBe(404);
    const after = (await scim.call("GET", `/Groups/${group}`)).body;
    expect(after.members.map((member: { value: string }) => member.value)).toEqual([ben]);
    expect(after.meta.version).toBe('W/"2"');
    expect((await scim.call("DELETE", `/Groups/${group}`)).status).toBe(204);
    expect((await scim.call("GET", `/Groups/${group}`)).status).toBe(404);
  });

  it("creates groups with an extra Microsoft schema URN and members: [] (Okta), without storing either", async () => {
    const reply = await scim.call("POST", "/Groups", {
      schemas: [GROUP_SCHEMA, "http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group"],
      displayName: "Engineering",
      externalId: "aad-1",
      members: [],
    });
    expect(reply.status).toBe(201);
    expect(reply.body).toEqual({
      schemas: [GROUP_SCHEMA],
      id: reply.body.id,
      externalId: "aad-1",
      displayName: "Engineering",
      meta: expect.objectContaining({
        resourceType: "Group",
        location: `http://scim.test/scim/v2/Groups/${reply.body.id}`,
      }),
    });
  });

  it("derives a user's read-only groups from group membership", async () => {
    const ann = (await scim.createUser("ann@x.com")).body.id;
    const first = (await scim.createGroup("Admins", [ann])).body.id;
    const second = (await scim.createGroup("Sales", [ann])).body.id;
    await scim.createGroup("Other", []);
    const reply = await scim.call("GET", `/Users/${ann}`);
    expect(reply.body.groups).toEqual([
      { value: first, $ref: `http://scim.test/scim/v2/Groups/${first}`, display: "Admins", type: "direct" },
      { value: second, $ref: `http://scim.test/scim/v2/Groups/${second}`, display: "Sales", type: "direct" },
    ]);
    expect(Object.keys(reply.body).at(-1)).toBe("meta");
    expect((await scim.call("GET", `/Users/${ann}?excludedAttributes=groups`)).body.groups).toBeUndefined();
  });

  it("keeps members[].display in step when a member's display name changes", async () => {
    const ann = (await scim.createUser("ann@x.com")).body.id;
    const group = (await scim.createGroup("G", [ann])).body.id;
    expect((await scim.call("GET", `/Groups/${group}`)).body.members[0].display).toBe("ann@x.com");
    await scim.patch("Users", ann, [{ op: "add", path: "displayName", value: "Ann Lee" }]);
    expect((await scim.call("GET", `/Groups/${group}`)).body.members[0].display).toBe("Ann Lee");
  });

  it("replaces a group with PUT, validating members", async () => {
    const ann = (await scim.createUser("ann@x.com")).body.id;
    const group = (await scim.createGroup("G", [ann])).body.id;
    const reply = await scim.call("PUT", `/Groups/${group}`, { schemas: [GROUP_SCHEMA], displayName: "G2" });
    expect(reply.body.displayName).toBe("G2");
    expect(reply.body.members).toBeUndefined();
    const bad = await scim.call("PUT", `/Groups/${group}`, {
      schemas: [GROUP_SCHEMA],
      displayName: "G3",
      members: [{ value: "ghost" }],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.scimType).toBe("invalidValue");
    expect((await scim.call("GET", `/Groups/${group}`)).body.displayName).toBe("G2");
  });
});

describe("ETags", () => {
  let scim: Harness;
  let id: string;
  beforeEach(async () => {
    scim = scimHarness();
    id = (await scim.createUser("a@example.com")).body.id;
  });

  it("answers 304 to a GET whose If-None-Match holds the current version, 200 otherwise", async () => {
    const same = await scim.call("GET", `/Users/${id}`, undefined, { "if-none-match": 'W/"1"' });
    expect(same.status).toBe(304);
    expect(same.body).toBeUndefined();
    expect(same.headers.get("etag")).toBe('W/"1"');
    const stale = await scim.call("GET", `/Users/${id}`, undefined, { "if-none-match": 'W/"0"' });
    expect(stale.status).toBe(200);
  });

  it("applies PUT, PATCH and DELETE only when If-Match matches (weak or strong, list or *); 412 otherwise", async () => {
    const patch = [{ op: "replace", path: "title", value: "one" }];
    const stale = await scim.patch("Users", id, patch, { "if-match": 'W/"9"' });
    expect(stale.status).toBe(412);
    expect(stale.body).toMatchObject({
      schemas: ["urn:ietf:params:scim:api:messages:2.0:Error"],
      status: "412",
    });
    expect((await scim.call("GET", `/Users/${id}`)).body.title).toBeUndefined();

    expect((await scim.patch("Users", id, patch, { "if-match": '"1"' })).status).toBe(200);
    const put = await scim.call(
      "PUT",
      `/Users/${id}`,
      { schemas: [USER_SCHEMA], userName: "a@example.com", title: "two" },
      { "if-match": 'W/"1"' },
    );
    expect(put.status).toBe(412);
    const listed = await scim.call(
      "PUT",
      `/Users/${id}`,
      { schemas: [USER_SCHEMA], userName: "a@example.com", title: "two" },
      { "if-match": 'W/"1", W/"2"' },
    );
    expect(listed.status).toBe(200);
    expect(listed.headers.get("etag")).toBe('W/"3"');
    expect((await scim.call("DELETE", `/Users/${id}`, undefined, { "if-match": 'W/"2"' })).status).toBe(412);
    expect((await scim.call("DELETE", `/Users/${id}`, undefined, { "if-match": "*" })).status).toBe(204);
  });
});
