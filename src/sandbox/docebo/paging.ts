import type { Context } from "hono";
import { jsonBytes, rawJsonArray } from "../kit/json-fragments.ts";
import { DoceboHttpError } from "./errors.ts";

/** `page` (1-based), `page_size` (default and max 200, larger values are capped) and `get_total_count=1`. */
export interface PageRequest {
  page: number;
  pageSize: number;
  includeTotal: boolean;
}

/** Every `/manage/v1` answer carries the API version and HATEOAS links next to `data`. */
export const API_VERSION = "1.0.0";

export function readInt(c: Context, name: string): number | undefined {
  const raw = c.req.query(name);
  if (raw === undefined || raw === "") return undefined;
  if (!/^-?\d+$/.test(raw.trim()))
    throw new DoceboHttpError(400, `Invalid value for parameter "${name}": ${raw}`);
  return Number(raw);
}

export function readPageRequest(c: Context, maxPageSize: number): PageRequest {
  const page = readInt(c, "page") ?? 1;
  const pageSize = readInt(c, "page_size") ?? maxPageSize;
  if (page < 1) throw new DoceboHttpError(400, `Invalid value for parameter "page": ${page}`);
  if (pageSize < 1) throw new DoceboHttpError(400, `Invalid value for parameter "page_size": ${pageSize}`);
  return {
    page,
    pageSize: Math.min(pageSize, maxPageSize),
    includeTotal: c.req.query("get_total_count") === "1",
  };
}

/** `asc` (default) or `desc`, case-insensitive. */
export function readSortDir(c: Context): "asc" | "desc" {
  const raw = (c.req.query("sort_dir") ?? "asc").toLowerCase();
  if (raw !== "asc" && raw !== "desc")
    throw new DoceboHttpError(400, `Invalid value for parameter "sort_dir": ${raw}`);
  return raw;
}

/** The slice of an ascending list that page `page` shows; `descending` reads it from the end, without copying. */
export function pageSlice<T>(sorted: readonly T[], req: PageRequest, descending = false): T[] {
  const start = (req.page - 1) * req.pageSize;
  const end = Math.min(start + req.pageSize, sorted.length);
  const out: T[] = [];
  for (let i = start; i < end; i++) out.push(sorted[descending ? sorted.length - 1 - i : i]!);
  return out;
}

/**
 * The list envelope: `data.items` plus `count` (items on this page), `has_more_data`, `current_page`,
 * `current_page_size` (the page size in force), `total_page_count`, and `total_count` only when asked for.
 */
export function listBody<T>(c: Context, items: readonly T[], total: number, req: PageRequest) {
  const totalPages = Math.ceil(total / req.pageSize);
  return {
    data: {
      items,
      count: items.length,
      has_more_data: req.page * req.pageSize < total,
      current_page: req.page,
      current_page_size: req.pageSize,
      total_page_count: totalPages,
      ...(req.includeTotal ? { total_count: total } : {}),
    },
    version: API_VERSION,
    _links: pageLinks(c, req.page, totalPages),
  };
}

/** `listBody` as UTF-8 JSON, for items that are serialized already (one JSON text per item). */
export function listBodyJson(
  c: Context,
  items: readonly string[],
  total: number,
  req: PageRequest,
): Buffer<ArrayBuffer> {
  const body = listBody(c, items, total, req);
  return jsonBytes({ ...body, data: { ...body.data, items: rawJsonArray(items) } });
}

/** A single-object answer. */
export function dataBody<T>(data: T) {
  return { data, version: API_VERSION, _links: [] as never[] };
}

function pageLinks(c: Context, page: number, totalPages: number) {
  const href = (p: number) => {
    const url = new URL(c.req.url);
    url.searchParams.set("page", String(p));
    return { href: url.toString() };
  };
  const last = Math.max(1, totalPages);
  return {
    self: href(page),
    first: href(1),
    last: href(last),
    ...(page < totalPages ? { next: href(page + 1) } : {}),
    ...(page > 1 && page <= last ? { prev: href(page - 1) } : {}),
  };
}
