import { describe, expect, it } from "vitest";
import { doceboFixture, doceboState, doceboUser } from "./fixture.ts";

const USERS = 100_000;

describe("docebo with 100,000 users", () => {
  const state = doceboState(0);
  state.users = Array.from({ length: USERS }, (_, i) => doceboUser(i + 1));
  state.branches[0]!.userIds = Array.from({ length: 450 }, (_, i) => USERS - i);
  const sandbox = doceboFixture({ state, rateLimits: false });

  const page = async (query: string) => {
    const res = await sandbox.call("GET", `/manage/v1/user?${query}`);
    expect(res.status).toBe(200);
    return (
      (await res.json()) as {
        data: { items: { user_id: string }[]; has_more_data: boolean; total_count?: number };
      }
    ).data;
  };

  it("serves the plain list from the maintained id order, without copying or filtering", () => {
    expect(sandbox.state.userView({ sortAttr: "user_id" })).toBe(sandbox.state.orderedIds());
  });

  it("pages to the exact last page", async () => {
    const first = await page("page=1&get_total_count=1");
    expect(first.items).toHaveLength(200);
    expect(first.items[0]?.user_id).toBe("1");
    expect(first.total_count).toBe(USERS);
    const last = await page("page=500");
    expect(last.items.at(-1)?.user_id).toBe(String(USERS));
    expect(last.has_more_data).toBe(false);
    expect((await page("page=501")).items).toEqual([]);
    expect((await page("page=1&sort_dir=desc")).items[0]?.user_id).toBe(String(USERS));
  });

  it("keeps the order through writes: a new user lands on a new last page", async () => {
    const res = await sandbox.call("POST", "/manage/v1/user", {
      userid: "late.joiner",
      email: "late@acme.test",
    });
    expect(res.status).toBe(200);
    const tail = await page("page=501");
    expect(tail.items.map((u) => u.user_id)).toEqual([String(USERS + 1)]);
  });

  it("pages a branch in id order", async () => {
    const branch = await page("branch_id=10&page=3&get_total_count=1");
    expect(branch.total_count).toBe(450);
    expect(branch.items).toHaveLength(50);
    expect(branch.items.at(-1)?.user_id).toBe(String(USERS));
  });
});
