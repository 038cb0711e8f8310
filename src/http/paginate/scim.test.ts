import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { clientFor } from "../testing/harness.ts";
import { scimPages } from "./scim.ts";

const ScimUser = z.object({ id: z.string(), userName: z.string(), active: z.boolean() });

/** A SCIM `/Users` endpoint capping `count` at `maxCount`; `Resources` omitted when empty, as RFC 7644 allows. */
function scimServer(total: number, maxCount = 100) {
  const requests: { startIndex: number; count: number; filter?: string }[] = [];
  const app = new Hono();
  app.get("/scim/v2/Users", (c) => {
    const startIndex = Number(c.req.query("startIndex") ?? 1);
    const count = Math.min(maxCount, Number(c.req.query("count") ?? 100));
    const filter = c.req.query("filter");
    requests.push({ startIndex, count, ...(filter ? { filter } : {}) });
    const all = Array.from({ length: total }, (_, i) => ({
      id: `u${i + 1}`,
      userName: `u${i + 1}@x.com`,
      active: true,
    }));
    const page = all.slice(startIndex - 1, startIndex - 1 + count);
    return c.json({
      schemas: ["urn:ietf:params:scim:api:messages:2.0:ListResponse"],
      totalResults: total,
      startIndex,
      itemsPerPage: page.length,
      ...(page.length ? { Resources: page } : {}),
    });
  });
  return { app, requests };
}

async function walk(app: Hono, options: { count?: number; filter?: string } = {}) {
  const { client } = clientFor(app, { app: "docebo-scim" });
  const sizes: number[] = [];
  const ids: string[] = [];
  for await (const page of scimPages(client, { path: "/scim/v2/Users", resource: ScimUser, ...options })) {
    sizes.push(page.items.length);
    ids.push(...page.items.map((u) => u.id));
  }
  return { sizes, ids };
}

describe("scimPages", () => {
  it("advances startIndex and stops at totalResults", async () => {
    const { app, requests } = scimServer(250);
    const { sizes, ids } = await walk(app);
    expect(sizes).toEqual([100, 100, 50]);
    expect(new Set(ids).size).toBe(250);
    expect(requests.map((r) => r.startIndex)).toEqual([1, 101, 201]);
  });

  it("advances by what the server returned when it caps count", async () => {
    const { app, requests } = scimServer(120, 50);
    const { sizes } = await walk(app, { count: 100 });
    expect(sizes).toEqual([50, 50, 20]);
    expect(requests.map((r) => r.startIndex)).toEqual([1, 51, 101]);
  });

  it("an exact multiple needs no extra request; zero results need one", async () => {
    const full = scimServer(200);
    expect((await walk(full.app)).sizes).toEqual([100, 100]);
    expect(full.requests).toHaveLength(2);
    const empty = scimServer(0);
    expect((await walk(empty.app)).sizes).toEqual([0]);
    expect(empty.requests).toHaveLength(1);
  });

  it("passes a filter", async () => {
    const { app, requests } = scimServer(3);
    await walk(app, { filter: 'userName eq "u1@x.com"' });
    expect(requests[0]?.filter).toBe('userName eq "u1@x.com"');
  });

  it("without totalResults, walks to the first empty page and ignores a misreported itemsPerPage", async () => {
    const app = new Hono();
    const starts: number[] = [];
    app.get("/scim/v2/Users", (c) => {
      const startIndex = Number(c.req.query("startIndex"));
      starts.push(startIndex);
      const page = Array.from({ length: 130 }, (_, i) => ({
        id: `u${i + 1}`,
        userName: `u${i + 1}`,
        active: true,
      })).slice(startIndex - 1, startIndex - 1 + 50);
      // No totalResults; itemsPerPage always claims 100; startIndex echoed as a string.
      return c.json({ itemsPerPage: 100, startIndex: String(startIndex), Resources: page });
    });
    const { sizes, ids } = await walk(app);
    expect(sizes).toEqual([50, 50, 30, 0]);
    expect(new Set(ids).size).toBe(130);
    expect(starts).toEqual([1, 51, 101, 131]);
  });

  it("a server ignoring startIndex makes the walk fail instead of returning a partial listing", async () => {
    const app = new Hono();
    app.get("/scim/v2/Users", (c) =>
      c.json({
        totalResults: 5,
        Resources: [1, 2].map((n) => ({ id: `u${n}`, userName: `u${n}`, active: true })),
      }),
    );
    await expect(walk(app)).rejects.toMatchObject({
      code: "invalid",
      message: expect.stringMatching(/loop/),
    });
  });
});
