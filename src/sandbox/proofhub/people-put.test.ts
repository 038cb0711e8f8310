import { describe, expect, it } from "vitest";
import { ManualClock } from "../kit/clock.ts";
import type { ProofhubPerson } from "../world/types.ts";
import { call, expectError, getJson, ROLE, sandboxOf, smallAccount } from "./test-fixture.ts";

type PersonJson = ProofhubPerson;

describe("PUT /people/{id} (full replacement — the trap)", () => {
  it("clears every field the body omits", async () => {
    const clock = new ManualClock(Date.parse("2026-11-04T00:00:00Z"));
    const sandbox = sandboxOf(smallAccount(), { clock });
    // A "partial update" of Ben's last name, as a client used to PATCH would send it.
    const response = await call(sandbox, "PUT", "/people/1002", {
      body: { first_name: "Ben", last_name: "Bossman", email: "ben@acme.example" },
    });
    expect(response.status).toBe(200);
    const ben = (await response.json()) as PersonJson;
    expect(ben).toMatchObject({
      id: 1002,
      last_name: "Bossman",
      title: null,
      role: { id: ROLE.member },
      language: "en",
      timezone: 0,
      groups: [],
      projects: [],
      updated_at: "2026-11-04T00:00:00.000Z",
      created_at: "2026-01-05T09:00:00.000Z",
      verified: true,
    });
    expect(await getJson(sandbox, "/people/1002")).toEqual(ben);
  });

  it("takes the person out of the projects and groups the body left out", async () => {
    const sandbox = sandboxOf(smallAccount());
    await call(sandbox, "PUT", "/people/1002", {
      body: { first_name: "Ben", last_name: "Boss", email: "ben@acme.example", projects: [101] },
    });
    expect(await getJson(sandbox, "/projects/100")).toMatchObject({ assigned: [1001] });
    expect(await getJson(sandbox, "/projects/101")).toMatchObject({ assigned: [1002, 1003] });
    expect(await getJson(sandbox, "/groups/10")).toMatchObject({ assigned: [1001] });
    expect(await getJson(sandbox, "/groups/11")).toMatchObject({ assigned: [] });
  });

  it("reactivates a suspended person when `suspended` is omitted", async () => {
    const sandbox = sandboxOf(smallAccount());
    const response = await call(sandbox, "PUT", "/people/1004", {
      body: { first_name: "Dan", last_name: "Gone", email: "dan@acme.example", title: "Former" },
    });
    expect(((await response.json()) as PersonJson).suspended).toBe(false);
  });

  it("keeps everything when the client reads, modifies and writes back the whole person", async () => {
    const sandbox = sandboxOf(smallAccount());
    const before = await getJson<PersonJson>(sandbox, "/people/1002");
    const { role, ...rest } = before;
    const response = await call(sandbox, "PUT", "/people/1002", {
      body: { ...rest, role: String(role.id), title: "Head of design" },
    });
    expect(response.status).toBe(200);
    const after = (await response.json()) as PersonJson;
    expect(after).toEqual({ ...before, title: "Head of design", updated_at: after.updated_at });
    expect(await getJson(sandbox, "/projects/100")).toMatchObject({ assigned: [1001, 1002] });
  });

  it("suspends a person with suspended: true", async () => {
    const sandbox = sandboxOf(smallAccount());
    const cleo = await getJson<PersonJson>(sandbox, "/people/1003");
    const response = await call(sandbox, "PUT", "/people/1003", {
      body: { ...cleo, role: String(cleo.role.id), suspended: true },
    });
    expect(await response.json()).toMatchObject({ suspended: true, projects: [101] });
  });

  it("answers 422 and changes nothing when a required field is missing", async () => {
    const sandbox = sandboxOf(smallAccount());
    const before = await getJson<PersonJson>(sandbox, "/people/1002");
    const body = await expectError(
      await call(sandbox, "PUT", "/people/1002", { body: { last_name: "X", title: "Y" } }),
      422,
    );
    expect(body.fields).toEqual({ first_name: ["is required"], email: ["is required"] });
    expect(await getJson(sandbox, "/people/1002")).toEqual(before);
  });

  it("answers 422 to an e-mail another person has, but lets a person keep or re-case their own", async () => {
    const sandbox = sandboxOf(smallAccount());
    const taken = await expectError(
      await call(sandbox, "PUT", "/people/1003", {
        body: { first_name: "Cleo", last_name: "Coder", email: "BEN@acme.example" },
      }),
      422,
    );
    expect(taken.fields).toEqual({ email: ["has already been taken"] });
    const own = await call(sandbox, "PUT", "/people/1003", {
      body: { first_name: "Cleo", last_name: "Coder", email: "Cleo@Acme.example" },
    });
    expect(own.status).toBe(200);
  });

  it("moves the e-mail index with a changed address", async () => {
    const sandbox = sandboxOf(smallAccount());
    await call(sandbox, "PUT", "/people/1003", {
      body: { first_name: "Cleo", last_name: "Coder", email: "cleo.coder@acme.example" },
    });
    const reuse = await call(sandbox, "POST", "/people", {
      body: { first_name: "Other", last_name: "Cleo", email: "cleo@acme.example" },
    });
    expect(reuse.status).toBe(201);
    const clash = await call(sandbox, "POST", "/people", {
      body: { first_name: "Other", last_name: "Cleo", email: "cleo.coder@acme.example" },
    });
    await expectError(clash, 422);
  });

  it("answers 404 for an unknown person, before reading the body", async () => {
    const sandbox = sandboxOf(smallAccount());
    await expectError(await call(sandbox, "PUT", "/people/999", { body: "{" }), 404);
  });
});
