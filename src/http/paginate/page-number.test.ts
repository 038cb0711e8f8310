import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { clientFor } from "../testing/harness.ts";
import { pageNumberPages } from "./page-number.ts";

/** Productive `GET /people`: `page[number]`, `page[size]`, `meta.total_pages`. */
function productive(total: number) {
  const pages: number[] = [];
  const app = new Hono();
  app.get("/api/v2/people", (c) => {
    const number = Number(c.req.query("page[number]"));
    const size = Math.min(200, Number(c.req.query("page[size]") ?? 30));
    pages.push(number);
    const data = Array.from({ length: total }, (_, i) => ({ id: String(i + 1), type: "people" })).slice(
      (number - 1) * size,
      number * size,
    );
    return c.json({
      data,
      meta: {
        current_page: number,
        total_pages: Math.ceil(total / size),
        total_count: total,
        page_size: size,
      },
    });
  });
  return { app, pages };
}

const ProductivePeople = z.object({
  data: z.array(z.object({ id: z.string(), type: z.literal("people") })),
  meta: z.object({ total_pages: z.number() }),
});

function walkProductive(app: Hono, pageSize = 200, resume?: string) {
  const { client } = clientFor(app, { app: "productive", baseUrl: "https://api.productive.io/api/v2" });
  return pageNumberPages(client, {
    path: "/people",
    query: { "filter[status]": 1 },
    schema: ProductivePeople,
    items: (body) => body.data,
    pageParam: "page[number]",
    sizeParam: "page[size]",
    pageSize,
    totalPages: (body) => body.meta.total_pages,
    ...(resume ? { resume } : {}),
  });
}

/** Docebo `GET /manage/v1/user`: `page`, `page_size`, `data.has_more_data`. */
function docebo(total: number) {
  const pages: number[] = [];
  const app = new Hono();
  app.get("/manage/v1/user", (c) => {
    const page = Number(c.req.query("page"));
    const size = Number(c.req.query("page_size"));
    pages.push(page);
    const items = Array.from({ length: total }, (_, i) => ({ user_id: String(i + 1) })).slice(
      (page - 1) * size,
      page * size,
    );
    return c.json({
      data: { items, count: items.length, has_more_data: page * size < total, current_page: page },
    });
  });
  return { app, pages };
}

const DoceboUsers = z.object({
  data: z.object({ items: z.array(z.object({ user_id: z.string() })), has_more_data: z.boolean() }),
});

async function sizes(pages: AsyncIterable<{ items: unknown[] }>) {
  const out: number[] = [];
  for await (const page of pages) out.push(page.items.length);
  return out;
}

describe("pageNumberPages", () => {
  it("stops at total_pages without asking past it (Productive)", async () => {
    const { app, pages } = productive(450);
    expect(await sizes(walkProductive(app))).toEqual([200, 200, 50]);
    expect(pages).toEqual([1, 2, 3]);
  });

  it("an exact multiple of the page size needs no extra request when the total is known", async () => {
    const { app, pages } = productive(400);
    expect(await sizes(walkProductive(app))).toEqual([200, 200]);
    expect(pages).toEqual([1, 2]);
  });

  it("an empty first page ends the walk", async () => {
    const { app, pages } = productive(0);
    expect(await sizes(walkProductive(app))).toEqual([0]);
    expect(pages).toEqual([1]);
  });

  it("resumes from a page's state", async () => {
    const { app, pages } = productive(450);
    let resume: string | undefined;
    for await (const page of walkProductive(app)) {
      resume = page.resume;
      break;
    }
    expect(await sizes(walkProductive(app, 200, resume))).toEqual([200, 50]);
    expect(pages).toEqual([1, 2, 3]);
  });

  it("stops when has_more_data is false (Docebo)", async () => {
    const { app, pages } = docebo(400);
    const { client } = clientFor(app, { app: "docebo" });
    const walk = pageNumberPages(client, {
      path: "/manage/v1/user",
      schema: DoceboUsers,
      items: (body) => body.data.items,
      hasMore: (body) => body.data.has_more_data,
      pageParam: "page",
      sizeParam: "page_size",
      pageSize: 200,
    });
    expect(await sizes(walk)).toEqual([200, 200]);
    expect(pages).toEqual([1, 2]);
  });

  it("without a total or a flag, stops at the first short page and de-duplicates by id when asked", async () => {
    const app = new Hono();
    const served: number[] = [];
    app.get("/list", (c) => {
      const page = Number(c.req.query("page"));
      served.push(page);
      // Page 2 repeats the last record of page 1 (a record was inserted before it mid-walk).
      const pages: Record<number, number[]> = { 1: [1, 2, 3], 2: [3, 4, 5], 3: [6] };
      return c.json((pages[page] ?? []).map((id) => ({ id })));
    });
    const { client } = clientFor(app);
    const walk = pageNumberPages(client, {
      path: "/list",
      schema: z.array(z.object({ id: z.number() })),
      items: (body) => body,
      pageParam: "page",
      pageSize: 3,
      id: (item) => item.id,
    });
    const ids: number[] = [];
    const duplicates: number[] = [];
    for await (const page of walk) {
      ids.push(...page.items.map((i) => i.id));
      duplicates.push(page.duplicates ?? 0);
    }
    expect(ids).toEqual([1, 2, 3, 4, 5, 6]);
    expect(duplicates).toEqual([0, 1, 0]);
    expect(served).toEqual([1, 2, 3]);
  });
});
