import { describe, expect, it } from "vitest";
import { call, expectError, getJson, ROLE, sandboxOf, smallAccount } from "./test-fixture.ts";

type Project = { id: number; title: string; assigned: number[] };
type Group = { id: number; name: string; assigned: number[] };
const personProjects = async (sandbox: ReturnType<typeof sandboxOf>, id: number) =>
  (await getJson<{ projects: number[]; groups: number[] }>(sandbox, `/people/${id}`)).projects;
const personGroups = async (sandbox: ReturnType<typeof sandboxOf>, id: number) =>
  (await getJson<{ projects: number[]; groups: number[] }>(sandbox, `/people/${id}`)).groups;

describe("projects", () => {
  it("lists projects and serves one with its assigned user ids", async () => {
    const sandbox = sandboxOf(smallAccount());
    expect(await getJson(sandbox, "/projects")).toEqual([
      { id: 100, title: "Website", assigned: [1001, 1002] },
      { id: 101, title: "Mobile app", assigned: [1002, 1003] },
    ]);
    expect(await getJson(sandbox, "/projects/101")).toEqual({
      id: 101,
      title: "Mobile app",
      assigned: [1002, 1003],
    });
    await expectError(await call(sandbox, "GET", "/projects/7"), 404);
    await expectError(await call(sandbox, "GET", "/projects/web"), 404);
  });

  it("replaces the assigned list with PUT and keeps each person's projects in step", async () => {
    const sandbox = sandboxOf(smallAccount());
    const response = await call(sandbox, "PUT", "/projects/100", { body: { assigned: [1002, "1004"] } });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ id: 100, title: "Website", assigned: [1002, 1004] });
    expect(await personProjects(sandbox, 1001)).toEqual([]);
    expect(await personProjects(sandbox, 1002)).toEqual([100, 101]);
    expect(await personProjects(sandbox, 1004)).toEqual([100]);
  });

  it("keeps the members when PUT sends only a new title", async () => {
    const sandbox = sandboxOf(smallAccount());
    const response = await call(sandbox, "PUT", "/projects/100", { body: { title: "Website 2" } });
    expect(await response.json()).toEqual({ id: 100, title: "Website 2", assigned: [1001, 1002] });
  });

  it("answers 422 to unknown user ids or a bad body, and changes nothing", async () => {
    const sandbox = sandboxOf(smallAccount());
    const unknown = await expectError(
      await call(sandbox, "PUT", "/projects/100", { body: { assigned: [1001, 5555] } }),
      422,
    );
    expect(unknown.fields).toEqual({ assigned: ["unknown user ids: 5555"] });
    const invalid = await expectError(
      await call(sandbox, "PUT", "/projects/100", { body: { assigned: "1001", title: "" } }),
      422,
    );
    expect(Object.keys(invalid.fields ?? {}).sort()).toEqual(["assigned", "title"]);
    expect(await getJson(sandbox, "/projects/100")).toMatchObject({
      title: "Website",
      assigned: [1001, 1002],
    });
    await expectError(await call(sandbox, "PUT", "/projects/999", { body: { assigned: [] } }), 404);
  });
});

describe("groups", () => {
  it("lists groups and serves one with its members", async () => {
    const sandbox = sandboxOf(smallAccount());
    expect(await getJson<Group[]>(sandbox, "/groups")).toEqual([
      { id: 10, name: "Design", assigned: [1001, 1002] },
      { id: 11, name: "Operations", assigned: [1002] },
    ]);
    expect(await getJson(sandbox, "/groups/11")).toEqual({ id: 11, name: "Operations", assigned: [1002] });
    await expectError(await call(sandbox, "GET", "/groups/12"), 404);
  });

  it("creates a group with POST (201) and adds it to its members", async () => {
    const sandbox = sandboxOf(smallAccount());
    const response = await call(sandbox, "POST", "/groups", {
      body: { name: "Support", assigned: [1003, 1005] },
    });
    expect(response.status).toBe(201);
    const group = (await response.json()) as Group;
    expect(group).toEqual({ id: 12, name: "Support", assigned: [1003, 1005] });
    expect(await personGroups(sandbox, 1003)).toEqual([12]);
    expect(await getJson(sandbox, "/groups/12")).toEqual(group);
  });

  it("answers 422 to a group without a name or with unknown members", async () => {
    const sandbox = sandboxOf(smallAccount());
    expect((await expectError(await call(sandbox, "POST", "/groups", { body: {} }), 422)).fields).toEqual({
      name: ["is required"],
    });
    const unknown = await expectError(
      await call(sandbox, "POST", "/groups", { body: { name: "X", assigned: [42] } }),
      422,
    );
    expect(unknown.fields).toEqual({ assigned: ["unknown user ids: 42"] });
    expect((await getJson<Group[]>(sandbox, "/groups")).length).toBe(2);
  });

  it("replaces members and renames with PUT, keeping people's groups in step", async () => {
    const sandbox = sandboxOf(smallAccount());
    const response = await call(sandbox, "PUT", "/groups/10", { body: { name: "UX", assigned: [1003] } });
    expect(await response.json()).toEqual({ id: 10, name: "UX", assigned: [1003] });
    expect(await personGroups(sandbox, 1001)).toEqual([]);
    expect(await personGroups(sandbox, 1002)).toEqual([11]);
    expect(await personGroups(sandbox, 1003)).toEqual([10]);
  });

  it("deletes a group (204) and takes it off its members", async () => {
    const sandbox = sandboxOf(smallAccount());
    expect((await call(sandbox, "DELETE", "/groups/10")).status).toBe(204);
    await expectError(await call(sandbox, "GET", "/groups/10"), 404);
    expect(await personGroups(sandbox, 1002)).toEqual([11]);
    expect(await personGroups(sandbox, 1001)).toEqual([]);
    await expectError(await call(sandbox, "DELETE", "/groups/10"), 404);
    const created = (await (
      await call(sandbox, "POST", "/groups", { body: { name: "Again" } })
    ).json()) as Group;
    expect(created.id).toBe(12);
  });
});

describe("roles", () => {
  it("lists the account roles as {id, name, default}", async () => {
    const sandbox = sandboxOf(smallAccount());
    expect(await getJson(sandbox, "/roles")).toEqual([
      { id: ROLE.admin, name: "Admin", default: false },
      { id: ROLE.manager, name: "Manager", default: false },
      { id: ROLE.member, name: "Member", default: true },
    ]);
  });
});

describe("memberships loaded from a world", () => {
  it("serves the union when a membership is listed on one side only, and drops dangling ids", async () => {
    const state = smallAccount();
    state.people[2]!.projects = [100, 101, 999, 101]; // Cleo: 100 only on her side; 999 is nothing; 101 twice
    state.projects[1]!.assigned = [1002, 4242]; // Mobile app: Cleo only on her side; 4242 is nobody
    state.groups[1]!.assigned = [1002, 1003]; // Operations: Cleo only on the group's side
    const sandbox = sandboxOf(state);
    expect(await getJson<Project>(sandbox, "/projects/100")).toMatchObject({ assigned: [1001, 1002, 1003] });
    expect(await getJson<Project>(sandbox, "/projects/101")).toMatchObject({ assigned: [1002, 1003] });
    expect(await getJson(sandbox, "/people/1003")).toMatchObject({ projects: [100, 101], groups: [11] });
    expect(await getJson(sandbox, "/people/1001")).toMatchObject({ projects: [100], groups: [10] });
  });
});
