import { describe, expect, it } from "vitest";
import { BASE, get, ids, organizationOf, sandbox, walkIds } from "./test-fixture.ts";

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => String(from + i));
const link = (path: string, number: number, size: number, query = "") =>
  `${BASE}${path}?${query}page%5Bnumber%5D=${number}&page%5Bsize%5D=${size}`;

describe("page[number] / page[size] on /people", () => {
  it("serves 30 per page by default, with first/next/last links and meta", async () => {
    const box = sandbox(organizationOf(65));
    const res = await get(box, "/people");
    expect(ids(res)).toEqual(range(1, 30));
    expect(res.body.meta).toEqual({
      current_page: 1,
      total_pages: 3,
      total_count: 65,
      page_size: 30,
      max_page_size: 200,
    });
    expect(res.body.links).toEqual({
      first: link("/people", 1, 30),
      next: link("/people", 2, 30),
      last: link("/people", 3, 30),
    });
  });

  it("serves a short last page with prev but no next", async () => {
    const res = await get(sandbox(organizationOf(65)), "/people?page[number]=3");
    expect(ids(res)).toEqual(range(61, 65));
    expect(res.body.meta).toMatchObject({ current_page: 3, total_pages: 3 });
    expect(res.body.links).toEqual({
      first: link("/people", 1, 30),
      prev: link("/people", 2, 30),
      last: link("/people", 3, 30),
    });
  });

  it("handles a total that is an exact multiple of the page size: the last page is full, the next is empty", async () => {
    const box = sandbox(organizationOf(60));
    const last = await get(box, "/people?page[number]=2&page[size]=30");
    expect(ids(last)).toEqual(range(31, 60));
    expect(last.body.meta).toMatchObject({ total_pages: 2, total_count: 60 });
    expect(last.body.links?.next).toBeUndefined();
    const beyond = await get(box, "/people?page[number]=3&page[size]=30");
    expect(beyond.status).toBe(200);
    expect(ids(beyond)).toEqual([]);
    expect(beyond.body.meta).toMatchObject({ current_page: 3, total_pages: 2, total_count: 60 });
    expect(await walkIds(box, "/people", 30)).toEqual(range(1, 60));
  });

  it("answers a page far beyond the last with empty data", async () => {
    const res = await get(sandbox(organizationOf(5)), "/people?page[number]=1000000");
    expect(res.status).toBe(200);
    expect(ids(res)).toEqual([]);
    expect(res.body.meta).toMatchObject({ current_page: 1000000, total_pages: 1, total_count: 5 });
  });

  it("serves an empty collection with total_pages 0 and last → page 1", async () => {
    const res = await get(sandbox(organizationOf(0)), "/people");
    expect(ids(res)).toEqual([]);
    expect(res.body.meta).toEqual({
      current_page: 1,
      total_pages: 0,
      total_count: 0,
      page_size: 30,
      max_page_size: 200,
    });
    expect(res.body.links).toEqual({ first: link("/people", 1, 30), last: link("/people", 1, 30) });
  });

  it("honours page[size] up to 200 and clamps anything larger to 200", async () => {
    const box = sandbox(organizationOf(450));
    const exact = await get(box, "/people?page[size]=200");
    expect(ids(exact)).toHaveLength(200);
    const clamped = await get(box, "/people?page[size]=1000&page[number]=3");
    expect(ids(clamped)).toEqual(range(401, 450));
    expect(clamped.body.meta).toMatchObject({ page_size: 200, total_pages: 3, max_page_size: 200 });
    expect(clamped.body.links?.first).toBe(link("/people", 1, 200));
  });

  it.each([
    ["page[number]=0", 1, 30],
    ["page[number]=-2", 1, 30],
    ["page[number]=abc", 1, 30],
    ["page[number]=1.5", 1, 30],
    ["page[size]=0", 1, 30],
    ["page[size]=-5", 1, 30],
    ["page[size]=ten", 1, 30],
    ["page[number]=2&page[size]=7", 2, 7],
  ])("reads ?%s as page %i of size %i", async (query, number, size) => {
    const res = await get(sandbox(organizationOf(40)), `/people?${query}`);
    expect(res.status).toBe(200);
    expect(res.body.meta).toMatchObject({ current_page: number, page_size: size });
    expect(ids(res)[0]).toBe(String((number - 1) * size + 1));
  });

  it("keeps filters in the links and counts only matching people", async () => {
    const state = organizationOf(10);
    for (const p of state.people.slice(0, 4)) p.deactivated_at = "2026-01-01T00:00:00.000Z";
    const res = await get(sandbox(state), "/people?filter[status]=1&page[size]=4&page[number]=2");
    expect(ids(res)).toEqual(["9", "10"]);
    expect(res.body.meta).toMatchObject({ total_count: 6, total_pages: 2 });
    expect(res.body.links?.first).toBe(link("/people", 1, 4, "filter%5Bstatus%5D=1&"));
  });

  it("takes its default and maximum page size from options", async () => {
    const box = sandbox(organizationOf(30), { defaultPageSize: 10, maxPageSize: 25 });
    expect((await get(box, "/people")).body.meta).toMatchObject({
      page_size: 10,
      total_pages: 3,
      max_page_size: 25,
    });
    expect((await get(box, "/people?page[size]=100")).body.meta).toMatchObject({ page_size: 25 });
  });

  it("refuses nonsense page-size options", () => {
    expect(() => sandbox(organizationOf(1), { maxPageSize: 0 })).toThrow(/maxPageSize/);
    expect(() => sandbox(organizationOf(1), { defaultPageSize: 2.5 })).toThrow(/defaultPageSize/);
  });
});

describe("page[number] / page[size] on /users", () => {
  it("pages users the same way", async () => {
    const box = sandbox(organizationOf(0, 45));
    const second = await get(box, "/users?page[number]=2&page[size]=20");
    expect(ids(second)).toEqual(range(21, 40));
    expect(second.body.meta).toEqual({
      current_page: 2,
      total_pages: 3,
      total_count: 45,
      page_size: 20,
      max_page_size: 200,
    });
    expect(second.body.links).toEqual({
      first: link("/users", 1, 20),
      prev: link("/users", 1, 20),
      next: link("/users", 3, 20),
      last: link("/users", 3, 20),
    });
    expect(await walkIds(box, "/users", 20)).toEqual(range(1, 45));
  });

  it("serves an empty user list", async () => {
    const res = await get(sandbox(organizationOf(0, 0)), "/users");
    expect(ids(res)).toEqual([]);
    expect(res.body.meta).toMatchObject({ total_pages: 0, total_count: 0 });
  });
});
