import { describe, expect, it } from "vitest";
import {
  DOC_401,
  DOC_404,
  get,
  ids,
  ORG,
  one,
  patch,
  post,
  sandbox,
  smallOrganization,
} from "./test-fixture.ts";

const ALL = ["2835", "2836", "2837", "2838", "2839", "2840", "2841"];

describe("GET /api/v2/people", () => {
  it("lists every person (active, deactivated, archived, invited, contacts, placeholders) by id", async () => {
    const res = await get(sandbox(), "/people");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/vnd.api+json; charset=utf-8");
    expect(ids(res)).toEqual(ALL);
    expect(res.body.meta).toMatchObject({
      total_count: 7,
      total_pages: 1,
      page_size: 30,
      max_page_size: 200,
    });
  });

  it("serves a person exactly in the documented shape", async () => {
    const res = await get(sandbox(), "/people/2835");
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      data: {
        id: "2835",
        type: "people",
        attributes: {
          first_name: "Ana",
          last_name: "2835",
          email: "ana@acme.test",
          role_id: 1,
          deactivated_at: null,
          archived_at: null,
          invited_at: "2026-01-02T09:00:00.000Z",
          joined_at: "2026-01-03T09:00:00.000Z",
          last_seen_at: "2026-10-30T09:00:00.000Z",
          is_user: true,
          user_id: 2861,
          title: null,
          tag_list: [],
          virtual: false,
          placeholder: false,
          created_at: "2026-01-02T09:00:00.000Z",
        },
        relationships: { organization: { data: { type: "organizations", id: ORG } } },
      },
      meta: {},
    });
  });

  it.each([
    ["filter[status]=1", ["2835", "2836", "2838", "2839", "2840"]],
    ["filter[status]=2", ["2837", "2841"]],
    ["filter[status]=1,2", ALL],
    ["filter[status][not_eq]=1", ["2837", "2841"]],
    ["filter[status][eq]=2", ["2837", "2841"]],
    ["filter[status]=7", []],
    ["filter[person_type]=1", ["2835", "2836", "2837", "2838", "2841"]],
    ["filter[person_type]=2", ["2839"]],
    ["filter[person_type]=3", ["2840"]],
    ["filter[person_type][not_eq]=1", ["2839", "2840"]],
    ["filter[person_type]=2,3", ["2839", "2840"]],
    ["filter[status]=1&filter[person_type]=1", ["2835", "2836", "2838"]],
    ["filter[status]=2&filter[person_type][not_eq]=2", ["2837", "2841"]],
    ["filter[email]=ben@acme.test", ["2836"]],
    ["filter[email]=DAN@acme.TEST", ["2838"]],
    ["filter[email]=ben@acme.test,cara@acme.test", ["2836", "2837"]],
    ["filter[email]=cara@acme.test&filter[status]=1", []],
    ["filter[email]=nobody@acme.test", []],
    ["filter[email][not_eq]=ben@acme.test&filter[status]=1&filter[person_type]=1", ["2835", "2838"]],
    ["filter[email][not_eq]=ben@acme.test", ["2835", "2837", "2838", "2839", "2840", "2841"]],
    ["filter[status]=", ALL],
  ])("?%s", async (query, expected) => {
    const res = await get(sandbox(), `/people?${query}`);
    expect(res.status).toBe(200);
    expect(ids(res)).toEqual(expected);
    expect(res.body.meta?.total_count).toBe(expected.length);
  });

  it.each([
    "filter[department]=1",
    "filter[status][gt]=1",
    "filter[email][contains]=acme",
    "filter=1",
    "filter[]=1",
  ])("answers the unsupported ?%s with 400 Unsupported Filter, status as a number", async (query) => {
    const res = await get(sandbox(), `/people?${query}`);
    expect(res.status).toBe(400);
    expect(res.body.errors).toHaveLength(1);
    expect(res.body.errors?.[0]).toMatchObject({ status: 400, title: "Unsupported Filter" });
    expect(typeof res.body.errors?.[0]?.status).toBe("number");
  });

  it.each([
    ["missing", null],
    ["wrong", "914"],
  ])("answers a %s X-Organization-Id with the doc's 401", async (_, organization) => {
    const res = await get(sandbox(), "/people", { headers: { "X-Organization-Id": organization } });
    expect(res.status).toBe(401);
    expect(res.body).toEqual(DOC_401);
  });
});

describe("GET /api/v2/people/{id}", () => {
  it.each(["9999", "abc"])("answers unknown id %s with the doc's 404", async (id) => {
    const res = await get(sandbox(), `/people/${id}`);
    expect(res.status).toBe(404);
    expect(res.body).toEqual(DOC_404);
  });
});

describe("POST /api/v2/people", () => {
  const create = (attributes: Record<string, unknown>) => ({ data: { type: "people", attributes } });

  it("creates a user-type person in the invited state and sends the invitation", async () => {
    const box = sandbox();
    const res = await post(
      box,
      "/people",
      create({
        first_name: "Gia",
        last_name: "New",
        email: "gia@acme.test",
        title: "Designer",
        tag_list: ["x"],
      }),
    );
    expect(res.status).toBe(201);
    const created = one(res);
    expect(created.id).toBe("2842");
    expect(created.attributes).toMatchObject({
      first_name: "Gia",
      email: "gia@acme.test",
      role_id: 2,
      invited_at: new Date(box.clock.now()).toISOString(),
      joined_at: null,
      deactivated_at: null,
      is_user: true,
      user_id: null,
      title: "Designer",
      tag_list: ["x"],
      placeholder: false,
    });
    expect(box.ctx.invitations).toEqual([
      expect.objectContaining({
        to: "gia@acme.test",
        kind: "invitation",
        details: { personId: "2842", organizationId: ORG },
      }),
    ]);
    expect(ids(await get(box, "/people?filter[email]=gia@acme.test"))).toEqual(["2842"]);
    expect(ids(await get(box, "/people?filter[status]=1&filter[person_type]=1"))).toContain("2842");
  });

  it("creates contacts and placeholders without an invitation", async () => {
    const box = sandbox();
    const contact = await post(
      box,
      "/people",
      create({ first_name: "C", last_name: "Ontact", person_type: 2 }),
    );
    const placeholder = await post(
      box,
      "/people",
      create({ first_name: "P", last_name: "H", person_type: 3 }),
    );
    expect(contact.status).toBe(201);
    expect(one(contact).attributes).toMatchObject({ is_user: false, invited_at: null, email: "" });
    expect(one(placeholder).attributes).toMatchObject({ placeholder: true, is_user: false });
    expect(box.ctx.invitations).toEqual([]);
    expect(ids(await get(box, "/people?filter[person_type]=3"))).toEqual(["2840", one(placeholder).id]);
  });

  it.each([
    [{ last_name: "x", email: "a@acme.test" }, "first_name", "can't be blank"],
    [{ first_name: "", last_name: "x", email: "a@acme.test" }, "first_name", "can't be blank"],
    [{ first_name: "x", last_name: "x" }, "email", "can't be blank"],
    [{ first_name: "x", last_name: "x", email: "not-an-email" }, "email", "is invalid"],
    [{ first_name: "x", last_name: "x", email: "BEN@acme.test" }, "email", "has already been taken"],
    [{ first_name: "x", last_name: "x", email: "n@acme.test", role_id: 99 }, "role_id", "is invalid"],
    [{ first_name: "x", last_name: "x", email: "n@acme.test", role_id: "1" }, "role_id", "is invalid"],
    [{ first_name: "x", last_name: "x", email: "n@acme.test", person_type: 4 }, "person_type", "is invalid"],
    [{ first_name: "x", last_name: "x", email: "n@acme.test", tag_list: "a" }, "tag_list", "is invalid"],
  ])("refuses %j with 422 on %s", async (attributes, attribute, detail) => {
    const box = sandbox();
    const res = await post(box, "/people", create(attributes));
    expect(res.status).toBe(422);
    expect(res.body.errors).toContainEqual({
      status: "422",
      code: "invalid_attribute",
      title: "Invalid Attribute",
      detail,
      meta: {},
      source: { pointer: `data/attributes/${attribute}` },
    });
    expect(box.state.peopleCount).toBe(7);
    expect(box.ctx.invitations).toEqual([]);
  });
});

describe("PATCH /api/v2/people/{id}", () => {
  it("updates writable attributes and re-indexes the e-mail", async () => {
    const box = sandbox();
    const res = await patch(box, "/people/2836", {
      data: {
        type: "people",
        id: "2836",
        attributes: { email: "benjamin@acme.test", role_id: 1, title: "Lead" },
      },
    });
    expect(res.status).toBe(200);
    expect(one(res).attributes).toMatchObject({ email: "benjamin@acme.test", role_id: 1, title: "Lead" });
    expect(ids(await get(box, "/people?filter[email]=benjamin@acme.test"))).toEqual(["2836"]);
    expect(ids(await get(box, "/people?filter[email]=ben@acme.test"))).toEqual([]);
  });

  it("ignores read-only attributes (lifecycle timestamps, user link)", async () => {
    const box = sandbox();
    const res = await patch(box, "/people/2836", {
      data: {
        type: "people",
        attributes: { deactivated_at: "2026-01-01T00:00:00Z", user_id: 1, is_user: false },
      },
    });
    expect(res.status).toBe(200);
    expect(one(res).attributes).toMatchObject({ deactivated_at: null, user_id: 2862, is_user: true });
    expect(ids(await get(box, "/people?filter[status]=2"))).toEqual(["2837", "2841"]);
  });

  it("answers a blank first_name with the doc's 422 and changes nothing", async () => {
    const box = sandbox();
    const res = await patch(box, "/people/2836", {
      data: { type: "people", attributes: { first_name: "" } },
    });
    expect(res.status).toBe(422);
    expect(res.body.errors?.[0]).toMatchObject({
      detail: "can't be blank",
      source: { pointer: "data/attributes/first_name" },
    });
    expect(box.state.person("2836")?.first_name).toBe("Ben");
  });

  it("refuses an e-mail another person has, but accepts a person's own", async () => {
    const box = sandbox();
    const taken = await patch(box, "/people/2836", {
      data: { type: "people", attributes: { email: "ana@acme.test" } },
    });
    expect(taken.status).toBe(422);
    expect(taken.body.errors?.[0]?.detail).toBe("has already been taken");
    const own = await patch(box, "/people/2836", {
      data: { type: "people", attributes: { email: "ben@acme.test" } },
    });
    expect(own.status).toBe(200);
  });

  it("answers a mismatched data.id with 409 and an unknown person with 404", async () => {
    const box = sandbox();
    const mismatch = await patch(box, "/people/2836", {
      data: { type: "people", id: "2835", attributes: {} },
    });
    expect(mismatch.status).toBe(409);
    expect(mismatch.body.errors?.[0]?.source).toEqual({ pointer: "/data/id" });
    const missing = await patch(box, "/people/9999", { data: { type: "people", attributes: {} } });
    expect(missing.body).toEqual(DOC_404);
  });

  it("never mutates the state it was given", async () => {
    const state = smallOrganization();
    const box = sandbox(state);
    await patch(box, "/people/2836", {
      data: { type: "people", attributes: { first_name: "Changed", tag_list: ["t"] } },
    });
    await patch(box, "/people/2836/deactivate");
    expect(box.state.person("2836")?.first_name).toBe("Changed");
    expect(state.people.find((p) => p.id === "2836")).toMatchObject({
      first_name: "Ben",
      deactivated_at: null,
      tag_list: [],
    });
  });
});
