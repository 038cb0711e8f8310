import { beforeEach, describe, expect, it } from "vitest";
import { ENTERPRISE_USER_SCHEMA } from "../schemas.ts";
import { type Harness, scimHarness } from "../testing/harness.ts";

const ENT = ENTERPRISE_USER_SCHEMA;

describe("PATCH /Users", () => {
  let scim: Harness;
  let id: string;

  beforeEach(async () => {
    scim = scimHarness();
    const created = await scim.createUser("babs@example.com", {
      externalId: "ext-1",
      displayName: "Babs Jensen",
      title: "Guide",
      active: true,
      name: { givenName: "Barbara", familyName: "Jensen" },
      emails: [
        { value: "babs@example.com", type: "work", primary: true },
        { value: "babs@home.example", type: "home" },
      ],
      [ENT]: { employeeNumber: "7", department: "Tours" },
    });
    expect(created.status).toBe(201);
    id = created.body.id;
  });

  const patch = (...operations: unknown[]) => scim.patch("Users", id, operations);
  const stored = async () => (await scim.call("GET", `/Users/${id}`)).body;

  it("adds, replaces and removes simple attributes, with op names in any case", async () => {
    const reply = await patch(
      { op: "Add", path: "nickName", value: "Babs" },
      { op: "REPLACE", path: "title", value: "Senior Guide" },
      { op: "remove", path: "externalId" },
    );
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ nickName: "Babs", title: "Senior Guide" });
    expect(reply.body.externalId).toBeUndefined();
    expect(reply.body.meta.version).toBe('W/"2"');
    expect(reply.headers.get("etag")).toBe('W/"2"');
  });

  it('coerces Entra\'s "False"/"True" strings on boolean attributes only', async () => {
    const reply = await patch(
      { op: "Replace", path: "active", value: "False" },
      { op: "Replace", path: "title", value: "False" },
      { op: "Replace", path: 'emails[type eq "home"].primary', value: "True" },
    );
    expect(reply.body.active).toBe(false);
    expect(reply.body.title).toBe("False");
    expect(reply.body.emails).toEqual([
      { value: "babs@example.com", type: "work", primary: false },
      { value: "babs@home.example", type: "home", primary: true },
    ]);
  });

  it("deprovisions with Okta's path-less replace {active:false}", async () => {
    const reply = await patch({ op: "replace", value: { active: false } });
    expect(reply.body.active).toBe(false);
    expect(reply.body.userName).toBe("babs@example.com");
  });

  it("applies a path-less replace with dotted and URN keys (Entra aadOptscim062020)", async () => {
    const reply = await patch({
      op: "Replace",
      value: {
        "name.givenName": "Babs",
        displayName: "Babs J",
        [`${ENT}:employeeNumber`]: "8",
        [`${ENT}:manager`]: "boss-id",
        active: false,
      },
    });
    expect(reply.status).toBe(200);
    expect(reply.body.name).toEqual({ givenName: "Babs", familyName: "Jensen" });
    expect(reply.body.displayName).toBe("Babs J");
    expect(reply.body[ENT]).toEqual({
      employeeNumber: "8",
      department: "Tours",
      manager: { value: "boss-id" },
    });
    expect(reply.body.active).toBe(false);
  });

  it("adds a path-less value object with an extension object key", async () => {
    const reply = await patch({ op: "add", value: { [ENT]: { costCenter: "CC1" }, nickName: "B" } });
    expect(reply.body[ENT]).toMatchObject({ employeeNumber: "7", costCenter: "CC1" });
    expect(reply.body.nickName).toBe("B");
  });

  it('creates the entry for a filtered add on a missing entry (Entra phoneNumbers[type eq "work"].value)', async () => {
    const reply = await patch(
      { op: "Add", path: 'phoneNumbers[type eq "work"].value', value: "+1 555 0100" },
      { op: "Replace", path: 'addresses[type eq "work"].locality', value: "Oslo" },
    );
    expect(reply.body.phoneNumbers).toEqual([{ type: "work", value: "+1 555 0100" }]);
    expect(reply.body.addresses).toEqual([{ type: "work", locality: "Oslo" }]);
    const again = await patch({
      op: "Add",
      path: 'phoneNumbers[type eq "work"].value',
      value: "+1 555 0199",
    });
    expect(again.body.phoneNumbers).toEqual([{ type: "work", value: "+1 555 0199" }]);
  });

  it("replaces a sub-attribute of the entries a filter selects", async () => {
    const reply = await patch({
      op: "replace",
      path: 'emails[type eq "work"].value',
      value: "barbara@example.com",
    });
    expect(reply.body.emails).toEqual([
      { value: "barbara@example.com", type: "work", primary: true },
      { value: "babs@home.example", type: "home" },
    ]);
  });

  it("replaces whole filtered entries, keeping the filter's eq terms", async () => {
    const reply = await patch({
      op: "replace",
      path: 'emails[type eq "home"]',
      value: { value: "b@new.example" },
    });
    expect(reply.body.emails).toEqual([
      { value: "babs@example.com", type: "work", primary: true },
      { type: "home", value: "b@new.example" },
    ]);
  });

  it("answers 400 noTarget when a non-eq filter selects nothing for replace", async () => {
    const reply = await patch({ op: "replace", path: 'emails[type sw "x"].value', value: "z@example.com" });
    expect(reply.status).toBe(400);
    expect(reply.body.scimType).toBe("noTarget");
  });

  it("merges added multi-valued values: duplicates update, a new primary demotes the old one", async () => {
    const reply = await patch({
      op: "add",
      path: "emails",
      value: [
        { value: "babs@example.com", type: "work", display: "Work" },
        { value: "b@other.example", type: "other", primary: true },
      ],
    });
    expect(reply.body.emails).toEqual([
      { value: "babs@example.com", type: "work", primary: false, display: "Work" },
      { value: "babs@home.example", type: "home" },
      { value: "b@other.example", type: "other", primary: true },
    ]);
  });

  it("replaces a multi-valued attribute entirely without a filter, accepting a single object", async () => {
    const reply = await patch({
      op: "replace",
      path: "emails",
      value: { value: "only@example.com", type: "work" },
    });
    expect(reply.body.emails).toEqual([{ value: "only@example.com", type: "work" }]);
  });

  it("removes filtered entries, filtered sub-attributes and whole attributes", async () => {
    const reply = await patch(
      { op: "remove", path: 'emails[type eq "home"]' },
      { op: "remove", path: 'emails[type eq "work"].primary' },
      { op: "remove", path: "name.familyName" },
      { op: "remove", path: `${ENT}:department` },
    );
    expect(reply.body.emails).toEqual([{ value: "babs@example.com", type: "work" }]);
    expect(reply.body.name).toEqual({ givenName: "Barbara" });
    expect(reply.body[ENT]).toEqual({ employeeNumber: "7" });
    const all = await patch({ op: "remove", path: "emails" }, { op: "remove", path: ENT });
    expect(all.body.emails).toBeUndefined();
    expect(all.body[ENT]).toBeUndefined();
    expect(all.body.schemas).toEqual(["urn:ietf:params:scim:schemas:core:2.0:User"]);
  });

  it("treats a filtered remove that matches nothing as done", async () => {
    const reply = await patch({ op: "remove", path: 'emails[type eq "pager"]' });
    expect(reply.status).toBe(200);
    expect(reply.body.emails).toHaveLength(2);
    expect(reply.body.meta.version).toBe('W/"1"');
  });

  it("sets sub-attributes of a single complex attribute and merges complex values", async () => {
    const reply = await patch(
      { op: "replace", path: "name.givenName", value: "Babs" },
      { op: "add", path: "name", value: { middleName: "Q" } },
    );
    expect(reply.body.name).toEqual({ givenName: "Babs", familyName: "Jensen", middleName: "Q" });
  });

  it("takes manager as a plain string, fills its displayName from the manager's User, and removes it", async () => {
    const boss = await scim.createUser("boss@example.com", { displayName: "The Boss" });
    const reply = await patch({ op: "Add", path: `${ENT}:manager`, value: boss.body.id });
    expect(reply.body[ENT].manager).toEqual({ value: boss.body.id, displayName: "The Boss" });
    const viaValue = await patch({ op: "replace", path: `${ENT}:manager.value`, value: "unknown-id" });
    expect(viaValue.body[ENT].manager).toEqual({ value: "unknown-id" });
    const removed = await patch({ op: "Remove", path: `${ENT}:manager` });
    expect(removed.body[ENT].manager).toBeUndefined();
    const nulled = await patch(
      { op: "add", path: `${ENT}:manager`, value: { value: boss.body.id } },
      { op: "replace", path: `${ENT}:manager`, value: null },
    );
    expect(nulled.body[ENT].manager).toBeUndefined();
  });

  it("keeps the version when nothing changes", async () => {
    const reply = await patch({ op: "replace", path: "title", value: "Guide" });
    expect(reply.body.meta.version).toBe('W/"1"');
  });

  it("refuses readOnly targets with 400 mutability", async () => {
    for (const operation of [
      { op: "replace", path: "id", value: "other" },
      { op: "replace", path: "meta.created", value: "2020-01-01T00:00:00Z" },
      { op: "add", path: "groups", value: [{ value: "g" }] },
      { op: "replace", value: { id: "other" } },
      { op: "replace", path: `${ENT}:manager.displayName`, value: "X" },
    ]) {
      const reply = await patch(operation);
      expect(reply.status, JSON.stringify(operation)).toBe(400);
      expect(reply.body.scimType).toBe("mutability");
    }
    const sameId = await patch({ op: "replace", value: { id, title: "T" } });
    expect(sameId.body.title).toBe("T");
  });

  it("is atomic: one failing operation stores nothing", async () => {
    const before = await stored();
    const reply = await patch(
      { op: "replace", path: "title", value: "Changed" },
      { op: "replace", path: "active", value: "maybe" },
    );
    expect(reply.status).toBe(400);
    expect(reply.body.scimType).toBe("invalidValue");
    expect(await stored()).toEqual(before);
  });

  it.each([
    [{ op: "remove" }, "noTarget"],
    [{ op: "add", path: "nosuch", value: 1 }, "invalidPath"],
    [{ op: "add", path: "name.nosuch", value: 1 }, "invalidPath"],
    [{ op: "add", path: 'emails[type eq "work"', value: "x" }, "invalidPath"],
    [{ op: "add", path: 'emails[type eq "work"].nosuch', value: "x" }, "invalidPath"],
    [{ op: "add", path: 'emails[type ~ "work"]', value: {} }, "invalidPath"],
    [{ op: "add", path: 'title[value eq "x"]', value: "x" }, "invalidPath"],
    [{ op: "add", value: { nosuch: 1 } }, "invalidSyntax"],
    [{ op: "add", value: "not an object" }, "invalidValue"],
    [{ op: "replace", path: "title", value: 42 }, "invalidValue"],
    [{ op: "replace", path: "emails", value: [{ value: 1 }] }, "invalidValue"],
    [{ op: "replace", path: "name", value: "Babs" }, "invalidValue"],
    [{ op: "add", path: "emails", value: [{ value: "a", bogus: 1 }] }, "invalidSyntax"],
    [{ op: "remove", path: "userName" }, "invalidValue"],
    [{ op: "replace", path: "userName", value: "" }, "invalidValue"],
    [{ op: "add", path: "title" }, "invalidValue"],
    [{ op: "move", path: "title", value: "x" }, "invalidSyntax"],
    [
      {
        op: "add",
        path: "emails",
        value: [
          { value: "a", primary: true },
          { value: "b", primary: true },
        ],
      },
      "invalidValue",
    ],
  ])("rejects %j with 400 %s and stores nothing", async (operation, scimType) => {
    const before = await stored();
    const reply = await patch(operation);
    expect(reply.status).toBe(400);
    expect(reply.body).toMatchObject({ status: "400", scimType });
    expect(await stored()).toEqual(before);
  });

  it("ignores path-less keys of schemas this server does not support", async () => {
    const reply = await patch({ op: "add", value: { "urn:example:custom:1.0:User:badge": "x", title: "T" } });
    expect(reply.status).toBe(200);
    expect(reply.body.title).toBe("T");
  });

  it("answers 409 uniqueness when a PATCH takes another user's userName in another case", async () => {
    await scim.createUser("kim@example.com");
    const reply = await patch({ op: "replace", path: "userName", value: "KIM@example.com" });
    expect(reply.status).toBe(409);
    expect(reply.body.scimType).toBe("uniqueness");
    const own = await patch({ op: "replace", path: "userName", value: "BABS@example.com" });
    expect(own.body.userName).toBe("BABS@example.com");
  });
});

describe("PATCH /Groups", () => {
  let scim: Harness;
  let users: string[];
  let groupId: string;

  beforeEach(async () => {
    scim = scimHarness();
    users = [];
    for (const name of ["ann", "ben", "cat"]) {
      users.push((await scim.createUser(`${name}@example.com`, { displayName: name.toUpperCase() })).body.id);
    }
    groupId = (await scim.createGroup("Sales", [users[0]!])).body.id;
  });

  const patch = (...operations: unknown[]) => scim.patch("Groups", groupId, operations);
  const memberIds = (body: { members?: { value: string }[] }) =>
    (body.members ?? []).map((member) => member.value);

  it('adds members (Entra "$ref": null), filling display, type and $ref from the User', async () => {
    const reply = await patch({
      op: "Add",
      path: "members",
      value: [{ value: users[1], $ref: null }, { value: users[0] }],
    });
    expect(reply.status).toBe(200);
    expect(reply.body.members).toEqual([
      { value: users[0], $ref: `http://scim.test/scim/v2/Users/${users[0]}`, type: "User", display: "ANN" },
      { value: users[1], $ref: `http://scim.test/scim/v2/Users/${users[1]}`, type: "User", display: "BEN" },
    ]);
  });

  it("removes members by a value array (Entra) and by a filter (Okta), idempotently", async () => {
    await patch({ op: "add", path: "members", value: [{ value: users[1] }, { value: users[2] }] });
    const byValue = await patch({ op: "Remove", path: "members", value: [{ value: users[0] }] });
    expect(memberIds(byValue.body)).toEqual([users[1], users[2]]);
    const byFilter = await patch({ op: "remove", path: `members[value eq "${users[1]}"]` });
    expect(memberIds(byFilter.body)).toEqual([users[2]]);
    const again = await patch({ op: "remove", path: `members[value eq "${users[1]}"]` });
    expect(again.status).toBe(200);
    expect(memberIds(again.body)).toEqual([users[2]]);
    const all = await patch({ op: "remove", path: "members" });
    expect(all.body.members).toBeUndefined();
  });

  it("replaces all members", async () => {
    const reply = await patch({
      op: "replace",
      path: "members",
      value: [{ value: users[2] }, { value: users[1] }],
    });
    expect(memberIds(reply.body)).toEqual([users[2], users[1]]);
  });

  it("renames with a path-less replace {id, displayName} (Okta, Entra)", async () => {
    const reply = await patch({ op: "replace", value: { id: groupId, displayName: "Sales EMEA" } });
    expect(reply.body.displayName).toBe("Sales EMEA");
    expect(memberIds(reply.body)).toEqual([users[0]]);
  });

  it("refuses members that are not existing Users with 400 invalidValue, storing nothing", async () => {
    const before = (await scim.call("GET", `/Groups/${groupId}`)).body;
    for (const value of [
      [{ value: "no-such-user" }],
      [{ value: users[1], type: "Group" }],
      [{ display: "x" }],
    ]) {
      const reply = await patch({ op: "add", path: "members", value });
      expect(reply.status).toBe(400);
      expect(reply.body.scimType).toBe("invalidValue");
    }
    expect((await scim.call("GET", `/Groups/${groupId}`)).body).toEqual(before);
  });

  it("refuses changing an existing member's value (immutable) with 400 mutability", async () => {
    const reply = await patch({
      op: "replace",
      path: `members[value eq "${users[0]}"].value`,
      value: users[1],
    });
    expect(reply.status).toBe(400);
    expect(reply.body.scimType).toBe("mutability");
  });
});
