import { beforeEach, describe, expect, it } from "vitest";
import { ENTERPRISE_USER_SCHEMA, GROUP_SCHEMA, PATCH_OP_SCHEMA, USER_SCHEMA } from "../schemas.ts";
import { filterQuery, type Harness, scimHarness } from "../testing/harness.ts";

const ENT = ENTERPRISE_USER_SCHEMA;
const MS_GROUP = "http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group";

/**
 * Provisioning sessions as Microsoft Entra ID runs them (Entra "Develop a SCIM endpoint" and its known-issues
 * page), once with the default behaviour and once with the `aadOptscim062020` feature flag.
 */
describe("Microsoft Entra ID provisioning session", () => {
  let scim: Harness;
  let managerId: string;

  const patch = (type: "Users" | "Groups", id: string, operations: unknown[]) =>
    scim.call("PATCH", `/${type}/${id}`, { schemas: [PATCH_OP_SCHEMA], Operations: operations });

  /** Steps both variants share: lookups by filter and creation of a user with the enterprise extension. */
  async function createUser(): Promise<string> {
    const absent = await scim.call(
      "GET",
      `/Users?${filterQuery('userName eq "Test_User_ab6490ee@example.com"')}`,
    );
    expect(absent.body.totalResults).toBe(0);
    const created = await scim.call("POST", "/Users", {
      schemas: [USER_SCHEMA, ENT],
      externalId: "0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef",
      userName: "Test_User_ab6490ee@example.com",
      active: true,
      addresses: [{ country: "NO", type: "work", primary: true }],
      displayName: "Test User",
      emails: [{ primary: true, type: "work", value: "Test_User_fd0ea19b@example.com" }],
      meta: { resourceType: "User" },
      name: { formatted: "Test User", familyName: "User", givenName: "Test" },
      title: "Tester",
      [ENT]: { employeeNumber: "12345", department: "QA", manager: managerId },
    });
    expect(created.status).toBe(201);
    expect(created.body[ENT]).toEqual({
      employeeNumber: "12345",
      department: "QA",
      manager: { value: managerId, displayName: "Boss" },
    });
    const id = created.body.id;
    const byExternalId = await scim.call(
      "GET",
      `/Users?${filterQuery('externalId eq "0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef"')}`,
    );
    expect(byExternalId.body.Resources.map((user: { id: string }) => user.id)).toEqual([id]);
    const byEmail = await scim.call(
      "GET",
      `/Users?${filterQuery('emails[type eq "work"].value eq "test_user_fd0ea19b@example.com"')}`,
    );
    expect(byEmail.body.totalResults).toBe(1);
    return id;
  }

  /** Group steps both variants share: lookup with excludedAttributes=members, create with the MS schema. */
  async function createGroup(): Promise<string> {
    const absent = await scim.call(
      "GET",
      `/Groups?excludedAttributes=members&${filterQuery('displayName eq "Group1DisplayName"')}`,
    );
    expect(absent.body.totalResults).toBe(0);
    const created = await scim.call("POST", "/Groups", {
      schemas: [GROUP_SCHEMA, MS_GROUP],
      externalId: "8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159",
      displayName: "Group1DisplayName",
      meta: { resourceType: "Group" },
      members: [],
    });
    expect(created.status).toBe(201);
    const found = await scim.call(
      "GET",
      `/Groups?excludedAttributes=members&${filterQuery('displayName eq "Group1DisplayName"')}`,
    );
    expect(found.body.Resources[0]).toMatchObject({ id: created.body.id, displayName: "Group1DisplayName" });
    expect(found.body.Resources[0].members).toBeUndefined();
    return created.body.id;
  }

  beforeEach(async () => {
    scim = scimHarness();
    managerId = (await scim.call("POST", "/Users", { userName: "boss@example.com", displayName: "Boss" }))
      .body.id;
  });

  it('default behaviour: one op per attribute, capitalised ops, "False" strings, member removal by value', async () => {
    const id = await createUser();
    const updated = await patch("Users", id, [
      { op: "Replace", path: "displayName", value: "Test User 2" },
      { op: "Replace", path: 'emails[type eq "work"].value', value: "updated@example.com" },
      { op: "Add", path: 'phoneNumbers[type eq "mobile"].value', value: "+47 400 00 000" },
      { op: "Replace", path: "name.familyName", value: "Userson" },
      { op: "Replace", path: `${ENT}:department`, value: "Platform" },
      { op: "Add", path: `${ENT}:manager`, value: id },
      { op: "Replace", path: "active", value: "False" },
    ]);
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({
      displayName: "Test User 2",
      active: false,
      emails: [{ primary: true, type: "work", value: "updated@example.com" }],
      phoneNumbers: [{ type: "mobile", value: "+47 400 00 000" }],
      name: { formatted: "Test User", familyName: "Userson", givenName: "Test" },
    });
    expect(updated.body[ENT]).toMatchObject({
      department: "Platform",
      manager: { value: id, displayName: "Test User 2" },
    });

    const reactivated = await patch("Users", id, [{ op: "Replace", path: "active", value: "True" }]);
    expect(reactivated.body.active).toBe(true);

    const groupId = await createGroup();
    const added = await patch("Groups", groupId, [
      { op: "Add", path: "members", value: [{ $ref: null, value: id }] },
    ]);
    expect(added.status).toBe(200);
    expect(added.body.members).toEqual([
      { value: id, $ref: `http://scim.test/scim/v2/Users/${id}`, type: "User", display: "Test User 2" },
    ]);
    const renamed = await patch("Groups", groupId, [
      { op: "Replace", path: "displayName", value: "Group1Renamed" },
    ]);
    expect(renamed.body.displayName).toBe("Group1Renamed");
    const removed = await patch("Groups", groupId, [
      { op: "Remove", path: "members", value: [{ $ref: null, value: id }] },
    ]);
    expect(removed.body.members).toBeUndefined();

    expect((await scim.call("DELETE", `/Users/${id}`)).status).toBe(204);
    expect((await scim.call("GET", `/Users/${id}`)).status).toBe(404);
  });

  it("aadOptscim062020: path-less replace with dotted and URN keys, real booleans, member removal by filter", async () => {
    const id = await createUser();
    const updated = await patch("Users", id, [
      {
        op: "replace",
        value: {
          displayName: "Test User 3",
          "name.givenName": "Tess",
          "name.familyName": "Usher",
          [`${ENT}:employeeNumber`]: "54321",
          [`${ENT}:manager`]: managerId,
          active: false,
        },
      },
      { op: "add", path: 'emails[type eq "home"].value', value: "home@example.com" },
    ]);
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({
      displayName: "Test User 3",
      name: { formatted: "Test User", givenName: "Tess", familyName: "Usher" },
      active: false,
      emails: [
        { primary: true, type: "work", value: "Test_User_fd0ea19b@example.com" },
        { type: "home", value: "home@example.com" },
      ],
    });
    expect(updated.body[ENT]).toEqual({
      employeeNumber: "54321",
      department: "QA",
      manager: { value: managerId, displayName: "Boss" },
    });

    const groupId = await createGroup();
    await patch("Groups", groupId, [
      { op: "add", path: "members", value: [{ value: id }, { value: managerId }] },
    ]);
    const removed = await patch("Groups", groupId, [{ op: "remove", path: `members[value eq "${id}"]` }]);
    expect(removed.body.members.map((member: { value: string }) => member.value)).toEqual([managerId]);
    const renamed = await patch("Groups", groupId, [
      { op: "replace", value: { displayName: "Group1Renamed" } },
    ]);
    expect(renamed.body.displayName).toBe("Group1Renamed");
    expect((await scim.call("GET", `/Users/${managerId}`)).body.groups).toEqual([
      expect.objectContaining({ value: groupId, display: "Group1Renamed" }),
    ]);
  });
});
