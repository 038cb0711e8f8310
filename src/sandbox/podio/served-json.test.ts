/**
 * `GET /org/{id}/member/` pages are built from each member's JSON, kept as text from its first serve: these tests
 * serve a member first, change it (space memberships, removal, re-invite, drift) and check the next page.
 */
import { describe, expect, it } from "vitest";
import { ORG_ID, oauth2, passwordGrant, send, smallSandbox } from "./fixture.ts";
import type { OrgMemberView } from "./views.ts";

const MEMBERS = `/org/${ORG_ID}/member/`;

async function session(options: Parameters<typeof smallSandbox>[0] = {}) {
  const sandbox = smallSandbox(options);
  const { access_token: token } = await passwordGrant(sandbox);
  const list = async () => {
    const res = await sandbox.app.request(`${MEMBERS}?limit=100`, oauth2(token));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/json");
    const text = await res.text();
    const items = JSON.parse(text) as OrgMemberView[];
    expect(text).toBe(JSON.stringify(items));
    return items;
  };
  const listed = async (userId: number) => (await list()).find((m) => m.user.user_id === userId);
  return { sandbox, token, list, listed };
}

describe("podio: served org member JSON follows every write", () => {
  it("space_memberships counts joins and leaves on the next page", async () => {
    const { sandbox, token, listed } = await session();
    expect((await listed(5))?.space_memberships).toBe(1);

    const add = await send(sandbox, "POST", "/space/10/member/", token, { role: "regular", users: [5] });
    expect(add.status).toBe(204);
    expect((await listed(5))?.space_memberships).toBe(2);

    expect((await send(sandbox, "DELETE", "/space/10/member/5", token)).status).toBe(204);
    expect((await send(sandbox, "DELETE", "/space/11/member/5", token)).status).toBe(204);
    expect((await listed(5))?.space_memberships).toBe(0);
  });

  it("a removed member leaves the page; re-invited by mail, it comes back invited, same id", async () => {
    const { sandbox, token, listed } = await session();
    expect(await listed(6)).toMatchObject({ user: { status: "inactive" }, space_memberships: 0 });
    expect((await send(sandbox, "DELETE", `${MEMBERS}6`, token)).status).toBe(204);
    expect(await listed(6)).toBeUndefined();

    const invite = await send(sandbox, "POST", "/space/10/member/", token, {
      role: "light",
      mails: ["fay@northwind.example"],
    });
    expect(invite.status).toBe(204);
    expect(await listed(6)).toMatchObject({
      user: { user_id: 6, status: "invited" },
      role: "light",
      space_memberships: 1,
    });
  });

  it("page drift: the next page shows exactly the members left, the joiners included", async () => {
    const { sandbox, list } = await session({ faults: { driftAdd: 1, driftRemove: 1 } });
    await list();
    sandbox.ctx.faults.reset();
    const [round] = sandbox.state.drift;
    const items = await list();
    expect(items.map((m) => m.user.user_id)).not.toContain(round!.removed[0]);
    expect(items.find((m) => m.user.user_id === round!.added[0])).toMatchObject({
      profile: { name: "Zz Drift Joiner 1-1" },
      space_memberships: 0,
    });
    expect(items).toHaveLength(7);
  });
});
