import { describe, expect, it } from "vitest";
import { doceboFixture, doceboState } from "./fixture.ts";

type Json = Record<string, unknown>;
interface ListBody {
  data: { items: Json[]; count: number; has_more_data: boolean; total_count?: number };
}
const json = async (res: Response) => (await res.json()) as Json & { data: Json[] };
const list = async (res: Response) => {
  expect(res.status).toBe(200);
  return (await res.json()) as ListBody;
};

describe("docebo orgchart (branches)", () => {
  it("lists branches with their parent and whether they have children, paged", async () => {
    const { call } = doceboFixture();
    const all = await list(await call("GET", "/manage/v1/orgchart?get_total_count=1"));
    expect(all.data.items).toEqual([
      { id: 10, code: "SALES", name: "Sales", parent_id: null, has_children: true },
      { id: 11, code: "EMEA", name: "Sales EMEA", parent_id: 10, has_children: false },
      { id: 12, code: "SUP", name: "Support", parent_id: null, has_children: false },
    ]);
    expect(all.data.total_count).toBe(3);
    const page2 = await list(await call("GET", "/manage/v1/orgchart?page_size=2&page=2"));
    expect(page2.data).toMatchObject({ count: 1, has_more_data: false });
    const search = await list(await call("GET", "/manage/v1/orgchart?search_text=emea"));
    expect(search.data.items.map((b) => b.id)).toEqual([11]);
  });

  it("lists a branch's users as user items, and 404s an unknown branch", async () => {
    const { call } = doceboFixture();
    const sales = await list(await call("GET", "/manage/v1/orgchart/10/users?page_size=1"));
    expect(sales.data).toMatchObject({ count: 1, has_more_data: true });
    expect(sales.data.items[0]).toMatchObject({ user_id: "101", username: "user101" });
    const empty = await list(await call("GET", "/manage/v1/orgchart/12/users"));
    expect(empty.data).toMatchObject({ items: [], has_more_data: false });
    const missing = await call("GET", "/manage/v1/orgchart/99/users");
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({
      name: "Not Found",
      message: "Branch not found",
      code: 0,
      status: 404,
    });
  });

  it("assigns users to a branch without removing them from others", async () => {
    const { call } = doceboFixture();
    const res = await call("POST", "/manage/v1/orgchart/assign_users", {
      branch_id: 12,
      user_ids: [101, 999],
    });
    expect(res.status).toBe(200);
    expect((await json(res)).data).toEqual([
      { user_id: 101, success: true },
      { user_id: 999, success: false, message: "User not found" },
    ]);
    const support = await list(await call("GET", "/manage/v1/user?branch_id=12"));
    expect(support.data.items.map((u) => u.user_id)).toEqual(["101"]);
    const sales = await list(await call("GET", "/manage/v1/orgchart/10/users"));
    expect(sales.data.items.map((u) => u.user_id)).toContain("101");
  });

  it("refuses an unknown branch or a missing user list", async () => {
    const { call } = doceboFixture();
    expect(
      (await call("POST", "/manage/v1/orgchart/assign_users", { branch_id: 99, user_ids: [101] })).status,
    ).toBe(400);
    const res = await call("POST", "/manage/v1/orgchart/assign_users", { branch_id: 10 });
    expect(res.status).toBe(400);
    expect(((await res.json()) as Json).message).toContain("user_ids");
  });
});

describe("docebo groups", () => {
  it("lists static and dynamic groups, filtered by type", async () => {
    const { call } = doceboFixture();
    const all = await list(await call("GET", "/manage/v1/group"));
    expect(all.data.items).toEqual([
      { group_id: 1, name: "Onboarding", type: "static", members_count: 1 },
      { group_id: 2, name: "All Sales", type: "dynamic", members_count: 2 },
    ]);
    const dynamic = await list(await call("GET", "/manage/v1/group?type=dynamic"));
    expect(dynamic.data.items.map((g) => g.group_id)).toEqual([2]);
    expect((await call("GET", "/manage/v1/group?type=smart")).status).toBe(400);
  });

  it("lists a group's members and 404s an unknown group", async () => {
    const { call } = doceboFixture();
    const members = await list(await call("GET", "/manage/v1/group/2/members"));
    expect(members.data.items.map((u) => u.username)).toEqual(["user101", "user102"]);
    expect((await call("GET", "/manage/v1/group/42/members")).status).toBe(404);
  });

  it("enrolls users into and removes them from a static group", async () => {
    const { call } = doceboFixture();
    const add = await call("POST", "/manage/v1/group/1/members", { user_ids: [102, 103] });
    expect(add.status).toBe(200);
    expect((await json(add)).data).toEqual([
      { user_id: 102, success: true },
      { user_id: 103, success: true },
    ]);
    const after = await list(await call("GET", "/manage/v1/group/1/members"));
    expect(after.data.items.map((u) => u.user_id)).toEqual(["101", "102", "103"]);
    const remove = await call("DELETE", "/manage/v1/group/1/members", { user_ids: [101] });
    expect(remove.status).toBe(200);
    const final = await list(await call("GET", "/manage/v1/group/1/members"));
    expect(final.data.items.map((u) => u.user_id)).toEqual(["102", "103"]);
  });

  it.each(["POST", "DELETE"])("rejects %s on a dynamic group's members with Yii's 400", async (method) => {
    const { call, state } = doceboFixture({ state: doceboState(4) });
    const res = await call(method, "/manage/v1/group/2/members", { user_ids: [103] });
    expect(res.status).toBe(400);
    const body = (await res.json()) as Json;
    expect(body).toMatchObject({ name: "Bad Request", code: 0, status: 400 });
    expect(body.message).toMatch(/dynamic group/);
    expect([...state.groups.get(2)!.userIds]).toEqual([101, 102]);
  });
});
