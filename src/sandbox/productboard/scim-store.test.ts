import { describe, expect, it } from "vitest";
import type { ScimFilter, ScimResource } from "../../scim/index.ts";
import { ProductboardScimStore } from "./scim-store.ts";
import { ProductboardWorkspace } from "./workspace.ts";
import { member, members, productboardState } from "./workspace-fixture.ts";

function store(count = 1000) {
  const workspace = new ProductboardWorkspace(productboardState(members(count)));
  const scim = new ProductboardScimStore(workspace, "2026-01-01T00:00:00.000Z");
  /** Any full scan of the member table fails the test: the query must have used an index. */
  const forbidScan = () => {
    workspace.members.all = () => {
      throw new Error("full scan");
    };
  };
  return { workspace, scim, forbidScan };
}

const userName = (value: string): ScimFilter => ({ op: "eq", path: { name: "userName" }, value });

describe("ProductboardScimStore", () => {
  it("answers userName eq from the e-mail index (any case), alone or under and/or", async () => {
    const { scim, forbidScan } = store();
    forbidScan();
    const one = await scim.query("User", {
      filter: userName("MEMBER500@acme.test"),
      startIndex: 1,
      count: 10,
    });
    expect(one.resources.map((r) => r.id)).toEqual([member(500).id]);
    const both = await scim.query("User", {
      filter: { op: "or", left: userName("member9@acme.test"), right: userName("member3@acme.test") },
      startIndex: 1,
      count: 10,
    });
    expect(both.resources.map((r) => r.userName)).toEqual(["member3@acme.test", "member9@acme.test"]);
    const narrowed = await scim.query("User", {
      filter: {
        op: "and",
        left: userName("member7@acme.test"),
        right: { op: "eq", path: { name: "active" }, value: false },
      },
      startIndex: 1,
      count: 10,
    });
    expect(narrowed.totalResults).toBe(0);
  });

  it("serves an unfiltered page without scanning, with the total", async () => {
    const { scim, forbidScan } = store();
    forbidScan();
    const page = await scim.query("User", { startIndex: 999, count: 5 });
    expect(page.totalResults).toBe(1000);
    expect(page.resources.map((r) => r.userName)).toEqual(["member999@acme.test", "member1000@acme.test"]);
  });

  it("scans with the engine's filter semantics for other filters and sorts stably", async () => {
    const { scim, workspace } = store(5);
    workspace.members.update(member(2).id, { disabled: true });
    workspace.members.update(member(4).id, { disabled: true });
    const inactive = await scim.query("User", {
      filter: { op: "eq", path: { name: "active" }, value: false },
      sortBy: { name: "userName" },
      sortOrder: "descending",
      startIndex: 1,
      count: 10,
    });
    expect(inactive.resources.map((r) => r.id)).toEqual([member(4).id, member(2).id]);
  });

  it("writes go straight to the member row and keep what SCIM sent beside it", async () => {
    const { scim, workspace } = store(1);
    const now = "2026-02-01T00:00:00.000Z";
    const resource: ScimResource = {
      schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"],
      id: "11111111-1111-4111-8111-111111111111",
      externalId: "okta-1",
      userName: "ext@acme.test",
      displayName: "Ext Person",
      active: false,
      roles: [{ value: "viewer", primary: true }],
      meta: { resourceType: "User", created: now, lastModified: now, location: "x", version: 'W/"1"' },
    };
    const stored = await scim.create("User", resource);
    expect(stored).toMatchObject({ externalId: "okta-1", userName: "ext@acme.test", active: false });
    expect(workspace.members.get(resource.id)).toMatchObject({
      email: "ext@acme.test",
      name: "Ext Person",
      role: "viewer",
      disabled: true,
      invitationPending: false,
      createdAt: now,
    });
    await expect(
      scim.create("User", { ...resource, id: "22222222-2222-4222-8222-222222222222" }),
    ).rejects.toMatchObject({
      status: 409,
      scimType: "uniqueness",
    });
    expect(await scim.delete("User", resource.id)).toBe(true);
    expect(workspace.members.get(resource.id)).toBeUndefined();
  });
});
