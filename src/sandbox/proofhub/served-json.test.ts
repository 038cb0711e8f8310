/**
 * `GET /people` pages are built from each person's JSON, kept as text from its first serve: these tests serve a
 * person first, change it (directly or through a project or group), and check that the next page shows it.
 */
import { describe, expect, it } from "vitest";
import { ManualClock } from "../kit/clock.ts";
import type { ProofhubPerson } from "../world/types.ts";
import { call, sandboxOf, smallAccount } from "./test-fixture.ts";

type Sandbox = ReturnType<typeof sandboxOf>;

async function page(sandbox: Sandbox): Promise<ProofhubPerson[]> {
  const response = await call(sandbox, "GET", "/people?start=0&limit=100");
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toBe("application/json");
  const text = await response.text();
  const people = JSON.parse(text) as ProofhubPerson[];
  expect(text).toBe(JSON.stringify(people));
  return people;
}

async function listed(sandbox: Sandbox, id: number): Promise<ProofhubPerson | undefined> {
  return (await page(sandbox)).find((p) => p.id === id);
}

describe("proofhub: served person JSON follows every write", () => {
  it("PUT /people/{id} (full replacement) shows the reset fields on the next page and GET", async () => {
    const clock = new ManualClock(Date.parse("2026-11-04T00:00:00Z"));
    const sandbox = sandboxOf(smallAccount(), { clock });
    expect(await listed(sandbox, 1002)).toMatchObject({ title: "Team lead", groups: [10, 11] });
    const response = await call(sandbox, "PUT", "/people/1002", {
      body: { first_name: "Ben", last_name: "Bossman", email: "ben.b@acme.example" },
    });
    expect(response.status).toBe(200);
    const expected = {
      last_name: "Bossman",
      email: "ben.b@acme.example",
      title: null,
      groups: [],
      projects: [],
      updated_at: "2026-11-04T00:00:00.000Z",
    };
    expect(await listed(sandbox, 1002)).toMatchObject(expected);
    expect(await (await call(sandbox, "GET", "/people/1002")).json()).toMatchObject(expected);
  });

  it("project and group membership changes show in each person's projects and groups", async () => {
    const sandbox = sandboxOf(smallAccount());
    expect(await listed(sandbox, 1003)).toMatchObject({ projects: [101], groups: [] });
    expect(await listed(sandbox, 1001)).toMatchObject({ projects: [100], groups: [10] });

    expect((await call(sandbox, "PUT", "/projects/100", { body: { assigned: [1003] } })).status).toBe(200);
    const created = await call(sandbox, "POST", "/groups", { body: { name: "Support", assigned: [1003] } });
    expect(created.status).toBe(201);
    const group = ((await created.json()) as { id: number }).id;
    expect((await call(sandbox, "DELETE", "/groups/10")).status).toBe(204);

    expect(await listed(sandbox, 1003)).toMatchObject({ projects: [101, 100], groups: [group] });
    expect(await listed(sandbox, 1001)).toMatchObject({ projects: [], groups: [] });
  });

  it("accepting the invitation shows the person verified", async () => {
    const sandbox = sandboxOf(smallAccount());
    expect(await listed(sandbox, 1005)).toMatchObject({ verified: false, last_active: null });
    expect((await call(sandbox, "POST", "/_sandbox/people/1005/accept")).status).toBe(200);
    expect(await listed(sandbox, 1005)).toMatchObject({ verified: true, last_active: expect.any(String) });
  });

  it("DELETE and POST /people: the deleted person leaves the page, the new one is served", async () => {
    const sandbox = sandboxOf(smallAccount());
    await page(sandbox);
    expect((await call(sandbox, "DELETE", "/people/1003")).status).toBe(204);
    const created = await call(sandbox, "POST", "/people", {
      body: { first_name: "Gus", last_name: "New", email: "gus@acme.example", projects: [101] },
    });
    expect(created.status).toBe(201);
    const people = await page(sandbox);
    expect(people.find((p) => p.id === 1003)).toBeUndefined();
    expect(people.at(-1)).toEqual(await created.json());
    expect(people.find((p) => p.id === 1002)?.projects).toEqual([100, 101]);
  });

  it("page drift: the next page shows exactly the people left, the added ones included", async () => {
    const sandbox = sandboxOf(smallAccount(), { faults: { driftAdd: 1, driftRemove: 1 } });
    await page(sandbox);
    sandbox.ctx.faults.reset();
    const [event] = sandbox.state.drift;
    const people = await page(sandbox);
    expect(people.map((p) => p.id)).toEqual(sandbox.state.people.all().map((p) => p.id));
    expect(people.find((p) => p.id === event!.removed[0])).toBeUndefined();
    expect(people.find((p) => p.id === event!.added[0])).toMatchObject({ first_name: "Drift" });
  });
});
