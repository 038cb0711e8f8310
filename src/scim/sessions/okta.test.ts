import { describe, expect, it } from "vitest";
import { GROUP_SCHEMA, PATCH_OP_SCHEMA, USER_SCHEMA } from "../schemas.ts";
import { filterQuery, scimHarness } from "../testing/harness.ts";

/**
 * A provisioning session as Okta runs it (Okta SCIM 2.0 integration guide): existence check by filter, create,
 * full-PUT updates, deactivation by path-less PATCH, group push with rename and membership changes. Okta never
 * DELETEs users.
 */
describe("Okta provisioning session", () => {
  it("runs end to end", async () => {
    const scim = scimHarness({ userDelete: false });
    const lookup = (userName: string) =>
      scim.call("GET", `/Users?${filterQuery(`userName eq "${userName}"`)}&startIndex=1&count=100`);

    // 1. Existence check before create: nothing there, integers throughout.
    const absent = await lookup("jdoe@example.com");
    expect(absent.status).toBe(200);
    expect(absent.body).toMatchObject({ totalResults: 0, startIndex: 1, itemsPerPage: 0, Resources: [] });

    // 2. Create.
    const created = await scim.call("POST", "/Users", {
      schemas: [USER_SCHEMA],
      userName: "jdoe@example.com",
      name: { givenName: "John", familyName: "Doe" },
      emails: [{ primary: true, value: "jdoe@example.com", type: "work" }],
      displayName: "John Doe",
      locale: "en-US",
      externalId: "00ujl29u0le5T6Aj10h7",
      groups: [],
      password: "1mz050nq",
      active: true,
    });
    expect(created.status).toBe(201);
    const id = created.body.id;
    expect(created.body).toMatchObject({
      userName: "jdoe@example.com",
      active: true,
      externalId: "00ujl29u0le5T6Aj10h7",
    });
    expect(created.body.password).toBeUndefined();

    // 3. Re-import: the filter finds exactly this user, in any letter case.
    const found = await lookup("JDOE@example.com");
    expect(found.body).toMatchObject({ totalResults: 1, itemsPerPage: 1, startIndex: 1 });
    expect(found.body.Resources[0].id).toBe(id);

    // 4. Creating the same person again in another letter case is a conflict.
    const twin = await scim.call("POST", "/Users", { schemas: [USER_SCHEMA], userName: "JDoe@Example.com" });
    expect(twin.status).toBe(409);
    expect(twin.body.scimType).toBe("uniqueness");

    // 5. Profile update as a full PUT of what Okta holds.
    const current = (await scim.call("GET", `/Users/${id}`)).body;
    const put = await scim.call("PUT", `/Users/${id}`, {
      ...current,
      name: { givenName: "Johnny", familyName: "Doe" },
      displayName: "Johnny Doe",
      title: "Engineer",
    });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ name: { givenName: "Johnny", familyName: "Doe" }, title: "Engineer" });
    expect(put.body.meta.version).toBe('W/"2"');

    // 6. Group push: create with no members, then add them.
    const jane = (
      await scim.call("POST", "/Users", {
        schemas: [USER_SCHEMA],
        userName: "jane@example.com",
        displayName: "Jane",
      })
    ).body.id;
    const group = await scim.call("POST", "/Groups", {
      schemas: [GROUP_SCHEMA],
      displayName: "Test SCIMv2",
      members: [],
    });
    expect(group.status).toBe(201);
    const groupId = group.body.id;
    const patchGroup = (operations: unknown[]) =>
      scim.call("PATCH", `/Groups/${groupId}`, { schemas: [PATCH_OP_SCHEMA], Operations: operations });
    const added = await patchGroup([
      { op: "add", path: "members", value: [{ value: id, display: "jdoe@example.com" }] },
    ]);
    expect(added.body.members).toEqual([
      { value: id, $ref: `http://scim.test/scim/v2/Users/${id}`, type: "User", display: "Johnny Doe" },
    ]);

    // 7. Rename by path-less replace {id, displayName}.
    const renamed = await patchGroup([{ op: "replace", value: { id: groupId, displayName: "Engineering" } }]);
    expect(renamed.body.displayName).toBe("Engineering");

    // 8. Membership change: remove one by filter, add another.
    const swapped = await patchGroup([
      { op: "remove", path: `members[value eq "${id}"]` },
      { op: "add", path: "members", value: [{ value: jane, display: "jane@example.com" }] },
    ]);
    expect(swapped.body.members.map((member: { value: string }) => member.value)).toEqual([jane]);

    // 9. Full replace of members.
    const replaced = await patchGroup([
      { op: "replace", path: "members", value: [{ value: id }, { value: jane }] },
    ]);
    expect(replaced.body.members.map((member: { value: string }) => member.value)).toEqual([id, jane]);

    // 10. Group lookup by name and the user's derived groups.
    const byName = await scim.call(
      "GET",
      `/Groups?${filterQuery('displayName eq "Engineering"')}&startIndex=1&count=100`,
    );
    expect(byName.body.totalResults).toBe(1);
    expect((await scim.call("GET", `/Users/${id}`)).body.groups).toEqual([
      expect.objectContaining({ value: groupId, display: "Engineering" }),
    ]);

    // 11. Deprovision: path-less PATCH active=false; the account stays, inactive.
    const deactivated = await scim.call("PATCH", `/Users/${id}`, {
      schemas: [PATCH_OP_SCHEMA],
      Operations: [{ op: "replace", value: { active: false } }],
    });
    expect(deactivated.status).toBe(200);
    expect(deactivated.body.active).toBe(false);
    expect((await lookup("jdoe@example.com")).body.Resources[0].active).toBe(false);

    // 12. Import walks all users page by page, in a stable order.
    for (let i = 0; i < 5; i++) {
      await scim.call("POST", "/Users", { schemas: [USER_SCHEMA], userName: `user${i}@example.com` });
    }
    const seen: string[] = [];
    for (let start = 1; ; start += 3) {
      const page = await scim.call("GET", `/Users?startIndex=${start}&count=3`);
      expect(page.body.totalResults).toBe(7);
      seen.push(...page.body.Resources.map((user: { userName: string }) => user.userName));
      if (page.body.itemsPerPage < 3) break;
    }
    expect(seen).toEqual([
      "jdoe@example.com",
      "jane@example.com",
      "user0@example.com",
      "user1@example.com",
      "user2@example.com",
      "user3@example.com",
      "user4@example.com",
    ]);
  });
});
