import { describe, expect, it } from "vitest";
import {
  getJson,
  largePodioState,
  MEMBER_LOGIN,
  ORG_ID,
  passwordGrant,
  readJson,
  send,
  smallSandbox,
} from "./fixture.ts";
import type { OrgMemberView } from "./views.ts";

interface SpaceMember {
  user: { user_id: number; mail: string; status: string };
  profile: { profile_id: number; name: string };
  role: string;
  employee: boolean;
}

async function session(options: Parameters<typeof smallSandbox>[0] = {}) {
  const sandbox = smallSandbox(options);
  const admin = (await passwordGrant(sandbox)).access_token;
  const gus = (await passwordGrant(sandbox, MEMBER_LOGIN)).access_token;
  const spaceMembers = async (spaceId: number, token = admin) => {
    const res = await getJson(sandbox, `/space/${spaceId}/member/`, token);
    return (res.body as SpaceMember[]).map((m) => [m.user.user_id, m.role] as const);
  };
  return { sandbox, admin, gus, spaceMembers };
}

describe("GET /org/{org_id}/space/ and /space/{space_id}", () => {
  it("org admins see every space; members see their own, with their role", async () => {
    const { sandbox, admin, gus } = await session();
    const all = await getJson(sandbox, `/org/${ORG_ID}/space/`, admin);
    expect(all.status).toBe(200);
    expect(all.body).toEqual([
      {
        space_id: 10,
        name: "Engineering",
        url: "https://podio.com/northwind-traders/engineering",
        url_label: "engineering",
        org_id: ORG_ID,
        privacy: "closed",
        role: "admin",
      },
      expect.objectContaining({ space_id: 11, url_label: "sales-partners", role: null }),
    ]);
    const own = await getJson(sandbox, `/org/${ORG_ID}/space/`, gus);
    expect(own.body).toEqual([expect.objectContaining({ space_id: 11, role: "regular" })]);
    expect((await getJson(sandbox, "/org/5/space/", admin)).status).toBe(404);
  });

  it("one space; 404 for an unknown space, 403 for a member outside it", async () => {
    const { sandbox, admin, gus } = await session();
    expect((await getJson(sandbox, "/space/11", gus)).body).toMatchObject({
      space_id: 11,
      name: "Sales & Partners",
    });
    const missing = await getJson(sandbox, "/space/99", admin);
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ error: "not_found" });
    const outside = await getJson(sandbox, "/space/10", gus);
    expect(outside.status).toBe(403);
    expect(outside.body).toMatchObject({ error: "forbidden" });
  });
});

describe("space member lists", () => {
  it("GET /space/{id}/member/ answers every member as a bare array", async () => {
    const { sandbox, admin } = await session();
    const res = await getJson(sandbox, "/space/10/member/", admin);
    expect(res.status).toBe(200);
    expect(res.body).toEqual([
      {
        user: {
          user_id: 1,
          mail: "ada@northwind.example",
          status: "active",
          created_on: "2024-01-15 08:00:00",
        },
        profile: expect.objectContaining({ profile_id: 1001, name: "Ada Admin" }),
        role: "admin",
        employee: true,
      },
      expect.objectContaining({ user: expect.objectContaining({ user_id: 2 }), role: "regular" }),
      expect.objectContaining({ user: expect.objectContaining({ user_id: 3 }), role: "light" }),
    ]);
  });

  it("GET /space/{id}/member/v2/ pages with limit (default 100) and offset", async () => {
    const { sandbox, admin } = await session({ state: largePodioState(300) });
    const page = async (query: string) => {
      const res = await getJson(sandbox, `/space/10/member/v2/${query}`, admin);
      const ids = Array.isArray(res.body) ? (res.body as SpaceMember[]).map((m) => m.user.user_id) : [];
      return { status: res.status, ids };
    };
    // The space has 250 members.
    expect((await page("")).ids).toHaveLength(100);
    expect((await page("?offset=200")).ids).toEqual(Array.from({ length: 50 }, (_, i) => 201 + i));
    expect((await page("?limit=50&offset=200")).ids).toHaveLength(50);
    expect((await page("?limit=50&offset=250")).ids).toEqual([]);
    expect((await page("?limit=125&offset=0")).status).toBe(400);
    expect((await page("?offset=x")).status).toBe(400);
  });
});

describe("POST /space/{id}/member/", () => {
  it("adds org members by user id and by profile id (204)", async () => {
    const { sandbox, admin, spaceMembers } = await session();
    const res = await send(sandbox, "POST", "/space/10/member/", admin, {
      role: "regular",
      users: [7],
      profiles: [1005],
    });
    expect(res.status).toBe(204);
    expect(await spaceMembers(10)).toEqual([
      [1, "admin"],
      [2, "regular"],
      [3, "light"],
      [7, "regular"],
      [5, "regular"],
    ]);
    const gus = await getJson(sandbox, `/org/${ORG_ID}/member/7`, admin);
    expect((gus.body as OrgMemberView).space_memberships).toBe(2);
    expect(sandbox.ctx.invitations).toEqual([]);
  });

  it("invites unknown mails: an invitation is recorded and an invited org member appears", async () => {
    const { sandbox, admin, spaceMembers } = await session();
    const res = await send(sandbox, "POST", "/space/11/member/", admin, {
      role: "light",
      mails: ["New.Hire@northwind.example", "vendor@outside.example"],
      message: "Welcome!",
    });
    expect(res.status).toBe(204);
    expect(sandbox.ctx.invitations).toEqual([
      expect.objectContaining({
        to: "new.hire@northwind.example",
        kind: "space-invite",
        details: expect.objectContaining({ space_id: 11, role: "light", invited_by: 1, message: "Welcome!" }),
      }),
      expect.objectContaining({ to: "vendor@outside.example" }),
    ]);
    const list = await getJson(sandbox, `/org/${ORG_ID}/member/?query=new.hire`, admin);
    expect(list.body).toEqual([
      expect.objectContaining({
        user: expect.objectContaining({ mail: "new.hire@northwind.example", status: "invited" }),
        profile: expect.objectContaining({ last_seen_on: null }),
        employee: true,
        role: "light",
        space_memberships: 1,
      }),
    ]);
    const vendor = await getJson(sandbox, `/org/${ORG_ID}/member/?query=vendor`, admin);
    expect((vendor.body as OrgMemberView[])[0]?.employee).toBe(false);
    expect((await spaceMembers(11)).map(([id]) => id)).toHaveLength(5);
  });

  it("a mail of an existing org member adds that member (no new account)", async () => {
    const { sandbox, admin, spaceMembers } = await session();
    expect(
      (
        await send(sandbox, "POST", "/space/10/member/", admin, {
          role: "regular",
          mails: ["GUS@northwind.example"],
        })
      ).status,
    ).toBe(204);
    expect(await spaceMembers(10)).toContainEqual([7, "regular"]);
    expect(sandbox.state.snapshot().members).toHaveLength(7);
  });

  it("adding someone already in the space keeps their role", async () => {
    const { sandbox, admin, spaceMembers } = await session();
    expect(
      (await send(sandbox, "POST", "/space/10/member/", admin, { role: "light", users: [1] })).status,
    ).toBe(204);
    expect(await spaceMembers(10)).toContainEqual([1, "admin"]);
  });

  it("rejects non-members, bad roles, bad mails, empty requests and bad JSON with 400 — and changes nothing", async () => {
    const { sandbox, admin, spaceMembers } = await session();
    const before = await spaceMembers(10);
    const cases: [unknown, string][] = [
      [{ role: "regular", users: [7, 999] }, "invalid_value"],
      [{ role: "regular", profiles: [9999] }, "invalid_value"],
      [{ role: "owner", users: [7] }, "invalid_value"],
      [{ users: [7] }, "invalid_value"],
      [{ role: "regular", mails: ["not-a-mail"] }, "invalid_value"],
      [{ role: "regular", users: ["7"] }, "invalid_value"],
      [{ role: "regular" }, "invalid_value"],
      ["{oops", "bad_request"],
      ["", "invalid_value"],
    ];
    for (const [body, error] of cases) {
      const res = await send(sandbox, "POST", "/space/10/member/", admin, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(await readJson(res)).toMatchObject({ error, request: { method: "POST" } });
    }
    expect(await spaceMembers(10)).toEqual(before);
    expect(sandbox.ctx.invitations).toEqual([]);
  });

  it("needs a space admin or org admin (403)", async () => {
    const { sandbox, gus, spaceMembers } = await session();
    const res = await send(sandbox, "POST", "/space/11/member/", gus, { role: "regular", users: [3] });
    expect(res.status).toBe(403);
    expect((await spaceMembers(11)).map(([id]) => id)).not.toContain(3);
  });
});

describe("PUT and DELETE /space/{id}/member/{user_ids}", () => {
  it("PUT changes the role of one or several members (204)", async () => {
    const { sandbox, admin, spaceMembers } = await session();
    expect((await send(sandbox, "PUT", "/space/10/member/2,3", admin, { role: "admin" })).status).toBe(204);
    expect(await spaceMembers(10)).toEqual([
      [1, "admin"],
      [2, "admin"],
      [3, "admin"],
    ]);
  });

  it("PUT: 404 when an id is not in the space, 400 for a bad role, 404 for a malformed id list", async () => {
    const { sandbox, admin, spaceMembers } = await session();
    const notInSpace = await send(sandbox, "PUT", "/space/10/member/2,7", admin, { role: "light" });
    expect(notInSpace.status).toBe(404);
    expect(await spaceMembers(10)).toContainEqual([2, "regular"]);
    expect((await send(sandbox, "PUT", "/space/10/member/2", admin, { role: "boss" })).status).toBe(400);
    expect((await send(sandbox, "PUT", "/space/10/member/2,", admin, { role: "light" })).status).toBe(404);
  });

  it("DELETE ends space memberships (204); ids not in the space are ignored; the org membership stays", async () => {
    const { sandbox, admin, spaceMembers } = await session();
    expect((await send(sandbox, "DELETE", "/space/10/member/2,3,7", admin)).status).toBe(204);
    expect(await spaceMembers(10)).toEqual([[1, "admin"]]);
    const bob = await getJson(sandbox, `/org/${ORG_ID}/member/2`, admin);
    expect(bob.status).toBe(200);
    expect((bob.body as OrgMemberView).space_memberships).toBe(1);
  });

  it("a space admin who is not an org admin may manage that space only", async () => {
    const sandbox = smallSandbox({ logins: [{ username: "bob@northwind.example", password: "bob-pass" }] });
    const bob = (await passwordGrant(sandbox, { username: "bob@northwind.example", password: "bob-pass" }))
      .access_token;
    expect((await send(sandbox, "PUT", "/space/11/member/7", bob, { role: "admin" })).status).toBe(204);
    expect((await send(sandbox, "DELETE", "/space/10/member/3", bob)).status).toBe(403);
    // Bob is not an org admin: the org member list stays closed to him.
    expect((await getJson(sandbox, `/org/${ORG_ID}/member/`, bob)).status).toBe(403);
  });
});
