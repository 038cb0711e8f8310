import { describe, expect, it } from "vitest";
import {
  accountOf,
  call,
  expectError,
  getJson,
  sandboxOf,
  smallAccount,
  walkPeople,
} from "./test-fixture.ts";

type Ids = { id: number }[];
const ids = (page: Ids) => page.map((p) => p.id);
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe("GET /people paging (?start=N&limit=M)", () => {
  it("serves 25 people in id order when no limit is given", async () => {
    const sandbox = sandboxOf(accountOf(30));
    expect(ids(await getJson<Ids>(sandbox, "/people"))).toEqual(range(1, 25));
    expect(ids(await getJson<Ids>(sandbox, "/people?start=25"))).toEqual(range(26, 30));
  });

  it("caps a page at 100 people however large the limit", async () => {
    const sandbox = sandboxOf(accountOf(250));
    expect(ids(await getJson<Ids>(sandbox, "/people?limit=1000"))).toEqual(range(1, 100));
    expect(ids(await getJson<Ids>(sandbox, "/people?start=200&limit=100"))).toEqual(range(201, 250));
  });

  it("answers an empty array for an account with no people", async () => {
    const state = accountOf(1);
    state.people = [];
    const sandbox = sandboxOf(state);
    expect(await getJson(sandbox, "/people")).toEqual([]);
    expect(await walkPeople(sandbox, 100)).toEqual([]);
  });

  it("ends an exact multiple of the page size with an empty page", async () => {
    const sandbox = sandboxOf(accountOf(200));
    expect((await getJson<Ids>(sandbox, "/people?start=100&limit=100")).length).toBe(100);
    expect(await getJson(sandbox, "/people?start=200&limit=100")).toEqual([]);
    const walked = await walkPeople(sandbox, 100);
    expect(walked).toEqual(range(1, 200));
  });

  it("ends with a short last page", async () => {
    const sandbox = sandboxOf(accountOf(57));
    expect(ids(await getJson<Ids>(sandbox, "/people?start=50&limit=25"))).toEqual(range(51, 57));
    expect(await walkPeople(sandbox, 25)).toEqual(range(1, 57));
  });

  it("answers an empty array past the end", async () => {
    const sandbox = sandboxOf(smallAccount());
    expect(await getJson(sandbox, "/people?start=5")).toEqual([]);
    expect(await getJson(sandbox, "/people?start=1000000")).toEqual([]);
  });

  it("ignores the seed's ?page= parameter: every page is the first page", async () => {
    const sandbox = sandboxOf(accountOf(60));
    const first = await getJson<Ids>(sandbox, "/people?page=1");
    const second = await getJson<Ids>(sandbox, "/people?page=2");
    expect(ids(second)).toEqual(ids(first));
  });

  it("answers 400 to a start or limit that is not a whole number", async () => {
    const sandbox = sandboxOf(smallAccount());
    for (const query of [
      "start=-1",
      "start=abc",
      "start=1.5",
      "limit=0",
      "limit=-5",
      "limit=ten",
      "limit=",
    ]) {
      await expectError(await call(sandbox, "GET", `/people?${query}`), 400);
    }
  });

  it("takes other page sizes from the options", async () => {
    const sandbox = sandboxOf(accountOf(40), { defaultPageSize: 7, maxPageSize: 10 });
    expect((await getJson<Ids>(sandbox, "/people")).length).toBe(7);
    expect((await getJson<Ids>(sandbox, "/people?limit=50")).length).toBe(10);
    expect(() => sandboxOf(accountOf(1), { maxPageSize: 0 })).toThrow(/maxPageSize/);
  });

  it("serves any page of 100,000 people, after deletes and creates, in id order", async () => {
    const sandbox = sandboxOf(accountOf(100_000), { rateLimits: false });
    expect(ids(await getJson<Ids>(sandbox, "/people?start=99950&limit=100"))).toEqual(range(99_951, 100_000));
    expect((await call(sandbox, "DELETE", "/people/50000")).status).toBe(204);
    const created = await call(sandbox, "POST", "/people", {
      body: { first_name: "New", last_name: "Hire", email: "new.hire@acme.example" },
    });
    expect(created.status).toBe(201);
    const page = ids(await getJson<Ids>(sandbox, "/people?start=49998&limit=3"));
    expect(page).toEqual([49_999, 50_001, 50_002]);
    expect(ids(await getJson<Ids>(sandbox, "/people?start=99998&limit=100"))).toEqual([100_000, 100_001]);
  });
});

describe("paging of projects and groups", () => {
  it("pages projects and groups with the same start / limit rules", async () => {
    const state = smallAccount();
    state.projects = range(1, 30).map((id) => ({ id, title: `P${id}`, assigned: [] }));
    const sandbox = sandboxOf(state);
    expect(ids(await getJson<Ids>(sandbox, "/projects"))).toEqual(range(1, 25));
    expect(ids(await getJson<Ids>(sandbox, "/projects?start=25&limit=100"))).toEqual(range(26, 30));
    expect(ids(await getJson<Ids>(sandbox, "/groups?start=1&limit=1"))).toEqual([11]);
    expect(await getJson(sandbox, "/groups?start=2")).toEqual([]);
    await expectError(await call(sandbox, "GET", "/projects?limit=0"), 400);
  });
});
