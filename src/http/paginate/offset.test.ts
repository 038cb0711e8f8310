import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { clientFor } from "../testing/harness.ts";
import { offsetPages } from "./offset.ts";

const PodioOrgMember = z.object({
  user: z.object({ user_id: z.number(), mail: z.string() }),
  role: z.string(),
});

/**
 * Podio `GET /org/{id}/member/`: `offset`/`limit`, a bare array, no total. `driftAdd` new members are inserted at
 * the front after each page is served, so already-served members shift to later offsets and come back.
 */
function podio(total: number, driftAdd = 0) {
  let members = Array.from({ length: total }, (_, i) => ({
    user: { user_id: i + 1, mail: `u${i + 1}@x.com` },
    role: "regular",
  }));
  let nextId = total + 1;
  const offsets: number[] = [];
  const app = new Hono();
  app.get("/org/7/member/", (c) => {
    const offset = Number(c.req.query("offset") ?? 0);
    const limit = Math.min(100, Number(c.req.query("limit") ?? 20));
    offsets.push(offset);
    const page = members.slice(offset, offset + limit);
    const added = Array.from({ length: driftAdd }, () => {
      const id = nextId++;
      return { user: { user_id: id, mail: `u${id}@x.com` }, role: "regular" };
    });
    members = [...added, ...members];
    return c.json(page);
  });
  return { app, offsets };
}

function walk(app: Hono, pageSize = 100, resume?: string) {
  const { client } = clientFor(app, { app: "podio", baseUrl: "https://api.podio.com" });
  return offsetPages(client, {
    path: "/org/7/member/",
    schema: z.array(PodioOrgMember),
    items: (body) => body,
    offsetParam: "offset",
    limitParam: "limit",
    pageSize,
    id: (member) => member.user.user_id,
    ...(resume ? { resume } : {}),
  });
}

describe("offsetPages", () => {
  it("stops at the first short page", async () => {
    const { app, offsets } = podio(250);
    const sizes: number[] = [];
    for await (const page of walk(app)) sizes.push(page.items.length);
    expect(sizes).toEqual([100, 100, 50]);
    expect(offsets).toEqual([0, 100, 200]);
  });

  it("an exact multiple of the page size ends with one empty page", async () => {
    const { app, offsets } = podio(200);
    const sizes: number[] = [];
    for await (const page of walk(app)) sizes.push(page.items.length);
    expect(sizes).toEqual([100, 100, 0]);
    expect(offsets).toEqual([0, 100, 200]);
  });

  it("an empty first page ends the walk after one request", async () => {
    const { app, offsets } = podio(0);
    const sizes: number[] = [];
    for await (const page of walk(app)) sizes.push(page.items.length);
    expect(sizes).toEqual([0]);
    expect(offsets).toEqual([0]);
  });

  it("drops members that drift back onto later pages, so every original member appears exactly once", async () => {
    const { app } = podio(250, 3);
    const ids: number[] = [];
    let duplicates = 0;
    for await (const page of walk(app)) {
      ids.push(...page.items.map((m) => m.user.user_id));
      duplicates += page.duplicates ?? 0;
    }
    expect(new Set(ids).size).toBe(ids.length);
    for (let id = 1; id <= 250; id += 1) expect(ids).toContain(id);
    expect(duplicates).toBeGreaterThan(0);
  });

  it("resumes at the offset after a given page", async () => {
    const { app, offsets } = podio(250);
    let resume: string | undefined;
    for await (const page of walk(app)) {
      resume = page.resume;
      break;
    }
    const sizes: number[] = [];
    for await (const page of walk(app, 100, resume)) sizes.push(page.items.length);
    expect(sizes).toEqual([100, 50]);
    expect(offsets).toEqual([0, 100, 200]);
  });

  it("stops with an error instead of walking forever", async () => {
    const app = new Hono();
    app.get("/org/7/member/", (c) =>
      c.json(Array.from({ length: 2 }, () => ({ user: { user_id: Math.random(), mail: "x" }, role: "r" }))),
    );
    const { client } = clientFor(app);
    const capped = offsetPages(client, {
      path: "/org/7/member/",
      schema: z.array(PodioOrgMember),
      items: (body) => body,
      offsetParam: "offset",
      limitParam: "limit",
      pageSize: 2,
      id: (m) => m.user.user_id,
      maxPages: 5,
    });
    let count = 0;
    await expect(
      (async () => {
        for await (const _ of capped) count += 1;
      })(),
    ).rejects.toMatchObject({ code: "invalid" });
    expect(count).toBe(5);
  });
});
