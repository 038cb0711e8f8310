import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { HttpError } from "../errors.ts";
import { clientFor } from "../testing/harness.ts";
import { cursorPages } from "./cursor.ts";

const Member = z.object({ id: z.string(), fields: z.object({ email: z.string() }) });
const MemberList = z.object({
  data: z.array(Member),
  links: z.object({ next: z.string().nullish() }).optional(),
});

/**
 * Productboard `GET /v2/members`: 100 per page, `links.next` an absolute URL with `pageCursor`, absent on the last
 * page. `loop` reproduces the community report: the last page hands back the first cursor.
 */
function productboard(
  total: number,
  options: { loop?: boolean; bare?: boolean; foreignNext?: boolean } = {},
) {
  const members = Array.from({ length: total }, (_, i) => ({
    id: `m${i}`,
    fields: { email: `m${i}@x.com` },
  }));
  const cursors: (string | undefined)[] = [];
  const app = new Hono();
  app.get("/v2/members", (c) => {
    const cursor = c.req.query("pageCursor");
    cursors.push(cursor);
    const offset = cursor ? Number(Buffer.from(cursor, "base64url").toString()) : 0;
    const data = members.slice(offset, offset + 100);
    let nextOffset: number | undefined = offset + 100 < total ? offset + 100 : undefined;
    if (nextOffset === undefined && options.loop && total > 100) nextOffset = 100;
    const nextCursor =
      nextOffset === undefined ? undefined : Buffer.from(String(nextOffset)).toString("base64url");
    const host = options.foreignNext ? "https://elsewhere.example" : "https://api.productboard.com";
    const next =
      nextCursor === undefined
        ? null
        : options.bare
          ? nextCursor
          : `${host}/v2/members?pageCursor=${nextCursor}`;
    return c.json({ data, links: { next } });
  });
  return { app, cursors };
}

const walk = (app: Hono, extra: { resume?: string; bare?: boolean } = {}) => {
  const { client } = clientFor(app, { app: "productboard", baseUrl: "https://api.productboard.com" });
  return cursorPages(client, {
    path: "/v2/members",
    schema: MemberList,
    items: (body) => body.data,
    next: (body) => body.links?.next,
    cursorParam: "pageCursor",
    ...(extra.resume ? { resume: extra.resume } : {}),
  });
};

async function collect<T>(pages: AsyncIterable<{ items: T[] }>) {
  const all: T[][] = [];
  for await (const page of pages) all.push(page.items);
  return all;
}

describe("cursorPages", () => {
  it("follows next links until there is none: one request per page", async () => {
    const { app, cursors } = productboard(250);
    const pages = await collect(walk(app));
    expect(pages.map((p) => p.length)).toEqual([100, 100, 50]);
    expect(new Set(pages.flat().map((m) => m.id)).size).toBe(250);
    expect(cursors).toHaveLength(3);
  });

  it("an exact multiple of the page size costs no extra request", async () => {
    const { app, cursors } = productboard(200);
    expect((await collect(walk(app))).map((p) => p.length)).toEqual([100, 100]);
    expect(cursors).toHaveLength(2);
  });

  it("an empty first page ends the walk", async () => {
    const { app, cursors } = productboard(0);
    expect(await collect(walk(app))).toEqual([[]]);
    expect(cursors).toHaveLength(1);
  });

  it("throws `invalid` when the server hands back a cursor it already gave (no infinite loop)", async () => {
    const { app, cursors } = productboard(250, { loop: true });
    const seen: number[] = [];
    const error = await (async () => {
      for await (const page of walk(app)) seen.push(page.items.length);
    })().catch((e) => e);
    expect(error).toBeInstanceOf(HttpError);
    expect(error).toMatchObject({ code: "invalid", app: "productboard", path: "/v2/members" });
    expect(error.message).toContain("pagination loop");
    // The looping page's own records are delivered before the error.
    expect(seen).toEqual([100, 100, 50]);
    expect(cursors).toHaveLength(3);
  });

  it("sends bare cursors in `cursorParam`", async () => {
    const { app, cursors } = productboard(150, { bare: true });
    expect((await collect(walk(app))).map((p) => p.length)).toEqual([100, 50]);
    expect(cursors[1]).toBe(Buffer.from("100").toString("base64url"));
  });

  it("resumes after a given page from its opaque state, keeping the loop guard", async () => {
    const { app, cursors } = productboard(350, { loop: true });
    let resume: string | undefined;
    for await (const page of walk(app)) {
      resume = page.resume;
      break;
    }
    expect(resume).toEqual(expect.any(String));
    const rest: number[] = [];
    const error = await (async () => {
      for await (const page of walk(app, { resume: resume! })) rest.push(page.items.length);
    })().catch((e) => e);
    expect(rest).toEqual([100, 100, 50]);
    expect(error?.message).toContain("pagination loop");
    expect(cursors[1]).toBe(Buffer.from("100").toString("base64url"));
  });

  it("refuses a next link to another origin", async () => {
    const { app } = productboard(150, { foreignNext: true });
    await expect(collect(walk(app))).rejects.toMatchObject({ code: "invalid" });
  });

  it("refuses a resume token from another kind of walk", async () => {
    const { app } = productboard(10);
    const foreign = Buffer.from(JSON.stringify({ kind: "offset", offset: 3 })).toString("base64url");
    await expect(collect(walk(app, { resume: foreign }))).rejects.toThrow(
      "not a resume token of a cursor walk",
    );
  });
});
