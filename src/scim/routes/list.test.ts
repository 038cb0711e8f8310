import { beforeAll, describe, expect, it } from "vitest";
import { ENTERPRISE_USER_SCHEMA, LIST_RESPONSE_SCHEMA, SEARCH_REQUEST_SCHEMA } from "../schemas.ts";
import { filterQuery, type Harness, scimHarness } from "../testing/harness.ts";

const ENT = ENTERPRISE_USER_SCHEMA;

describe("listing", () => {
  let scim: Harness;
  const names = ["dora", "Alice", "carl", "bob", "eve"];

  beforeAll(async () => {
    scim = scimHarness({ maxResults: 3 });
    for (const [i, name] of names.entries()) {
      await scim.createUser(`${name}@example.com`, {
        displayName: name,
        title: i % 2 ? "odd" : "even",
        emails: [{ value: `${name}@example.com`, type: "work" }],
        [ENT]: { employeeNumber: String(100 - i) },
      });
      scim.clock.advance(1000);
    }
    await scim.createGroup("Staff", []);
  });

  const userNames = (body: { Resources: { userName: string }[] }) =>
    body.Resources.map((user) => user.userName);

  it("answers a ListResponse with integer totalResults, itemsPerPage and startIndex", async () => {
    const reply = await scim.call(
      "GET",
      `/Users?${filterQuery('userName eq "BOB@example.com"')}&startIndex=1&count=100`,
    );
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({
      schemas: [LIST_RESPONSE_SCHEMA],
      totalResults: 1,
      itemsPerPage: 1,
      startIndex: 1,
    });
    expect(userNames(reply.body)).toEqual(["bob@example.com"]);
    const none = await scim.call("GET", `/Users?${filterQuery('userName eq "zed@example.com"')}`);
    expect(none.body).toEqual({
      schemas: [LIST_RESPONSE_SCHEMA],
      totalResults: 0,
      itemsPerPage: 0,
      startIndex: 1,
      Resources: [],
    });
  });

  it("pages stably in creation order, capping count at maxResults", async () => {
    const first = await scim.call("GET", "/Users?startIndex=1&count=2");
    const second = await scim.call("GET", "/Users?startIndex=3&count=2");
    const third = await scim.call("GET", "/Users?startIndex=5&count=2");
    expect([...userNames(first.body), ...userNames(second.body), ...userNames(third.body)]).toEqual(
      names.map((name) => `${name}@example.com`),
    );
    expect(third.body).toMatchObject({ totalResults: 5, itemsPerPage: 1, startIndex: 5 });
    const capped = await scim.call("GET", "/Users?count=100");
    expect(capped.body).toMatchObject({ totalResults: 5, itemsPerPage: 3 });
  });

  it("handles paging edges: startIndex < 1 is 1, count 0 gives only totalResults, past the end is empty", async () => {
    expect((await scim.call("GET", "/Users?startIndex=0&count=1")).body).toMatchObject({
      startIndex: 1,
      itemsPerPage: 1,
    });
    expect((await scim.call("GET", "/Users?startIndex=-5&count=1")).body.startIndex).toBe(1);
    expect((await scim.call("GET", "/Users?count=0")).body).toMatchObject({
      totalResults: 5,
      itemsPerPage: 0,
      Resources: [],
    });
    expect((await scim.call("GET", "/Users?count=-3")).body).toMatchObject({
      totalResults: 5,
      itemsPerPage: 0,
    });
    expect((await scim.call("GET", "/Users?startIndex=6&count=2")).body).toMatchObject({
      totalResults: 5,
      itemsPerPage: 0,
      startIndex: 6,
      Resources: [],
    });
    for (const bad of ["startIndex=one", "count=2.5"]) {
      const reply = await scim.call("GET", `/Users?${bad}`);
      expect(reply.status).toBe(400);
      expect(reply.body.scimType).toBe("invalidValue");
    }
  });

  it("sorts by sortBy / sortOrder, case-insensitively, including extension attributes", async () => {
    const ascending = await scim.call("GET", "/Users?sortBy=userName");
    expect(userNames(ascending.body)).toEqual(["Alice@example.com", "bob@example.com", "carl@example.com"]);
    const descending = await scim.call(
      "GET",
      "/Users?sortBy=USERNAME&sortOrder=DESCENDING&startIndex=2&count=2",
    );
    expect(userNames(descending.body)).toEqual(["dora@example.com", "carl@example.com"]);
    const byNumber = await scim.call("GET", `/Users?sortBy=${ENT}:employeeNumber&count=2`);
    // employeeNumber is a string: "100" sorts before "96".
    expect(userNames(byNumber.body)).toEqual(["dora@example.com", "eve@example.com"]);
    const bad = await scim.call("GET", "/Users?sortBy=nosuch");
    expect(bad.body).toMatchObject({ status: "400", scimType: "invalidPath" });
    const order = await scim.call("GET", "/Users?sortBy=userName&sortOrder=up");
    expect(order.body.scimType).toBe("invalidValue");
  });

  it("pushes filters with and/or/not/valuePath to the store", async () => {
    const query = (filter: string) => scim.call("GET", `/Users?${filterQuery(filter)}`);
    expect(userNames((await query('title eq "odd" and not (userName sw "b")')).body)).toEqual([
      "Alice@example.com",
    ]);
    expect(userNames((await query('emails[type eq "work" and value sw "E"]')).body)).toEqual([
      "eve@example.com",
    ]);
    expect(userNames((await query('emails[type eq "work"].value eq "carl@example.com"')).body)).toEqual([
      "carl@example.com",
    ]);
    expect((await query('title eq "even" or userName eq "bob@example.com"')).body.totalResults).toBe(4);
    expect((await query(`meta.created ge "2026-11-01T00:00:03Z"`)).body.totalResults).toBe(2);
  });

  it("answers a filter that does not parse with 400 invalidFilter", async () => {
    for (const filter of ['userName eq "x', "userName xx 1", 'groups.value eq "g"', 'nosuch eq "x"']) {
      const reply = await scim.call("GET", `/Users?${filterQuery(filter)}`);
      expect(reply.status, filter).toBe(400);
      expect(reply.body).toMatchObject({ status: "400", scimType: "invalidFilter" });
    }
  });

  it("projects with attributes and excludedAttributes; id and schemas are always returned", async () => {
    const only = await scim.call(
      "GET",
      `/Users?${filterQuery('userName eq "bob@example.com"')}&attributes=userName,emails.value,${ENT}:employeeNumber`,
    );
    expect(only.body.Resources[0]).toEqual({
      schemas: expect.any(Array),
      id: expect.any(String),
      userName: "bob@example.com",
      emails: [{ value: "bob@example.com" }],
      [ENT]: { employeeNumber: "97" },
    });
    const without = await scim.call(
      "GET",
      `/Users?${filterQuery('userName eq "bob@example.com"')}&excludedAttributes=emails.type,meta,id,${ENT}`,
    );
    const user = without.body.Resources[0];
    expect(user.emails).toEqual([{ value: "bob@example.com" }]);
    expect(user.meta).toBeUndefined();
    expect(user[ENT]).toBeUndefined();
    expect(user.id).toEqual(expect.any(String));
    expect(user.displayName).toBe("bob");
  });

  it("lists groups with excludedAttributes=members (Entra)", async () => {
    const reply = await scim.call(
      "GET",
      `/Groups?${filterQuery('displayName eq "staff"')}&excludedAttributes=members`,
    );
    expect(reply.body.totalResults).toBe(1);
    expect(reply.body.Resources[0].displayName).toBe("Staff");
  });

  it("searches with POST /.search on a resource type and at the root", async () => {
    const reply = await scim.call("POST", "/Users/.search", {
      schemas: [SEARCH_REQUEST_SCHEMA],
      filter: 'title eq "even"',
      attributes: ["userName"],
      sortBy: "userName",
      sortOrder: "descending",
      startIndex: 1,
      count: 2,
    });
    expect(reply.status).toBe(200);
    expect(reply.body.totalResults).toBe(3);
    expect(reply.body.Resources.map((user: { userName: string }) => user.userName)).toEqual([
      "eve@example.com",
      "dora@example.com",
    ]);
    const root = await scim.call("POST", "/.search", {
      schemas: [SEARCH_REQUEST_SCHEMA],
      startIndex: 5,
      count: 2,
    });
    expect(root.body).toMatchObject({ totalResults: 6, itemsPerPage: 2, startIndex: 5 });
    expect(
      root.body.Resources.map((resource: { meta: { resourceType: string } }) => resource.meta.resourceType),
    ).toEqual(["User", "Group"]);
    const rootFilter = await scim.call("POST", "/.search", { filter: 'displayName eq "Staff"' });
    expect(rootFilter.body.totalResults).toBe(1);
    const userOnly = await scim.call("POST", "/.search", { filter: 'userName eq "eve@example.com"' });
    expect(userOnly.body.totalResults).toBe(1);
    const bad = await scim.call("POST", "/Users/.search", { filter: 42 });
    expect(bad.body).toMatchObject({ status: "400", scimType: "invalidSyntax" });
  });
});

describe("tooMany", () => {
  it("answers 400 tooMany when sortBy would sort more than maxSortResults", async () => {
    const scim = scimHarness({ maxSortResults: 2 });
    for (const name of ["a", "b", "c"]) await scim.createUser(`${name}@x.com`);
    const reply = await scim.call("GET", "/Users?sortBy=userName");
    expect(reply.status).toBe(400);
    expect(reply.body).toMatchObject({ status: "400", scimType: "tooMany" });
    const narrowed = await scim.call("GET", `/Users?sortBy=userName&${filterQuery('userName sw "a"')}`);
    expect(narrowed.status).toBe(200);
  });
});
