/**
 * `GET /v2/members` pages are built from each member's JSON, kept as text from its first serve: these tests serve a
 * member first, change it, and check that the next page (and `GET /v2/members/{id}`) shows the change.
 */
import { describe, expect, it } from "vitest";
import { createProductboardSandbox } from "./index.ts";
import { bearer, member, members, productboardState, TOKENS } from "./workspace-fixture.ts";

interface MemberJson {
  id: string;
  type: "member";
  fields: { name: string; email: string; role: string; disabled: boolean; invitationPending: boolean };
}

const PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
const USER = "urn:ietf:params:scim:schemas:core:2.0:User";

function sandbox(faults?: { driftAdd?: number; driftRemove?: number }) {
  const sb = createProductboardSandbox({
    state: productboardState(members(4)),
    rateLimits: false,
    pageSize: 2,
    ...(faults ? { faults } : {}),
  });
  const scim = (method: string, path: string, body: unknown) =>
    sb.app.request(`/scim/v2${path}`, {
      method,
      headers: { ...bearer(TOKENS.scimToken), "content-type": "application/scim+json" },
      body: JSON.stringify(body),
    });
  /** Every member of a full cursor walk, as served. */
  const walk = async (token: string = TOKENS.restToken) => {
    const served: MemberJson[] = [];
    let url: string | null = "http://localhost/v2/members?includeDisabled=true&includeInvited=true";
    while (url) {
      const res = await sb.app.request(url, { headers: bearer(token) });
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("application/json");
      const text = await res.text();
      const body = JSON.parse(text) as { data: MemberJson[]; links: { next: string | null } };
      expect(text).toBe(JSON.stringify(body));
      served.push(...body.data);
      url = body.links.next;
    }
    return served;
  };
  const one = async (id: string) => {
    const res = await sb.app.request(`/v2/members/${id}`, { headers: bearer(TOKENS.restToken) });
    return ((await res.json()) as { data: MemberJson }).data;
  };
  return { ...sb, scim, walk, one };
}

const byId = (list: MemberJson[], id: string) => list.find((m) => m.id === id);

describe("productboard: served member JSON follows every write", () => {
  it("SCIM PATCH active=false shows the member disabled on the next REST page and GET", async () => {
    const sb = sandbox();
    expect(byId(await sb.walk(), member(2).id)?.fields.disabled).toBe(false);
    expect((await sb.one(member(2).id)).fields.disabled).toBe(false);

    const res = await sb.scim("PATCH", `/Users/${member(2).id}`, {
      schemas: [PATCH_OP],
      Operations: [{ op: "replace", path: "active", value: false }],
    });
    expect(res.status).toBe(200);
    expect(byId(await sb.walk(), member(2).id)?.fields.disabled).toBe(true);
    expect((await sb.one(member(2).id)).fields.disabled).toBe(true);
  });

  it("a SCIM PUT replacement changes both views: with PII and without", async () => {
    const sb = sandbox();
    const before = [await sb.walk(TOKENS.restToken), await sb.walk(TOKENS.restTokenNoPii)];
    expect(byId(before[0]!, member(3).id)?.fields).toMatchObject({ email: "member3@acme.test" });
    expect(byId(before[1]!, member(3).id)?.fields).toMatchObject({
      email: "[redacted]",
      role: "contributor",
    });

    const res = await sb.scim("PUT", `/Users/${member(3).id}`, {
      schemas: [USER],
      userName: "renamed@acme.test",
      displayName: "Renamed Member",
      roles: [{ value: "admin", primary: true }],
    });
    expect(res.status).toBe(200);
    expect(byId(await sb.walk(TOKENS.restToken), member(3).id)?.fields).toMatchObject({
      name: "Renamed Member",
      email: "renamed@acme.test",
      role: "admin",
    });
    expect(byId(await sb.walk(TOKENS.restTokenNoPii), member(3).id)?.fields).toMatchObject({
      name: "[redacted]",
      email: "[redacted]",
      role: "admin",
    });
  });

  it("page drift: removed members leave the listing, added members are served with their own JSON", async () => {
    const sb = sandbox({ driftAdd: 1, driftRemove: 1 });
    await sb.walk();
    const { added, removed } = sb.state.drift;
    expect(removed.length).toBeGreaterThan(0);
    sb.ctx.faults.reset();
    const after = await sb.walk();
    expect(after.map((m) => m.id)).toEqual(sb.state.members.all().map((row) => row.id));
    for (const id of removed) expect(byId(after, id)).toBeUndefined();
    const kept = added.filter((id) => !removed.includes(id));
    expect(kept.length).toBeGreaterThan(0);
    for (const id of kept) {
      expect(byId(after, id)).toMatchObject({ id, fields: { name: expect.stringMatching(/^Drift Member/) } });
    }
  });
});
