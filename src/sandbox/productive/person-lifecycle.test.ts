import { describe, expect, it } from "vitest";
import { DOC_401, DOC_404, get, ids, one, patch, sandbox } from "./test-fixture.ts";

const now = (box: ReturnType<typeof sandbox>) => new Date(box.clock.now()).toISOString();

describe("PATCH /api/v2/people/{id}/deactivate and /activate", () => {
  it("deactivate sets deactivated_at and moves the person to filter[status]=2; activate undoes it", async () => {
    const box = sandbox();
    const res = await patch(box, "/people/2836/deactivate");
    expect(res.status).toBe(200);
    expect(one(res).attributes.deactivated_at).toBe(now(box));
    expect(ids(await get(box, "/people?filter[status]=2"))).toEqual(["2836", "2837", "2841"]);
    expect(ids(await get(box, "/people?filter[status]=1"))).not.toContain("2836");

    box.clock.advance(1000);
    const activated = await patch(box, "/people/2836/activate");
    expect(activated.status).toBe(200);
    expect(one(activated).attributes.deactivated_at).toBeNull();
    expect(ids(await get(box, "/people?filter[status]=1"))).toContain("2836");
  });

  it("refuses to deactivate twice and to activate an active person (422)", async () => {
    const box = sandbox();
    const twice = await patch(box, "/people/2837/deactivate");
    expect(twice.status).toBe(422);
    expect(twice.body.errors?.[0]).toMatchObject({
      status: "422",
      code: "invalid_attribute",
      source: { pointer: "data/attributes/deactivated_at" },
    });
    expect(box.state.person("2837")?.deactivated_at).toBe("2026-09-01T10:00:00.000Z");
    const active = await patch(box, "/people/2836/activate");
    expect(active.status).toBe(422);
    expect(active.body.errors?.[0]?.source).toEqual({ pointer: "data/attributes/deactivated_at" });
  });

  it("refuses to activate an archived person until restored", async () => {
    const box = sandbox();
    const res = await patch(box, "/people/2841/activate");
    expect(res.status).toBe(422);
    expect(res.body.errors?.[0]?.source).toEqual({ pointer: "data/attributes/archived_at" });
    expect((await patch(box, "/people/2841/restore")).status).toBe(200);
    expect((await patch(box, "/people/2841/activate")).status).toBe(200);
    expect(box.state.person("2841")).toMatchObject({ archived_at: null, deactivated_at: null });
  });
});

describe("PATCH /api/v2/people/{id}/archive and /restore", () => {
  it("archive sets archived_at, restore clears it; each refuses to run twice", async () => {
    const box = sandbox();
    const archived = await patch(box, "/people/2839/archive");
    expect(archived.status).toBe(200);
    expect(one(archived).attributes.archived_at).toBe(now(box));
    expect((await patch(box, "/people/2839/archive")).status).toBe(422);
    const restored = await patch(box, "/people/2839/restore");
    expect(one(restored).attributes.archived_at).toBeNull();
    const again = await patch(box, "/people/2839/restore");
    expect(again.status).toBe(422);
    expect(again.body.errors?.[0]?.source).toEqual({ pointer: "data/attributes/archived_at" });
  });
});

describe("PATCH /api/v2/people/{id}/invite and /resend", () => {
  it("invite sends the invitation and stamps invited_at", async () => {
    const box = sandbox();
    box.clock.advance(5000);
    const res = await patch(box, "/people/2838/invite");
    expect(res.status).toBe(200);
    expect(one(res).attributes.invited_at).toBe(now(box));
    expect(box.ctx.invitations).toEqual([
      {
        at: now(box),
        to: "Dan@Acme.test",
        kind: "invitation",
        details: { personId: "2838", organizationId: "913" },
      },
    ]);
  });

  it("resend re-sends a pending invitation", async () => {
    const box = sandbox();
    const res = await patch(box, "/people/2838/resend");
    expect(res.status).toBe(200);
    expect(box.ctx.invitations.map((i) => [i.to, i.kind])).toEqual([["Dan@Acme.test", "invitation-resend"]]);
  });

  it.each([
    ["invite", "2836", "joined_at"],
    ["resend", "2836", "joined_at"],
    ["invite", "2839", "person_type"],
    ["invite", "2840", "person_type"],
    ["resend", "2839", "invited_at"],
  ])("%s of person %s → 422 on %s, no e-mail", async (action, id, attribute) => {
    const box = sandbox();
    const res = await patch(box, `/people/${id}/${action}`);
    expect(res.status).toBe(422);
    expect(res.body.errors?.[0]?.source).toEqual({ pointer: `data/attributes/${attribute}` });
    expect(box.ctx.invitations).toEqual([]);
  });

  it("refuses to invite a deactivated or archived pending person", async () => {
    const box = sandbox();
    await patch(box, "/people/2838/deactivate");
    const res = await patch(box, "/people/2838/invite");
    expect(res.status).toBe(422);
    expect(res.body.errors?.[0]?.source).toEqual({ pointer: "data/attributes/deactivated_at" });
    await patch(box, "/people/2838/activate");
    await patch(box, "/people/2838/archive");
    expect((await patch(box, "/people/2838/resend")).body.errors?.[0]?.source).toEqual({
      pointer: "data/attributes/archived_at",
    });
  });
});

describe("lifecycle actions: common rules", () => {
  it.each(["deactivate", "activate", "archive", "restore", "invite", "resend"])(
    "%s of an unknown person → the doc's 404",
    async (action) => {
      const res = await patch(sandbox(), `/people/9999/${action}`);
      expect(res.status).toBe(404);
      expect(res.body).toEqual(DOC_404);
    },
  );

  it.each(["deactivate", "archive", "invite"])("%s needs the JSON:API content type (415)", async (action) => {
    const box = sandbox();
    const res = await patch(box, `/people/2838/${action}`, undefined, { headers: { "Content-Type": null } });
    expect(res.status).toBe(415);
    expect(box.state.person("2838")).toMatchObject({ deactivated_at: null, archived_at: null });
  });

  it("needs the organization header", async () => {
    const res = await patch(sandbox(), "/people/2836/deactivate", undefined, {
      headers: { "X-Organization-Id": null },
    });
    expect(res.status).toBe(401);
  });
});

describe("the token owner", () => {
  it("deactivating the person who owns the token kills the token for every later call", async () => {
    const box = sandbox(undefined, { tokenOwnerPersonId: "2835" });
    const res = await patch(box, "/people/2835/deactivate");
    expect(res.status).toBe(200);
    expect(box.state.tokenRevoked).toBe(true);
    for (const path of ["/people", "/users", "/people/2835"]) {
      const after = await get(box, path);
      expect(after.status).toBe(401);
      expect(after.body).toEqual(DOC_401);
    }
    expect((await patch(box, "/people/2835/activate")).status).toBe(401);
    expect(box.state.person("2835")?.deactivated_at).not.toBeNull();
  });

  it("archiving the owner kills the token too; other people's deactivation does not", async () => {
    const box = sandbox(undefined, { tokenOwnerPersonId: "2835" });
    expect((await patch(box, "/people/2836/deactivate")).status).toBe(200);
    expect((await get(box, "/people")).status).toBe(200);
    expect((await patch(box, "/people/2835/archive")).status).toBe(200);
    expect((await get(box, "/people")).status).toBe(401);
  });

  it("has no owner by default: deactivating anyone leaves the token alive", async () => {
    const box = sandbox();
    await patch(box, "/people/2835/deactivate");
    expect((await get(box, "/people")).status).toBe(200);
  });

  it("refuses an owner id that is not a person", () => {
    expect(() => sandbox(undefined, { tokenOwnerPersonId: "1" })).toThrow(/tokenOwnerPersonId/);
  });
});
