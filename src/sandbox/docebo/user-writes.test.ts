import { describe, expect, it } from "vitest";
import { doceboFixture } from "./fixture.ts";

type Json = Record<string, unknown>;
const json = async (res: Response) => (await res.json()) as Json & { data: Json & Json[] };
const userData = async (call: ReturnType<typeof doceboFixture>["call"], id: number | string) =>
  ((await json(await call("GET", `/manage/v1/user/${id}`))).data as unknown as { user_data: Json }).user_data;

describe("docebo POST /manage/v1/user", () => {
  it("creates a user from userid / firstname / lastname and answers the numeric id", async () => {
    const { call, ctx } = doceboFixture();
    const res = await call("POST", "/manage/v1/user", {
      userid: "new.hire",
      firstname: "New",
      lastname: "Hire",
      email: "new.hire@acme.test",
      password: "Initial-123",
      level: "poweruser",
      valid: "1",
    });
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body.data).toEqual({ user_id: expect.any(Number) });
    const created = await userData(call, body.data.user_id as number);
    expect(created).toMatchObject({
      user_id: String(body.data.user_id),
      username: "new.hire",
      first_name: "New",
      last_name: "Hire",
      level: "poweruser",
      status: "1",
      language: "english",
    });
    expect(created).not.toHaveProperty("password");
    expect(ctx.invitations).toEqual([]);
  });

  it("creates a suspended user with valid=0 and records the welcome e-mail when asked", async () => {
    const { call, ctx } = doceboFixture();
    const res = await call("POST", "/manage/v1/user", {
      userid: "quiet",
      email: "quiet@acme.test",
      valid: 0,
      send_notification_email: true,
    });
    const id = (await json(res)).data.user_id as number;
    expect((await userData(call, id)).status).toBe("0");
    expect(ctx.invitations).toEqual([expect.objectContaining({ to: "quiet@acme.test", kind: "welcome" })]);
  });

  it.each([
    ["an existing userid (any case)", { userid: "USER101", email: "fresh@acme.test" }, "already exists"],
    ["an existing email", { userid: "fresh", email: "user102@acme.test" }, "already used"],
    ["no userid", { email: "x@acme.test" }, 'Missing required parameter "userid"'],
    ["no email", { userid: "x" }, 'Missing required parameter "email"'],
    ["a malformed email", { userid: "x", email: "not-an-email" }, '"email"'],
    ["an unknown level", { userid: "x", email: "x@acme.test", level: "root" }, '"level"'],
    [
      "a manager that does not exist",
      { userid: "x", email: "x@acme.test", manager_id: 9999 },
      '"manager_id"',
    ],
  ])("refuses %s with Yii's 400", async (_, payload, message) => {
    const { call, state } = doceboFixture();
    const before = state.users.size;
    const res = await call("POST", "/manage/v1/user", payload);
    expect(res.status).toBe(400);
    const body = await json(res);
    expect(body).toMatchObject({ name: "Bad Request", code: 0, status: 400 });
    expect(body.message).toContain(message);
    expect(state.users.size).toBe(before);
  });
});

describe("docebo PUT / PATCH /manage/v1/user/{id}", () => {
  it.each(["PUT", "PATCH"])("%s updates only the fields sent", async (method) => {
    const { call } = doceboFixture();
    const res = await call(method, "/manage/v1/user/101", { firstname: "Renamed", manager_id: "102" });
    expect(res.status).toBe(200);
    expect((await json(res)).data).toEqual({ success: true, user_id: 101 });
    expect(await userData(call, 101)).toMatchObject({
      first_name: "Renamed",
      last_name: "Last101",
      email: "user101@acme.test",
      manager_id: "102",
    });
  });

  it("suspends with valid=0 and renames with userid", async () => {
    const { call } = doceboFixture();
    await call("PUT", "/manage/v1/user/101", { valid: "0", userid: "renamed" });
    expect(await userData(call, 101)).toMatchObject({ status: "0", username: "renamed" });
  });

  it("keeps usernames and e-mails unique, except for the user itself", async () => {
    const { call } = doceboFixture();
    expect((await call("PUT", "/manage/v1/user/101", { userid: "user102" })).status).toBe(400);
    expect((await call("PUT", "/manage/v1/user/101", { email: "USER102@acme.test" })).status).toBe(400);
    expect(
      (await call("PUT", "/manage/v1/user/101", { userid: "USER101", email: "user101@acme.test" })).status,
    ).toBe(200);
  });

  it("answers an unknown user with 404 and a user as its own manager with 400", async () => {
    const { call } = doceboFixture();
    const missing = await call("PUT", "/manage/v1/user/999", { firstname: "x" });
    expect(missing.status).toBe(404);
    expect((await json(missing)).message).toBe("User not found");
    expect((await call("PATCH", "/manage/v1/user/101", { manager_id: 101 })).status).toBe(400);
  });
});

describe("docebo DELETE /manage/v1/user/delete", () => {
  it("deletes the users named in the JSON body, with a result per id", async () => {
    const { call, state } = doceboFixture();
    await call("PUT", "/manage/v1/user/102", { manager_id: 101 });
    const res = await call("DELETE", "/manage/v1/user/delete", { user_ids: [101, "999"] });
    expect(res.status).toBe(200);
    expect((await json(res)).data).toEqual([
      { user_id: 101, success: true },
      { user_id: 999, success: false, message: "User not found" },
    ]);
    expect((await call("GET", "/manage/v1/user/101")).status).toBe(404);
    expect(state.branches.get(10)?.userIds.has(101)).toBe(false);
    expect(state.groups.get(1)?.userIds.has(101)).toBe(false);
    expect((await userData(call, 102)).manager_id).toBeNull();
    const listed = await json(await call("GET", "/manage/v1/user"));
    expect((listed.data.items as unknown as Json[]).map((u) => u.user_id)).not.toContain("101");
  });

  it("has no DELETE /manage/v1/user/{id} (405 with Allow) and needs a body", async () => {
    const { call } = doceboFixture();
    const byPath = await call("DELETE", "/manage/v1/user/101");
    expect(byPath.status).toBe(405);
    expect(byPath.headers.get("allow")).toBe("GET, PUT, PATCH");
    expect((await json(byPath)).name).toBe("Method Not Allowed");
    const noBody = await call("DELETE", "/manage/v1/user/delete");
    expect(noBody.status).toBe(400);
    expect((await json(noBody)).message).toContain("user_ids");
    expect((await call("DELETE", "/manage/v1/user/delete", { user_ids: [] })).status).toBe(400);
  });
});

describe("docebo PUT /manage/v1/user/change_status", () => {
  it("suspends and reactivates users", async () => {
    const { call } = doceboFixture();
    const off = await call("PUT", "/manage/v1/user/change_status", { status: "0", user_ids: [101, 102] });
    expect(off.status).toBe(200);
    expect((await json(off)).data).toEqual([
      { user_id: 101, success: true },
      { user_id: 102, success: true },
    ]);
    expect((await userData(call, 102)).status).toBe("0");
    await call("PUT", "/manage/v1/user/change_status", { status: 1, user_ids: ["102"] });
    expect((await userData(call, 102)).status).toBe("1");
  });

  it("refuses a status other than 0 / 1 and reports unknown users", async () => {
    const { call } = doceboFixture();
    expect(
      (await call("PUT", "/manage/v1/user/change_status", { status: "2", user_ids: [101] })).status,
    ).toBe(400);
    const res = await call("PUT", "/manage/v1/user/change_status", { status: "0", user_ids: [999] });
    expect((await json(res)).data).toEqual([{ user_id: 999, success: false, message: "User not found" }]);
  });
});
