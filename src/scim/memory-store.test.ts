import { describe, expect, it } from "vitest";
import { ScimError } from "./errors.ts";
import { parseFilter } from "./filter/parse.ts";
import { MemoryScimStore } from "./memory-store.ts";
import type { ScimResource } from "./store.ts";

function user(id: string, userName: string, extra: Record<string, unknown> = {}): ScimResource {
  return {
    schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"],
    id,
    userName,
    ...extra,
    meta: { resourceType: "User", created: "", lastModified: "", location: "", version: 'W/"1"' },
  };
}

function group(id: string, displayName: string, members: string[]): ScimResource {
  return {
    schemas: ["urn:ietf:params:scim:schemas:core:2.0:Group"],
    id,
    displayName,
    members: members.map((value) => ({ value })),
    meta: { resourceType: "Group", created: "", lastModified: "", location: "", version: 'W/"1"' },
  };
}

async function seeded(count: number): Promise<MemoryScimStore> {
  const store = new MemoryScimStore();
  for (let i = 1; i <= count; i++) {
    await store.create(
      "User",
      user(`u${i}`, `user${i}@example.com`, { externalId: `E${i}`, title: i % 2 ? "odd" : "even" }),
    );
  }
  return store;
}

const ids = (resources: ScimResource[]) => resources.map((resource) => resource.id);

describe("MemoryScimStore", () => {
  it("pages in creation order with totalResults, whatever is replaced meanwhile", async () => {
    const store = await seeded(5);
    await store.replace("User", user("u2", "renamed@example.com"));
    const first = await store.query("User", { startIndex: 1, count: 2 });
    const second = await store.query("User", { startIndex: 3, count: 2 });
    const last = await store.query("User", { startIndex: 5, count: 2 });
    expect(first.totalResults).toBe(5);
    expect([...ids(first.resources), ...ids(second.resources), ...ids(last.resources)]).toEqual([
      "u1",
      "u2",
      "u3",
      "u4",
      "u5",
    ]);
    expect((await store.query("User", { startIndex: 9, count: 2 })).resources).toEqual([]);
    expect((await store.query("User", { startIndex: 1, count: 0 })).resources).toEqual([]);
  });

  it("answers eq on userName from the index, case-insensitively, without scanning", async () => {
    const store = await seeded(1000);
    const result = await store.query("User", {
      filter: parseFilter('userName eq "USER777@EXAMPLE.COM"'),
      startIndex: 1,
      count: 10,
    });
    expect(ids(result.resources)).toEqual(["u777"]);
    expect(store.lastScanned).toBe(1);
  });

  it("uses indexes under and / or and inside [...], and scans otherwise", async () => {
    const store = await seeded(100);
    const query = async (text: string) => {
      const result = await store.query("User", { filter: parseFilter(text), startIndex: 1, count: 100 });
      return { ids: ids(result.resources), scanned: store.lastScanned };
    };
    expect(await query('externalId eq "E5" and title eq "odd"')).toEqual({ ids: ["u5"], scanned: 1 });
    expect(await query('externalId eq "E6" and title eq "odd"')).toEqual({ ids: [], scanned: 1 });
    expect(await query('externalId eq "E9" or userName eq "user3@example.com"')).toEqual({
      ids: ["u3", "u9"],
      scanned: 2,
    });
    expect(await query('externalId eq "e5"')).toEqual({ ids: [], scanned: 0 });
    expect(await query('id eq "u42"')).toEqual({ ids: ["u42"], scanned: 1 });
    expect((await query('title eq "odd" or externalId eq "E2"')).scanned).toBe(100);
    expect((await query('userName sw "user1"')).ids).toHaveLength(12);
  });

  it("indexes group membership for members.value eq and members[value eq]", async () => {
    const store = await seeded(3);
    await store.create("Group", group("g1", "Admins", ["u1", "u2"]));
    await store.create("Group", group("g2", "Sales", ["u2"]));
    await store.create("Group", group("g3", "Empty", []));
    const of = async (text: string) =>
      ids(
        (
          await store.query("Group", {
            filter: parseFilter(text, { type: "Group" }),
            startIndex: 1,
            count: 9,
          })
        ).resources,
      );
    expect(await of('members.value eq "u2"')).toEqual(["g1", "g2"]);
    expect(store.lastScanned).toBe(2);
    expect(await of('members[value eq "u1"]')).toEqual(["g1"]);
    expect(store.lastScanned).toBe(1);
    await store.replace("Group", group("g1", "Admins", ["u1"]));
    expect(await of('members eq "u2"')).toEqual(["g2"]);
    expect(await of('displayName eq "admins"')).toEqual(["g1"]);
  });

  it("sorts stably, ties in creation order", async () => {
    const store = await seeded(6);
    const result = await store.query("User", {
      sortBy: { name: "title" },
      sortOrder: "descending",
      startIndex: 1,
      count: 10,
    });
    expect(ids(result.resources)).toEqual(["u1", "u3", "u5", "u2", "u4", "u6"]);
  });

  it("refuses a second userName differing only in case", async () => {
    const store = await seeded(1);
    const error = await store
      .create("User", user("x", "USER1@example.com"))
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ScimError);
    expect(error).toMatchObject({ status: 409, scimType: "uniqueness" });
    await store.replace("User", user("u1", "User1@Example.com"));
    expect(store.size("User")).toBe(1);
  });

  it("deletes and forgets index entries", async () => {
    const store = await seeded(3);
    expect(await store.delete("User", "u2")).toBe(true);
    expect(await store.delete("User", "u2")).toBe(false);
    expect(ids((await store.query("User", { startIndex: 1, count: 9 })).resources)).toEqual(["u1", "u3"]);
    const again = await store.query("User", {
      filter: parseFilter('userName eq "user2@example.com"'),
      startIndex: 1,
      count: 9,
    });
    expect(again.totalResults).toBe(0);
    await store.create("User", user("u4", "user2@example.com"));
  });

  it("hands out copies, so callers cannot change stored state", async () => {
    const store = await seeded(1);
    const copy = (await store.get("User", "u1"))!;
    copy.userName = "mutated";
    const page = await store.query("User", { startIndex: 1, count: 1 });
    (page.resources[0] as Record<string, unknown>).userName = "mutated";
    expect((await store.get("User", "u1"))?.userName).toBe("user1@example.com");
  });
});
