import { describe, expect, it } from "vitest";
import { doceboFixture, doceboState, doceboUser } from "./fixture.ts";

interface ListBody {
  data: {
    items: Record<string, unknown>[];
    count: number;
    has_more_data: boolean;
    current_page: number;
    current_page_size: number;
    total_page_count: number;
    total_count?: number;
  };
  version: string;
  _links: Record<string, { href: string }>;
}

const list = async (res: Response) => {
  expect(res.status).toBe(200);
  return (await res.json()) as ListBody;
};
const usernames = (body: ListBody) => body.data.items.map((u) => u.username);

describe("docebo GET /manage/v1/user", () => {
  it("serves the data.items envelope with Docebo's field names and value types", async () => {
    const { call } = doceboFixture();
    const body = await list(await call("GET", "/manage/v1/user"));
    expect(body.data).toMatchObject({
      count: 5,
      has_more_data: false,
      current_page: 1,
      current_page_size: 200,
      total_page_count: 1,
    });
    expect(body.data.total_count).toBeUndefined();
    expect(body.version).toBe("1.0.0");
    expect(body._links.self?.href).toContain("/manage/v1/user?page=1");
    expect(body.data.items[1]).toEqual({
      user_id: "101",
      username: "user101",
      first_name: "First101",
      last_name: "Last101",
      email: "user101@acme.test",
      status: "1",
      level: "user",
      expiration_date: null,
      creation_date: "2025-01-02 03:04:05",
      last_access_date: "2026-10-01 08:00:00",
      language: "english",
      manager_id: null,
    });
  });

  it("adds total_count only with get_total_count=1", async () => {
    const { call } = doceboFixture();
    expect((await list(await call("GET", "/manage/v1/user?get_total_count=1"))).data.total_count).toBe(5);
    expect(
      (await list(await call("GET", "/manage/v1/user?get_total_count=0"))).data.total_count,
    ).toBeUndefined();
  });

  it("pages an empty platform", async () => {
    const state = doceboState(0);
    state.users = [];
    const { call } = doceboFixture({ state });
    const body = await list(await call("GET", "/manage/v1/user?get_total_count=1"));
    expect(body.data).toMatchObject({
      items: [],
      count: 0,
      has_more_data: false,
      total_page_count: 0,
      total_count: 0,
    });
  });

  it("pages an exact multiple of the page size: the last full page says has_more_data false", async () => {
    const { call } = doceboFixture({ state: doceboState(3) }); // 4 users
    const p1 = await list(await call("GET", "/manage/v1/user?page_size=2&page=1"));
    expect(p1.data).toMatchObject({ count: 2, has_more_data: true, total_page_count: 2 });
    expect(p1._links.next?.href).toContain("page=2");
    const p2 = await list(await call("GET", "/manage/v1/user?page_size=2&page=2"));
    expect(p2.data).toMatchObject({ count: 2, has_more_data: false, current_page: 2 });
    expect(p2._links.next).toBeUndefined();
    const p3 = await list(await call("GET", "/manage/v1/user?page_size=2&page=3"));
    expect(p3.data).toMatchObject({ items: [], count: 0, has_more_data: false, current_page: 3 });
  });

  it("serves a short last page and walks every user exactly once", async () => {
    const { call } = doceboFixture({ state: doceboState(6) }); // 7 users
    const seen: unknown[] = [];
    let page = 1;
    for (;;) {
      const body = await list(await call("GET", `/manage/v1/user?page_size=3&page=${page}`));
      seen.push(...body.data.items.map((u) => u.user_id));
      if (!body.data.has_more_data) {
        expect(body.data.count).toBe(1);
        break;
      }
      page += 1;
    }
    expect(page).toBe(3);
    expect(seen).toEqual(["1", "101", "102", "103", "104", "105", "106"]);
  });

  it("caps page_size at the maximum (200 by default, maxPageSize when set)", async () => {
    const { call } = doceboFixture({ state: doceboState(6), maxPageSize: 4 });
    const body = await list(await call("GET", "/manage/v1/user?page_size=500"));
    expect(body.data).toMatchObject({ count: 4, current_page_size: 4, has_more_data: true });
    const byDefault = await list(await call("GET", "/manage/v1/user"));
    expect(byDefault.data.current_page_size).toBe(4);
  });

  it("sorts by sort_attr / sort_dir", async () => {
    const state = doceboState(3);
    state.users[1]!.last_name = "Zeta";
    state.users[2]!.last_name = "alpha";
    const { call } = doceboFixture({ state });
    const byName = await list(await call("GET", "/manage/v1/user?sort_attr=last_name&sort_dir=asc"));
    expect(byName.data.items.map((u) => u.last_name)).toEqual(["Admin", "alpha", "Last103", "Zeta"]);
    const desc = await list(await call("GET", "/manage/v1/user?sort_dir=desc&page_size=2&page=1"));
    expect(desc.data.items.map((u) => u.user_id)).toEqual(["103", "102"]);
    const desc2 = await list(await call("GET", "/manage/v1/user?sort_dir=desc&page_size=2&page=2"));
    expect(desc2.data.items.map((u) => u.user_id)).toEqual(["101", "1"]);
  });

  it("searches username, e-mail and full name with search_text", async () => {
    const state = doceboState(3);
    state.users.push(
      doceboUser(200, { username: "jdoe", first_name: "John", last_name: "Doe", email: "john@other.test" }),
    );
    const { call } = doceboFixture({ state });
    expect(usernames(await list(await call("GET", "/manage/v1/user?search_text=JOHN%20doe")))).toEqual([
      "jdoe",
    ]);
    expect(usernames(await list(await call("GET", "/manage/v1/user?search_text=other.test")))).toEqual([
      "jdoe",
    ]);
    expect(usernames(await list(await call("GET", "/manage/v1/user?search_text=user10")))).toEqual([
      "user101",
      "user102",
      "user103",
    ]);
    expect((await list(await call("GET", "/manage/v1/user?search_text=nobody"))).data.count).toBe(0);
  });

  it("filters by branch_id", async () => {
    const { call } = doceboFixture();
    expect(usernames(await list(await call("GET", "/manage/v1/user?branch_id=10")))).toEqual([
      "user101",
      "user102",
    ]);
    expect((await list(await call("GET", "/manage/v1/user?branch_id=999"))).data.count).toBe(0);
  });

  it('lists suspended users with status "0"', async () => {
    const state = doceboState(2);
    state.users[2]!.status = "0";
    const { call } = doceboFixture({ state });
    const body = await list(await call("GET", "/manage/v1/user"));
    expect(body.data.items.map((u) => u.status)).toEqual(["1", "1", "0"]);
  });

  it.each([
    ["page=0", "page"],
    ["page=abc", "page"],
    ["page_size=0", "page_size"],
    ["sort_attr=password", "sort_attr"],
    ["sort_dir=up", "sort_dir"],
    ["branch_id=x", "branch_id"],
  ])("answers %s with Yii's 400", async (query, param) => {
    const { call } = doceboFixture();
    const res = await call("GET", `/manage/v1/user?${query}`);
    expect(res.status).toBe(400);
    const body = (await res.json()) as { name: string; message: string; code: number; status: number };
    expect(body).toMatchObject({ name: "Bad Request", code: 0, status: 400 });
    expect(body.message).toContain(param);
  });
});

describe("docebo GET /manage/v1/user/{id}", () => {
  it("serves the user under data.user_data with its branches", async () => {
    const { call } = doceboFixture();
    const res = await call("GET", "/manage/v1/user/102");
    expect(res.status).toBe(200);
    const body = (await res.json()) as { data: { user_data: Record<string, unknown>; branches: unknown[] } };
    expect(body.data.user_data).toMatchObject({ user_id: "102", username: "user102", status: "1" });
    expect(body.data.branches).toEqual([
      { id: 10, code: "SALES", name: "Sales" },
      { id: 11, code: "EMEA", name: "Sales EMEA" },
    ]);
  });

  it("answers an unknown id with Yii's 404", async () => {
    const { call } = doceboFixture();
    const res = await call("GET", "/manage/v1/user/999");
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ name: "Not Found", message: "User not found", code: 0, status: 404 });
  });
});
