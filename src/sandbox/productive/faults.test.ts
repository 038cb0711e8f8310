import { describe, expect, it } from "vitest";
import { admin, get, ids, organizationOf, patch, sandbox, walkIds } from "./test-fixture.ts";

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => String(from + i));

describe("faults: rate-limit storms and server errors in Productive's shape", () => {
  it("a storm answers the next N requests with the JSON:API 429 and Retry-After, then recovers", async () => {
    const box = sandbox(undefined, { faults: { stormRequests: 2 } });
    for (let i = 0; i < 2; i++) {
      const res = await get(box, "/people");
      expect(res.status).toBe(429);
      expect(res.headers.get("retry-after")).toBe("10");
      expect(res.headers.get("content-type")).toBe("application/vnd.api+json; charset=utf-8");
      expect(res.body.errors?.[0]).toMatchObject({ status: "429", code: "rate_limit_exceeded" });
    }
    expect((await get(box, "/people")).status).toBe(200);
    expect(box.ctx.log.recent(3).map((r) => r.fault ?? null)).toEqual(["storm", "storm", null]);
  });

  it("a timed storm lasts stormMs on the sandbox clock", async () => {
    const box = sandbox(undefined, { faults: { stormMs: 5_000 } });
    expect((await get(box, "/users")).status).toBe(429);
    box.clock.advance(5_000);
    expect((await get(box, "/users")).status).toBe(200);
  });

  it("injects 5xx as JSON:API errors, with the configured status", async () => {
    const box = sandbox(undefined, { faults: { errorRate: 1, errorStatus: 502 } });
    const res = await get(box, "/people");
    expect(res.status).toBe(502);
    expect(res.headers.get("content-type")).toBe("application/vnd.api+json; charset=utf-8");
    expect(res.body).toEqual({
      errors: [
        {
          status: "502",
          code: "bad_gateway",
          title: "Bad Gateway",
          detail: "Something went wrong, please try again later",
          meta: {},
          source: {},
        },
      ],
    });
  });

  it("an injected error on a write changes nothing", async () => {
    const box = sandbox(undefined, { faults: { errorRate: 1 } });
    expect((await patch(box, "/people/2836/deactivate")).status).toBe(503);
    expect(box.state.person("2836")?.deactivated_at).toBeNull();
  });

  it("drops connections: the in-process fetch throws like Node's fetch", async () => {
    const box = sandbox(undefined, { faults: { dropRate: 1 } });
    await expect(get(box, "/people")).rejects.toThrow(TypeError);
    await expect(get(box, "/people")).rejects.toThrow("fetch failed");
  });

  it("faults can be switched at run time through /_sandbox/faults", async () => {
    const box = sandbox();
    expect((await admin(box, "PUT", "/faults", { errorRate: 1, errorStatus: 500 })).status).toBe(200);
    const res = await get(box, "/users");
    expect(res.status).toBe(500);
    expect(res.body.errors?.[0]).toMatchObject({ status: "500", title: "Internal Server Error" });
    await admin(box, "DELETE", "/faults");
    expect((await get(box, "/users")).status).toBe(200);
  });
});

describe("faults: page drift", () => {
  it("makes a page-number walk over /people skip records, and records what it did", async () => {
    const box = sandbox(organizationOf(9), { faults: { driftRemove: 1 } });
    const seen = await walkIds(box, "/people", 3);
    // Page 1 serves 1-3 and drops 3, so 4 slides onto page 1 and is never seen; page 2 serves 5-7 and drops 7,
    // so 8 slides onto page 2; page 3 serves 9.
    expect(seen).toEqual(["1", "2", "3", "5", "6", "7", "9"]);
    const stillThere = ids(await get(box, "/people?page[size]=200"));
    expect(stillThere.filter((id) => !seen.includes(id))).toEqual(["4", "8"]);
    expect(box.state.drift.map((d) => [d.collection, d.removed])).toEqual([
      ["people", ["3"]],
      ["people", ["7"]],
      ["people", ["9"]],
      ["people", ["8"]],
    ]);
  });

  it("adds records at the end while a walk is under way", async () => {
    const box = sandbox(organizationOf(4), { faults: { driftAdd: 1 } });
    const first = await get(box, "/people?page[size]=2");
    expect(first.body.meta).toMatchObject({ total_count: 4, total_pages: 2 });
    const second = await get(box, "/people?page[size]=2&page[number]=2");
    expect(ids(second)).toEqual(["3", "4"]);
    expect(second.body.meta).toMatchObject({ total_count: 5, total_pages: 3 });
    const added = box.state.drift[0]?.added[0];
    expect(added).toBe("5");
    expect(box.state.person("5")).toMatchObject({ person_type: 1, is_user: true, deactivated_at: null });
    expect(box.state.person("5")?.user_id).not.toBeNull();
    expect(box.state.person("5")?.email).toMatch(/@acme\.test$/);
  });

  it("drifts /users too, unlinking a removed user's person", async () => {
    const state = organizationOf(2, 4);
    state.people[0]!.user_id = 2;
    const box = sandbox(state, { faults: { driftRemove: 1 } });
    expect(ids(await get(box, "/users?page[size]=2"))).toEqual(["1", "2"]);
    expect(box.state.user("2")).toBeUndefined();
    expect(box.state.person("1")?.user_id).toBeNull();
    expect(ids(await get(box, "/users?page[size]=2&page[number]=2"))).toEqual(["4"]);
  });

  it("drift is off unless asked for", async () => {
    const box = sandbox(organizationOf(9));
    expect(await walkIds(box, "/people", 3)).toEqual(range(1, 9));
    expect(box.state.drift).toEqual([]);
  });

  it("does not drift on failed list requests", async () => {
    const box = sandbox(organizationOf(9), { faults: { driftRemove: 1 } });
    expect((await get(box, "/people?filter[nope]=1")).status).toBe(400);
    expect((await get(box, "/people", { headers: { "X-Auth-Token": "x" } })).status).toBe(401);
    expect(box.state.drift).toEqual([]);
  });
});

describe("/_sandbox admin", () => {
  it("shows a state snapshot without the token or passwords", async () => {
    const box = sandbox(undefined, { tokenOwnerPersonId: "2835" });
    await patch(box, "/people/2836/deactivate");
    const res = await admin(box, "GET", "/state");
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({
      organizationId: "913",
      tokenOwnerPersonId: "2835",
      tokenRevoked: false,
    });
    expect(res.json.people).toHaveLength(7);
    expect(res.json.people[1]).toMatchObject({ id: "2836", deactivated_at: expect.any(String) });
    expect(res.json.users.map((u: { id: string }) => u.id)).toEqual(["2861", "2862", "2863", "2864"]);
    expect(res.text).not.toContain("pat-sandbox-0001");
    expect(res.text).not.toContain("password1234");
  });

  it("lists sent invitations and logged requests", async () => {
    const box = sandbox();
    await patch(box, "/people/2838/invite");
    expect((await admin(box, "GET", "/invitations")).json.invitations).toHaveLength(1);
    const requests = await admin(box, "GET", "/requests");
    expect(requests.json.recent).toEqual([
      expect.objectContaining({ method: "PATCH", path: "/api/v2/people/2838/invite", status: 200 }),
    ]);
  });
});
