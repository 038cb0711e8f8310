/**
 * `GET /people` and `GET /users` pages are built from each record's JSON, kept as text from its first serve: these
 * tests serve a record first, change it, and check that the next page shows the change.
 */
import { describe, expect, it } from "vitest";
import {
  admin,
  get,
  JSON_API_TYPE,
  many,
  ORG,
  patch,
  post,
  type ResourceObject,
  sandbox,
  smallOrganization,
} from "./test-fixture.ts";

const PEOPLE = "/people?page[size]=200";
const USERS = "/users?page[size]=200";

async function listed(box: ReturnType<typeof sandbox>, path: string): Promise<ResourceObject[]> {
  const result = await get(box, path);
  expect(result.status).toBe(200);
  expect(result.headers.get("content-type")).toBe(`${JSON_API_TYPE}; charset=utf-8`);
  expect(result.text).toBe(JSON.stringify(result.body));
  return many(result);
}

const find = (list: ResourceObject[], id: string) => list.find((r) => r.id === id);

describe("productive: served JSON follows every write", () => {
  it("PATCH /people/{id} shows the new attributes on the next people page", async () => {
    const box = sandbox();
    expect(find(await listed(box, PEOPLE), "2836")?.attributes).toMatchObject({ title: null, role_id: 2 });
    const result = await patch(box, "/people/2836", {
      data: { type: "people", id: "2836", attributes: { title: "Chief Tester", role_id: 1 } },
    });
    expect(result.status).toBe(200);
    expect(find(await listed(box, PEOPLE), "2836")?.attributes).toMatchObject({
      title: "Chief Tester",
      role_id: 1,
    });
  });

  it("lifecycle actions (deactivate, then activate) show on the next people page", async () => {
    const box = sandbox();
    expect(find(await listed(box, PEOPLE), "2836")?.attributes.deactivated_at).toBeNull();
    expect((await patch(box, "/people/2836/deactivate")).status).toBe(200);
    const deactivatedAt = new Date(box.clock.now()).toISOString();
    expect(find(await listed(box, PEOPLE), "2836")?.attributes.deactivated_at).toBe(deactivatedAt);
    expect((await patch(box, "/people/2836/activate")).status).toBe(200);
    expect(find(await listed(box, PEOPLE), "2836")?.attributes.deactivated_at).toBeNull();
  });

  it("POST /people: the new person is listed with its own JSON", async () => {
    const box = sandbox();
    await listed(box, PEOPLE);
    const created = await post(box, "/people", {
      data: { type: "people", attributes: { first_name: "Gus", last_name: "New", email: "gus@acme.test" } },
    });
    expect(created.status).toBe(201);
    const id = (created.body.data as ResourceObject).id;
    expect(find(await listed(box, PEOPLE), id)).toMatchObject({
      type: "people",
      attributes: { first_name: "Gus", email: "gus@acme.test" },
      relationships: { organization: { data: { type: "organizations", id: ORG } } },
    });
  });

  it("PATCH /users/{id} shows the new attributes on the next users page", async () => {
    const box = sandbox();
    expect(find(await listed(box, USERS), "2862")?.attributes.first_name).toBe("Ben");
    const result = await patch(box, "/users/2862", {
      data: { type: "users", id: "2862", attributes: { first_name: "Benjamin", locale: "de" } },
    });
    expect(result.status).toBe(200);
    expect(find(await listed(box, USERS), "2862")?.attributes).toMatchObject({
      first_name: "Benjamin",
      locale: "de",
    });
  });

  it("page drift that removes a user unlinks its person on the next people page", async () => {
    const box = sandbox(smallOrganization());
    const before = await listed(box, PEOPLE);
    const linked = before.filter((p) => p.attributes.user_id !== null);
    expect(linked.length).toBeGreaterThan(0);
    expect((await admin(box, "PATCH", "/faults", { driftRemove: 1 })).status).toBe(200);
    await listed(box, "/users?page[size]=1");
    await admin(box, "DELETE", "/faults");
    const [event] = box.state.drift;
    expect(event?.removed).toHaveLength(1);
    const userId = Number(event!.removed[0]);
    const person = linked.find((p) => p.attributes.user_id === userId);
    expect(person).toBeDefined();
    expect(find(await listed(box, PEOPLE), person!.id)?.attributes.user_id).toBeNull();
    expect(find(await listed(box, USERS), String(userId))).toBeUndefined();
  });
});
