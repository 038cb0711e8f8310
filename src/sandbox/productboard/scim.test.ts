import { describe, expect, it } from "vitest";
import { ManualClock } from "../kit/clock.ts";
import type { FaultInput } from "../kit/faults.ts";
import type { ProductboardMember } from "../world/types.ts";
import { createProductboardSandbox } from "./index.ts";
import { bearer, member, members, productboardState, TOKENS } from "./workspace-fixture.ts";

const USER = "urn:ietf:params:scim:schemas:core:2.0:User";
const GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";
const PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
const ERROR = "urn:ietf:params:scim:api:messages:2.0:Error";

interface ScimUser {
  id: string;
  userName: string;
  displayName?: string;
  active: boolean;
  roles: { value: string; primary: boolean }[];
  meta: { version: string; location: string; created: string };
  [key: string]: unknown;
}
interface ScimList<T> {
  totalResults: number;
  itemsPerPage: number;
  startIndex: number;
  Resources: T[];
}
interface ScimErrorBody {
  schemas: string[];
  status: string;
  scimType?: string;
  detail: string;
}
interface RestMember {
  id: string;
  fields: { name: string; email: string; role: string; disabled: boolean; invitationPending: boolean };
}

const TEAM_ID = "7e4a0000-0000-4000-8000-00000000a001";

function sandbox(
  list: ProductboardMember[] = members(3),
  options: { faults?: FaultInput; rateLimits?: boolean; clock?: ManualClock } = {},
) {
  const sb = createProductboardSandbox({
    state: productboardState(list, [
      { id: TEAM_ID, name: "Core Team", memberIds: [member(1).id, member(2).id] },
    ]),
    rateLimits: options.rateLimits ?? false,
    ...(options.faults ? { faults: options.faults } : {}),
    ...(options.clock ? { clock: options.clock } : {}),
  });
  const scim = (path: string, init: { method?: string; body?: unknown; token?: string } = {}) =>
    sb.app.request(`/scim/v2${path}`, {
      method: init.method ?? "GET",
      headers: { ...bearer(init.token ?? TOKENS.scimToken), "content-type": "application/scim+json" },
      ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
    });
  const rest = async (path: string) => {
    const res = await sb.app.request(`/v2${path}`, { headers: bearer(TOKENS.restToken) });
    return { status: res.status, body: (await res.json()) as { data: RestMember[] | RestMember } };
  };
  const restList = async (query = "") => (await rest(`/members${query}`)).body.data as RestMember[];
  const restMember = async (id: string) => (await rest(`/members/${id}`)).body.data as RestMember;
  return { ...sb, scim, rest, restList, restMember };
}

const createUser = (extra: Record<string, unknown> = {}) => ({
  schemas: [USER],
  userName: "new.hire@acme.test",
  ...extra,
});
const patch = (...Operations: Record<string, unknown>[]) => ({ schemas: [PATCH_OP], Operations });

async function expectScimError(res: Response, status: number, scimType?: string) {
  expect(res.status).toBe(status);
  expect(res.headers.get("content-type")).toContain("application/scim+json");
  const body = (await res.json()) as ScimErrorBody;
  expect(body.schemas).toEqual([ERROR]);
  expect(body.status).toBe(String(status));
  if (scimType) expect(body.scimType).toBe(scimType);
  return body;
}

describe("productboard SCIM auth", () => {
  it("accepts only the SCIM token; the REST tokens get a SCIM 401", async () => {
    const sb = sandbox();
    expect((await sb.scim("/Users")).status).toBe(200);
    for (const token of [TOKENS.restToken, TOKENS.restTokenNoPii, "nope"]) {
      await expectScimError(await sb.scim("/Users", { token }), 401);
    }
    const none = await sb.app.request("/scim/v2/Users");
    await expectScimError(none, 401);
  });

  it("the SCIM token gets Productboard's REST 401 on /v2", async () => {
    const sb = sandbox();
    const res = await sb.app.request("/v2/members", { headers: bearer(TOKENS.scimToken) });
    expect(res.status).toBe(401);
    expect(((await res.json()) as { errors: { code: string }[] }).errors[0]!.code).toBe("unauthorized");
  });

  it("unknown SCIM routes answer a SCIM 404", async () => {
    const sb = sandbox();
    await expectScimError(await sb.scim("/Teams"), 404);
    await expectScimError(await sb.scim(`/Users/${member(9).id}`), 404);
  });
});

describe("productboard SCIM Users over the member table", () => {
  it("lists every member as a User, PII included, with startIndex/count paging", async () => {
    const sb = sandbox([
      member(1, { role: "admin" }),
      member(2, { disabled: true }),
      member(3, { invitationPending: true, piiRedacted: true }),
    ]);
    const res = await sb.scim("/Users?startIndex=2&count=1");
    expect(res.status).toBe(200);
    const page = (await res.json()) as ScimList<ScimUser>;
    expect(page).toMatchObject({ totalResults: 3, itemsPerPage: 1, startIndex: 2 });
    expect(page.Resources[0]).toMatchObject({
      id: member(2).id,
      userName: "member2@acme.test",
      active: false,
    });
    const all = (await (await sb.scim("/Users")).json()) as ScimList<ScimUser>;
    expect(all.Resources.map((u) => [u.userName, u.displayName, u.active, u.roles])).toEqual([
      ["member1@acme.test", "Member 1", true, [{ value: "admin", primary: true }]],
      ["member2@acme.test", "Member 2", false, [{ value: "contributor", primary: true }]],
      ["member3@acme.test", "Member 3", true, [{ value: "contributor", primary: true }]],
    ]);
  });

  it("filter userName eq is case-insensitive", async () => {
    const sb = sandbox();
    const found = (await (
      await sb.scim('/Users?filter=userName eq "MEMBER2@ACME.TEST"')
    ).json()) as ScimList<ScimUser>;
    expect(found.totalResults).toBe(1);
    expect(found.Resources[0]!.id).toBe(member(2).id);
    const none = (await (
      await sb.scim('/Users?filter=userName eq "ghost@acme.test"')
    ).json()) as ScimList<ScimUser>;
    expect(none).toMatchObject({ totalResults: 0, Resources: [] });
    const scan = (await (
      await sb.scim('/Users?filter=active eq true and displayName co "3"')
    ).json()) as ScimList<ScimUser>;
    expect(scan.Resources.map((u) => u.id)).toEqual([member(3).id]);
  });

  it("create needs only userName, defaults the role to contributor, and shows up on REST", async () => {
    const sb = sandbox();
    const res = await sb.scim("/Users", { method: "POST", body: createUser() });
    expect(res.status).toBe(201);
    const user = (await res.json()) as ScimUser;
    expect(user).toMatchObject({ userName: "new.hire@acme.test", active: true });
    expect(user.roles).toEqual([{ value: "contributor", primary: true }]);

    const listed = await sb.restList();
    expect(listed.at(-1)).toEqual({
      id: user.id,
      type: "member",
      fields: {
        name: "new.hire@acme.test",
        email: "new.hire@acme.test",
        role: "contributor",
        disabled: false,
        invitationPending: false,
        // The member's creation is the SCIM resource's.
        createdAt: user.meta.created,
      },
    });
  });

  it("create takes the role from roles[primary eq true].value and the name from displayName or name", async () => {
    const sb = sandbox();
    const res = await sb.scim("/Users", {
      method: "POST",
      body: createUser({
        name: { givenName: "Ada", familyName: "Lovelace" },
        roles: [
          { value: "viewer", primary: false },
          { value: "Maker", primary: true },
        ],
      }),
    });
    expect(res.status).toBe(201);
    const user = (await res.json()) as ScimUser;
    expect(user.roles).toEqual([{ value: "maker", primary: true }]);
    expect(user.displayName).toBe("Ada Lovelace");
    expect((await sb.restMember(user.id)).fields).toMatchObject({ name: "Ada Lovelace", role: "maker" });
  });

  it("refuses an unknown role, a non-e-mail userName and a taken userName without changing anything", async () => {
    const sb = sandbox();
    const before = sb.state.members.size;
    const bad = await expectScimError(
      await sb.scim("/Users", {
        method: "POST",
        body: createUser({ roles: [{ value: "owner", primary: true }] }),
      }),
      400,
      "invalidValue",
    );
    expect(bad.detail).toContain("owner");
    await expectScimError(
      await sb.scim("/Users", { method: "POST", body: createUser({ userName: "jdoe" }) }),
      400,
      "invalidValue",
    );
    await expectScimError(
      await sb.scim("/Users", { method: "POST", body: createUser({ userName: "Member1@ACME.test" }) }),
      409,
      "uniqueness",
    );
    await expectScimError(await sb.scim("/Users", { method: "POST", body: { schemas: [USER] } }), 400);
    expect(sb.state.members.size).toBe(before);
  });

  it("deactivating over SCIM shows as disabled on REST, hidden unless includeDisabled; reactivation reverses it", async () => {
    const sb = sandbox();
    const id = member(2).id;
    // Okta: path-less replace; Entra: "False" as a string.
    const okta = await sb.scim(`/Users/${id}`, {
      method: "PATCH",
      body: patch({ op: "replace", value: { active: false } }),
    });
    expect(okta.status).toBe(200);
    expect(((await okta.json()) as ScimUser).active).toBe(false);

    expect((await sb.restList()).map((m) => m.id)).toEqual([member(1).id, member(3).id]);
    const withDisabled = await sb.restList("?includeDisabled=true");
    expect(withDisabled.find((m) => m.id === id)?.fields.disabled).toBe(true);
    expect((await sb.restMember(id)).fields.disabled).toBe(true);

    const entra = await sb.scim(`/Users/${id}`, {
      method: "PATCH",
      body: patch({ op: "Replace", path: "active", value: "True" }),
    });
    expect(entra.status).toBe(200);
    expect((await sb.restMember(id)).fields.disabled).toBe(false);
    expect((await sb.restList()).map((m) => m.id)).toContain(id);
  });

  it("PUT replaces the role and name on REST; a PUT without roles keeps the role", async () => {
    const sb = sandbox([member(1, { role: "viewer" })]);
    const id = member(1).id;
    const put = await sb.scim(`/Users/${id}`, {
      method: "PUT",
      body: {
        schemas: [USER],
        userName: "member1@acme.test",
        displayName: "Member One",
        roles: [{ value: "admin", primary: true }],
      },
    });
    expect(put.status).toBe(200);
    expect((await sb.restMember(id)).fields).toMatchObject({
      name: "Member One",
      role: "admin",
      disabled: false,
    });

    const again = await sb.scim(`/Users/${id}`, {
      method: "PUT",
      body: { schemas: [USER], userName: "member1@acme.test", displayName: "Member One", active: true },
    });
    expect(((await again.json()) as ScimUser).roles).toEqual([{ value: "admin", primary: true }]);
    expect((await sb.restMember(id)).fields.role).toBe("admin");

    const rename = await sb.scim(`/Users/${id}`, {
      method: "PUT",
      body: { schemas: [USER], userName: "m.one@acme.test", displayName: "Member One" },
    });
    expect(rename.status).toBe(200);
    expect((await sb.restMember(id)).fields.email).toBe("m.one@acme.test");
    const byNew = (await (
      await sb.scim('/Users?filter=userName eq "m.one@acme.test"')
    ).json()) as ScimList<ScimUser>;
    expect(byNew.totalResults).toBe(1);
  });

  it("create with active:false makes a disabled member; a PUT without active keeps that state", async () => {
    const sb = sandbox();
    const res = await sb.scim("/Users", {
      method: "POST",
      body: createUser({ active: false, roles: [{ value: "viewer" }] }),
    });
    const user = (await res.json()) as ScimUser;
    expect(user.roles).toEqual([{ value: "viewer", primary: true }]);
    expect((await sb.restMember(user.id)).fields).toMatchObject({ disabled: true, role: "viewer" });
    const put = await sb.scim(`/Users/${user.id}`, {
      method: "PUT",
      body: { schemas: [USER], userName: user.userName, displayName: "New Hire" },
    });
    expect(((await put.json()) as ScimUser).active).toBe(false);
    expect((await sb.restMember(user.id)).fields).toMatchObject({ name: "New Hire", disabled: true });
  });

  it("PATCH on the primary role changes the REST role; an invalid role is refused", async () => {
    const sb = sandbox();
    const id = member(3).id;
    const res = await sb.scim(`/Users/${id}`, {
      method: "PATCH",
      body: patch({ op: "replace", path: "roles[primary eq true].value", value: "viewer" }),
    });
    expect(res.status).toBe(200);
    expect((await sb.restMember(id)).fields.role).toBe("viewer");
    await expectScimError(
      await sb.scim(`/Users/${id}`, {
        method: "PATCH",
        body: patch({ op: "replace", path: "roles", value: [{ value: "root", primary: true }] }),
      }),
      400,
      "invalidValue",
    );
    expect((await sb.restMember(id)).fields.role).toBe("viewer");
  });

  it("has no user DELETE: 405, and the member stays", async () => {
    const sb = sandbox();
    const res = await sb.scim(`/Users/${member(1).id}`, { method: "DELETE" });
    await expectScimError(res, 405);
    expect((await sb.restMember(member(1).id)).fields.disabled).toBe(false);
    expect((await sb.scim(`/Users/${member(1).id}`)).status).toBe(200);
  });

  it("keeps meta and ETags per resource; If-Match with a stale version is refused", async () => {
    const sb = sandbox();
    const id = member(1).id;
    const first = (await (await sb.scim(`/Users/${id}`)).json()) as ScimUser;
    expect(first.meta.created).toBe(member(1).createdAt);
    expect(first.meta.location).toBe(`http://localhost/scim/v2/Users/${id}`);
    const changed = await sb.scim(`/Users/${id}`, {
      method: "PATCH",
      body: patch({ op: "replace", path: "title", value: "CTO" }),
    });
    const second = (await changed.json()) as ScimUser;
    expect(second.meta.version).not.toBe(first.meta.version);
    expect(second.title).toBe("CTO");
    expect(((await (await sb.scim(`/Users/${id}`)).json()) as ScimUser).title).toBe("CTO");
    const stale = await sb.app.request(`/scim/v2/Users/${id}`, {
      method: "PATCH",
      headers: {
        ...bearer(TOKENS.scimToken),
        "content-type": "application/scim+json",
        "If-Match": first.meta.version,
      },
      body: JSON.stringify(patch({ op: "replace", path: "active", value: false })),
    });
    expect(stale.status).toBe(412);
    expect((await sb.restMember(id)).fields.disabled).toBe(false);
  });

  it("a member gone from the workspace (page drift) is gone from SCIM too", async () => {
    const sb = sandbox(members(3), { faults: { driftRemove: 1 } });
    await sb.restList();
    const removed = sb.state.drift.removed[0]!;
    await expectScimError(await sb.scim(`/Users/${removed}`), 404);
    const group = (await (await sb.scim(`/Groups/${TEAM_ID}`)).json()) as { members?: { value: string }[] };
    expect(group.members?.map((m) => m.value)).not.toContain(removed);
  });
});

describe("productboard SCIM Groups = teams", () => {
  it("serves the world's teams as Groups with their members", async () => {
    const sb = sandbox();
    const res = await sb.scim(`/Groups/${TEAM_ID}`);
    expect(res.status).toBe(200);
    const group = (await res.json()) as {
      displayName: string;
      members: { value: string; display: string }[];
    };
    expect(group.displayName).toBe("Core Team");
    expect(group.members.map((m) => [m.value, m.display])).toEqual([
      [member(1).id, "Member 1"],
      [member(2).id, "Member 2"],
    ]);
    const user = (await (await sb.scim(`/Users/${member(1).id}`)).json()) as { groups?: { value: string }[] };
    expect(user.groups?.map((g) => g.value)).toEqual([TEAM_ID]);
  });

  it("create, patch members, rename and delete change the team table", async () => {
    const sb = sandbox();
    const created = await sb.scim("/Groups", {
      method: "POST",
      body: { schemas: [GROUP], displayName: "Design", members: [{ value: member(3).id }] },
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    expect(sb.state.teams.get(id)).toEqual({ id, name: "Design", memberIds: [member(3).id] });

    const added = await sb.scim(`/Groups/${id}`, {
      method: "PATCH",
      body: patch({ op: "add", path: "members", value: [{ value: member(1).id }] }),
    });
    expect(added.status === 200 || added.status === 204).toBe(true);
    expect(sb.state.teams.get(id)?.memberIds).toEqual([member(3).id, member(1).id]);

    const removed = await sb.scim(`/Groups/${id}`, {
      method: "PATCH",
      body: patch(
        { op: "remove", path: `members[value eq "${member(3).id}"]` },
        { op: "replace", value: { displayName: "Design Team" } },
      ),
    });
    expect(removed.status === 200 || removed.status === 204).toBe(true);
    expect(sb.state.teams.get(id)).toEqual({ id, name: "Design Team", memberIds: [member(1).id] });

    const filtered = (await (
      await sb.scim('/Groups?filter=displayName eq "design team"')
    ).json()) as ScimList<{ id: string }>;
    expect(filtered.Resources.map((g) => g.id)).toEqual([id]);

    expect((await sb.scim(`/Groups/${id}`, { method: "DELETE" })).status).toBe(204);
    expect(sb.state.teams.get(id)).toBeUndefined();
    expect((await sb.scim(`/Groups/${id}`)).status).toBe(404);
  });

  it("refuses a member that is not an existing User", async () => {
    const sb = sandbox();
    await expectScimError(
      await sb.scim("/Groups", {
        method: "POST",
        body: { schemas: [GROUP], displayName: "X", members: [{ value: "nope" }] },
      }),
      400,
      "invalidValue",
    );
    expect(sb.state.teams.size).toBe(1);
  });
});

describe("productboard SCIM limits and faults", () => {
  it("has its own 50 req/s budget per token, answered with SCIM 429s, and recovers after the window", async () => {
    const clock = new ManualClock();
    const sb = sandbox(members(1), { rateLimits: true, clock });
    for (let i = 0; i < 50; i++) {
      const res = await sb.scim("/Users");
      expect(res.status).toBe(200);
      expect(res.headers.get("x-ratelimit-remaining")).toBe(String(49 - i));
    }
    const refused = await sb.scim("/Users");
    await expectScimError(refused, 429);
    expect(refused.headers.get("retry-after")).toBe("1");
    expect(refused.headers.get("x-ratelimit-limit")).toBe("50");
    expect((await sb.rest("/members")).status).toBe(200); // the REST token's budget is separate
    clock.advance(1000);
    expect((await sb.scim("/Users")).status).toBe(200);
  });

  it("injected 5xx and storms answer in the SCIM error shape", async () => {
    const sb = sandbox(members(1), { faults: { errorRate: 1 } });
    await expectScimError(await sb.scim("/Users"), 503);
    const storm = sandbox(members(1), { faults: { stormRequests: 1 } });
    const res = await storm.scim("/Users");
    await expectScimError(res, 429);
    expect(res.headers.get("retry-after")).toBe("1");
    expect((await storm.scim("/Users")).status).toBe(200);
  });

  it("malformed bodies get SCIM 400/415, never a 500", async () => {
    const sb = sandbox();
    const broken = await sb.app.request("/scim/v2/Users", {
      method: "POST",
      headers: { ...bearer(TOKENS.scimToken), "content-type": "application/scim+json" },
      body: "{not json",
    });
    await expectScimError(broken, 400, "invalidSyntax");
    const wrongType = await sb.app.request("/scim/v2/Users", {
      method: "POST",
      headers: { ...bearer(TOKENS.scimToken), "content-type": "text/plain" },
      body: "x",
    });
    await expectScimError(wrongType, 415);
    await expectScimError(await sb.scim("/Users?filter=userName eq"), 400, "invalidFilter");
  });
});
