import { describe, expect, it } from "vitest";
import { ManualClock } from "../kit/clock.ts";
import type { ProofhubPerson } from "../world/types.ts";
import { call, expectError, getJson, ROLE, sandboxOf, smallAccount } from "./test-fixture.ts";

type PersonJson = ProofhubPerson;
const newcomer = {
  first_name: "Finn",
  last_name: "Fresh",
  email: "finn@acme.example",
  role: "2",
  language: "fr",
};

describe("GET /people/{id}", () => {
  it("returns the person in the v3 shape", async () => {
    const sandbox = sandboxOf(smallAccount());
    const ben = await getJson<PersonJson>(sandbox, "/people/1002");
    expect(ben).toEqual({
      id: 1002,
      first_name: "Ben",
      last_name: "Boss",
      title: "Team lead",
      email: "ben@acme.example",
      role: { id: ROLE.manager },
      groups: [10, 11],
      timezone: 8,
      language: "de",
      suspended: false,
      verified: true,
      last_active: "2026-10-30T12:00:00.000Z",
      created_at: "2026-01-05T09:00:00.000Z",
      updated_at: "2026-01-05T09:00:00.000Z",
      projects: [100, 101],
    });
  });

  it("shows suspended and invited people as such", async () => {
    const sandbox = sandboxOf(smallAccount());
    expect(await getJson(sandbox, "/people/1004")).toMatchObject({ suspended: true, verified: true });
    expect(await getJson(sandbox, "/people/1005")).toMatchObject({ verified: false, last_active: null });
  });

  it("answers 404 for an unknown id", async () => {
    await expectError(await call(sandboxOf(smallAccount()), "GET", "/people/999"), 404);
  });

  it("does not let callers mutate the sandbox through the state they passed in", async () => {
    const state = smallAccount();
    const sandbox = sandboxOf(state);
    await call(sandbox, "DELETE", "/people/1003");
    await call(sandbox, "PUT", "/projects/100", { body: { assigned: [] } });
    expect(state.people).toHaveLength(5);
    expect(state.projects[0]!.assigned).toEqual([1001, 1002]);
    expect(state.people[1]!.projects).toEqual([100, 101]);
  });
});

describe("POST /people", () => {
  it("creates an invited person, answers 201 and sends the invitation e-mail", async () => {
    const clock = new ManualClock(Date.parse("2026-11-02T10:00:00Z"));
    const sandbox = sandboxOf(smallAccount(), { clock });
    const response = await call(sandbox, "POST", "/people", { body: newcomer });
    expect(response.status).toBe(201);
    const created = (await response.json()) as PersonJson;
    expect(created).toMatchObject({
      id: 1006,
      first_name: "Finn",
      last_name: "Fresh",
      email: "finn@acme.example",
      role: { id: ROLE.manager },
      language: "fr",
      title: null,
      suspended: false,
      verified: false,
      last_active: null,
      groups: [],
      projects: [],
      created_at: "2026-11-02T10:00:00.000Z",
    });
    expect(sandbox.ctx.invitations).toEqual([
      {
        at: "2026-11-02T10:00:00.000Z",
        to: "finn@acme.example",
        kind: "invitation",
        details: { personId: 1006, roleId: ROLE.manager },
      },
    ]);
    expect(await getJson(sandbox, "/people/1006")).toEqual(created);
    const invitations = await getJson<{ invitations: unknown[] }>(sandbox, "/_sandbox/invitations");
    expect(invitations.invitations).toHaveLength(1);
  });

  it("gives the default role when none is sent and accepts a numeric role id", async () => {
    const sandbox = sandboxOf(smallAccount());
    const { role: _role, ...withoutRole } = newcomer;
    const plain = await call(sandbox, "POST", "/people", { body: withoutRole });
    expect(((await plain.json()) as PersonJson).role.id).toBe(ROLE.member);
    const numeric = await call(sandbox, "POST", "/people", {
      body: { ...newcomer, email: "n@acme.example", role: 1 },
    });
    expect(((await numeric.json()) as PersonJson).role.id).toBe(ROLE.admin);
  });

  it("puts the new person in the projects and groups sent, on both sides", async () => {
    const sandbox = sandboxOf(smallAccount());
    const response = await call(sandbox, "POST", "/people", {
      body: { ...newcomer, projects: [100, "101"], groups: [11] },
    });
    const created = (await response.json()) as PersonJson;
    expect(created).toMatchObject({ projects: [100, 101], groups: [11] });
    expect(await getJson(sandbox, "/projects/101")).toMatchObject({ assigned: [1002, 1003, created.id] });
    expect(await getJson(sandbox, "/groups/11")).toMatchObject({ assigned: [1002, created.id] });
  });

  it("answers 422 to a duplicate e-mail, compared without case, and sends nothing", async () => {
    const sandbox = sandboxOf(smallAccount());
    const response = await call(sandbox, "POST", "/people", {
      body: { ...newcomer, email: "Cleo@ACME.example" },
    });
    const body = await expectError(response, 422);
    expect(body.fields).toEqual({ email: ["has already been taken"] });
    expect(sandbox.ctx.invitations).toHaveLength(0);
    expect(sandbox.state.people.size).toBe(5);
  });

  it("answers 422 naming each missing or invalid field", async () => {
    const sandbox = sandboxOf(smallAccount());
    const empty = await expectError(await call(sandbox, "POST", "/people", { body: {} }), 422);
    expect(empty.fields).toEqual({
      first_name: ["is required"],
      last_name: ["is required"],
      email: ["is required"],
    });
    const invalid = await expectError(
      await call(sandbox, "POST", "/people", {
        body: {
          first_name: " ",
          last_name: 7,
          email: "not-an-email",
          role: "admin",
          suspended: "no",
          projects: 5,
        },
      }),
      422,
    );
    expect(Object.keys(invalid.fields ?? {}).sort()).toEqual([
      "email",
      "first_name",
      "last_name",
      "projects",
      "role",
      "suspended",
    ]);
    expect(sandbox.ctx.invitations).toHaveLength(0);
  });

  it("answers 422 to unknown role, project and group ids", async () => {
    const sandbox = sandboxOf(smallAccount());
    const body = await expectError(
      await call(sandbox, "POST", "/people", {
        body: { ...newcomer, role: "99", projects: [100, 555], groups: [77] },
      }),
      422,
    );
    expect(body.fields).toEqual({
      role: ["does not exist"],
      projects: ["unknown project ids: 555"],
      groups: ["unknown group ids: 77"],
    });
    expect((await getJson<unknown[]>(sandbox, "/people")).length).toBe(5);
  });
});

describe("DELETE /people/{id}", () => {
  it("removes the person for good, from every project and group", async () => {
    const sandbox = sandboxOf(smallAccount());
    const response = await call(sandbox, "DELETE", "/people/1002");
    expect(response.status).toBe(204);
    expect(await response.text()).toBe("");
    await expectError(await call(sandbox, "GET", "/people/1002"), 404);
    expect(await getJson(sandbox, "/projects/100")).toMatchObject({ assigned: [1001] });
    expect(await getJson(sandbox, "/projects/101")).toMatchObject({ assigned: [1003] });
    expect(await getJson(sandbox, "/groups/10")).toMatchObject({ assigned: [1001] });
    expect(await getJson(sandbox, "/groups/11")).toMatchObject({ assigned: [] });
    const ids = (await getJson<PersonJson[]>(sandbox, "/people")).map((p) => p.id);
    expect(ids).toEqual([1001, 1003, 1004, 1005]);
    await expectError(await call(sandbox, "DELETE", "/people/1002"), 404);
  });

  it("never reuses the id of a deleted person, and frees the e-mail", async () => {
    const sandbox = sandboxOf(smallAccount());
    await call(sandbox, "DELETE", "/people/1005");
    const response = await call(sandbox, "POST", "/people", {
      body: { ...newcomer, email: "eve@acme.example" },
    });
    expect(response.status).toBe(201);
    expect(((await response.json()) as PersonJson).id).toBe(1006);
  });

  it("answers 404 for unknown and non-numeric ids", async () => {
    const sandbox = sandboxOf(smallAccount());
    await expectError(await call(sandbox, "DELETE", "/people/4242"), 404);
    await expectError(await call(sandbox, "DELETE", "/people/ben"), 404);
  });
});

describe("invitation acceptance (sandbox control)", () => {
  it("marks an invited person verified and active", async () => {
    const clock = new ManualClock(Date.parse("2026-11-03T08:00:00Z"));
    const sandbox = sandboxOf(smallAccount(), { clock });
    const created = (await (await call(sandbox, "POST", "/people", { body: newcomer })).json()) as PersonJson;
    clock.advance(60_000);
    const accepted = await call(sandbox, "POST", `/_sandbox/people/${created.id}/accept`);
    expect(accepted.status).toBe(200);
    expect(await getJson(sandbox, `/people/${created.id}`)).toMatchObject({
      verified: true,
      last_active: "2026-11-03T08:01:00.000Z",
    });
    await expectError(await call(sandbox, "POST", "/_sandbox/people/9999/accept"), 404);
  });
});
