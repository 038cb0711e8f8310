import { describe, expect, it } from "vitest";
import {
  getJson,
  largePodioState,
  MEMBER_LOGIN,
  ORG_ID,
  passwordGrant,
  readJson,
  send,
  smallPodioState,
  smallSandbox,
} from "./fixture.ts";
import type { OrgMemberView } from "./views.ts";

const members = `/org/${ORG_ID}/member/`;

async function adminSession(options: Parameters<typeof smallSandbox>[0] = {}) {
  const sandbox = smallSandbox(options);
  const { access_token } = await passwordGrant(sandbox);
  const list = async (query = "") => {
    const res = await getJson(sandbox, `${members}${query}`, access_token);
    return { ...res, items: res.body as OrgMemberView[] };
  };
  return { sandbox, token: access_token, list };
}

const ids = (items: OrgMemberView[]) => items.map((m) => m.user.user_id);

describe("GET /org/{org_id}/member/", () => {
  it("answers a bare array of Podio org members, invited and inactive included", async () => {
    const { list } = await adminSession();
    const { status, body, items } = await list();
    expect(status).toBe(200);
    expect(Array.isArray(body)).toBe(true);
    expect(items).toHaveLength(7);
    expect(items[0]).toEqual({
      user: {
        user_id: 1,
        mail: "ada@northwind.example",
        status: "active",
        created_on: "2024-01-15 08:00:00",
      },
      profile: {
        profile_id: 1001,
        user_id: 1,
        name: "Ada Admin",
        mail: ["ada@northwind.example", "ada.admin@northwind.example"],
        last_seen_on: "2026-10-11 09:00:00",
      },
      employee: true,
      role: "admin",
      space_memberships: 1,
    });
    const byId = new Map(items.map((m) => [m.user.user_id, m]));
    expect(byId.get(4)).toMatchObject({ user: { status: "invited" }, profile: { last_seen_on: null } });
    expect(byId.get(6)?.user.status).toBe("inactive");
    expect(byId.get(2)?.space_memberships).toBe(2);
    expect(byId.get(5)?.employee).toBe(false);
  });

  it("is only served with the trailing slash", async () => {
    const { sandbox, token } = await adminSession();
    const res = await getJson(sandbox, `/org/${ORG_ID}/member`, token);
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ error: "not_found" });
  });

  it("sorts by name (default) or last_seen_on, ascending or with sort_desc", async () => {
    const { list } = await adminSession();
    expect(ids((await list()).items)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(ids((await list("?sort_desc=true")).items)).toEqual([7, 6, 5, 4, 3, 2, 1]);
    // Never-seen members (Dee, 4) sort last ascending.
    expect(ids((await list("?sort_by=last_seen_on")).items)).toEqual([1, 2, 3, 5, 6, 7, 4]);
    expect(ids((await list("?sort_by=last_seen_on&sort_desc=1")).items)).toEqual([4, 7, 6, 5, 3, 2, 1]);
  });

  it("filters with query (name or any mail) and member_type", async () => {
    const { list } = await adminSession();
    expect(ids((await list("?query=bob")).items)).toEqual([2]);
    expect(ids((await list("?query=ADA.ADMIN")).items)).toEqual([1]);
    expect(ids((await list("?query=partner.example")).items)).toEqual([5]);
    expect(ids((await list("?member_type=admin")).items)).toEqual([1]);
    expect(ids((await list("?member_type=light")).items)).toEqual([3]);
    expect(ids((await list("?member_type=external")).items)).toEqual([5]);
    expect(ids((await list("?member_type=regular&limit=2&offset=1")).items)).toEqual([4, 5]);
    expect((await list("?query=nobody-matches")).items).toEqual([]);
  });

  it("rejects bad paging and sorting parameters with 400 invalid_value", async () => {
    const { list } = await adminSession();
    for (const query of [
      "?limit=abc",
      "?limit=0",
      "?limit=101",
      "?limit=1.5",
      "?offset=-1",
      "?offset=",
      "?sort_by=mail",
      "?sort_desc=maybe",
      "?member_type=owner",
    ]) {
      const res = await list(query);
      expect(res.status, query).toBe(400);
      expect(res.body, query).toMatchObject({
        error: "invalid_value",
        error_description: expect.any(String),
        error_propagate: false,
        request: { method: "GET", query_string: query.slice(1) },
      });
    }
  });

  it("needs an org admin: a regular member gets 403, an unknown org 404", async () => {
    const { sandbox, list } = await adminSession();
    const member = await passwordGrant(sandbox, MEMBER_LOGIN);
    const res = await getJson(sandbox, members, member.access_token);
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ error: "forbidden" });
    const other = await getJson(sandbox, "/org/999/member/", member.access_token);
    expect(other.status).toBe(404);
    expect((await list()).status).toBe(200);
  });

  it("a login that is not an org member gets 403", async () => {
    const sandbox = smallSandbox({ logins: [{ username: "stranger@else.example", password: "p" }] });
    const { access_token, ref } = await passwordGrant(sandbox, {
      username: "stranger@else.example",
      password: "p",
    });
    expect(ref.type).toBe("user");
    expect(sandbox.state.member(ref.id)).toBeUndefined();
    expect((await getJson(sandbox, members, access_token)).status).toBe(403);
  });
});

describe("paging edges (limit / offset)", () => {
  it("defaults to 20 per page; 40 members page as 20, 20, then an empty page", async () => {
    const { list } = await adminSession({ state: largePodioState(40) });
    const first = await list();
    expect(first.items).toHaveLength(20);
    expect(ids(first.items)[0]).toBe(1);
    const second = await list("?offset=20");
    expect(ids(second.items)).toEqual(Array.from({ length: 20 }, (_, i) => 21 + i));
    const third = await list("?offset=40");
    expect(third.status).toBe(200);
    expect(third.items).toEqual([]);
  });

  it("the last page is short; an offset past the end is empty; limit up to maxLimit", async () => {
    const { list } = await adminSession({ state: largePodioState(250) });
    const page = async (offset: number) => (await list(`?limit=100&offset=${offset}`)).items;
    const seen = [...(await page(0)), ...(await page(100)), ...(await page(200))];
    expect(seen).toHaveLength(250);
    expect(new Set(ids(seen)).size).toBe(250);
    expect((await page(200)).length).toBe(50);
    expect(await page(1000)).toEqual([]);
  });

  it("an empty org answers []", async () => {
    const state = smallPodioState();
    // Only the admin remains, and a query that matches nobody leaves an empty page.
    state.members = state.members.slice(0, 1);
    state.spaces = [];
    const { list } = await adminSession({ state });
    expect((await list("?offset=1")).items).toEqual([]);
    expect((await list("?member_type=light")).items).toEqual([]);
  });

  it("maxLimit and the default page size are options", async () => {
    const { list } = await adminSession({
      state: largePodioState(30),
      maxLimit: 10,
      orgMemberDefaultLimit: 5,
    });
    expect((await list()).items).toHaveLength(5);
    expect((await list("?limit=10")).items).toHaveLength(10);
    expect((await list("?limit=11")).status).toBe(400);
  });

  it("descending pages of the last_seen_on order walk the same members backwards", async () => {
    const { list } = await adminSession({ state: largePodioState(45) });
    // last_seen_on falls with the user id, so ascending last_seen_on is 45 ... 1.
    const asc = ids((await list("?sort_by=last_seen_on&limit=50")).items);
    expect(asc[0]).toBe(45);
    const desc = [
      ...ids((await list("?sort_by=last_seen_on&sort_desc=true&limit=20")).items),
      ...ids((await list("?sort_by=last_seen_on&sort_desc=true&limit=20&offset=20")).items),
      ...ids((await list("?sort_by=last_seen_on&sort_desc=true&limit=20&offset=40")).items),
    ];
    expect(desc).toEqual([...asc].reverse());
  });
});

describe("GET /org/{org_id}/member/{user_id}", () => {
  it("adds tier and spaces", async () => {
    const { sandbox, token } = await adminSession();
    const res = await getJson(sandbox, `${members}2`, token);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      user: { user_id: 2 },
      role: "regular",
      tier: "full",
      space_memberships: 2,
      spaces: [
        { space_id: 10, name: "Engineering", role: "regular" },
        { space_id: 11, name: "Sales & Partners", role: "admin" },
      ],
    });
    expect((await getJson(sandbox, `${members}3`, token)).body).toMatchObject({
      tier: "light",
      spaces: [{ role: "light" }],
    });
  });

  it("404 for someone not in the org, 404 routing miss for a non-numeric id", async () => {
    const { sandbox, token } = await adminSession();
    const missing = await getJson(sandbox, `${members}999`, token);
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ error: "not_found", error_description: "Object not found" });
    const bad = await getJson(sandbox, `${members}abc`, token);
    expect(bad.status).toBe(404);
    expect(bad.body).toMatchObject({
      error: "not_found",
      error_description: expect.stringContaining("No matching operation"),
    });
  });
});

describe("DELETE /org/{org_id}/member/{user_id}", () => {
  it("ends the membership and every space membership; afterwards GET is 404", async () => {
    const { sandbox, token, list } = await adminSession();
    const res = await send(sandbox, "DELETE", `${members}2`, token);
    expect(res.status).toBe(204);
    expect(await res.text()).toBe("");
    expect((await getJson(sandbox, `${members}2`, token)).status).toBe(404);
    expect(ids((await list()).items)).not.toContain(2);
    const engineering = (await getJson(sandbox, "/space/10/member/", token)).body as {
      user: { user_id: number };
    }[];
    expect(engineering.map((m) => m.user.user_id)).toEqual([1, 3]);
    expect(sandbox.state.member(2)).toBeUndefined();
    // Irreversible: a second delete is 404, not 204.
    expect((await send(sandbox, "DELETE", `${members}2`, token)).status).toBe(404);
  });

  it("refuses to remove the last admin (403), allows it once another admin exists", async () => {
    const state = smallPodioState();
    const { sandbox, token } = await adminSession({ state });
    const last = await send(sandbox, "DELETE", `${members}1`, token);
    expect(last.status).toBe(403);
    expect(await readJson(last)).toMatchObject({
      error: "forbidden",
      error_description: expect.stringContaining("last administrator"),
    });
    expect(sandbox.state.member(1)).toBeDefined();

    const twoAdmins = smallPodioState();
    twoAdmins.members[1]!.role = "admin";
    const second = await adminSession({ state: twoAdmins });
    expect((await send(second.sandbox, "DELETE", `${members}1`, second.token)).status).toBe(204);
    // The caller removed itself: its token still works, but it is no longer an org admin.
    expect((await second.list()).status).toBe(403);
  });

  it("an invited admin does not count as the remaining admin", async () => {
    const state = smallPodioState();
    state.members[3]!.role = "admin"; // Dee, invited
    const { sandbox, token } = await adminSession({ state });
    expect((await send(sandbox, "DELETE", `${members}1`, token)).status).toBe(403);
    expect((await send(sandbox, "DELETE", `${members}4`, token)).status).toBe(204);
  });

  it("a regular member cannot remove anyone (403)", async () => {
    const { sandbox } = await adminSession();
    const member = await passwordGrant(sandbox, MEMBER_LOGIN);
    expect((await send(sandbox, "DELETE", `${members}2`, member.access_token)).status).toBe(403);
    expect(sandbox.state.member(2)).toBeDefined();
  });

  it("re-inviting a removed member by mail brings the same account back as invited", async () => {
    const { sandbox, token } = await adminSession();
    expect((await send(sandbox, "DELETE", `${members}2`, token)).status).toBe(204);
    const invite = await send(sandbox, "POST", "/space/10/member/", token, {
      role: "regular",
      mails: ["bob@northwind.example"],
    });
    expect(invite.status).toBe(204);
    const back = await getJson(sandbox, `${members}2`, token);
    expect(back.status).toBe(200);
    expect(back.body).toMatchObject({
      user: { user_id: 2, status: "invited" },
      profile: { name: "Bob Builder" },
    });
  });

  it("does not mutate the state it was given", async () => {
    const state = smallPodioState();
    const before = JSON.stringify(state);
    const { sandbox, token } = await adminSession({ state });
    await send(sandbox, "DELETE", `${members}2`, token);
    await send(sandbox, "POST", "/space/10/member/", token, {
      role: "regular",
      mails: ["new@northwind.example"],
    });
    expect(JSON.stringify(state)).toBe(before);
  });
});

describe("100,000 members", () => {
  it("pages stay in order at the far end, and writes keep the sorted orders", async () => {
    const { sandbox, token, list } = await adminSession({
      state: largePodioState(100_000),
      rateLimits: false,
    });
    const tail = await list("?limit=100&offset=99950");
    expect(ids(tail.items)).toEqual(Array.from({ length: 50 }, (_, i) => 99_951 + i));
    expect((await send(sandbox, "DELETE", `${members}99960`, token)).status).toBe(204);
    const after = ids((await list("?limit=100&offset=99950")).items);
    expect(after).toHaveLength(49);
    expect(after).not.toContain(99_960);
    const bySeen = ids((await list("?sort_by=last_seen_on&limit=3")).items);
    expect(bySeen).toEqual([100_000, 99_999, 99_998]);
  });
});
