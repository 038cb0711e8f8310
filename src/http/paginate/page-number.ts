import { z } from "zod";
import {
  DEFAULT_MAX_PAGES,
  decodeState,
  encodeState,
  type Page,
  type PageRequest,
  type PagingClient,
  pagingError,
  SeenIds,
} from "./page.ts";

export interface PageNumberPagesOptions<S extends z.ZodType, T> extends PageRequest<S, T> {
  /** `page[number]` (Productive), `page` (Docebo). */
  pageParam: string;
  /** `page[size]` (Productive), `page_size` (Docebo). Omit to use the server's default (then set `pageSize` to it). */
  sizeParam?: string;
  /** Must not exceed the server's maximum (Productive and Docebo: 200), or a capped page looks "short". */
  pageSize: number;
  /** Default 1. */
  firstPage?: number;
  /** Productive: `meta.total_pages`; Docebo: `data.total_page_count` (only with `get_total_count=1`). */
  totalPages?: (body: z.output<S>) => number | null | undefined;
  /** Docebo: `data.has_more_data`. */
  hasMore?: (body: z.output<S>) => boolean | null | undefined;
  /** De-duplicate by id across pages (records shifting between pages while the walk runs). */
  id?: (item: T) => string | number;
}

const PageNumberState = z.object({ page: z.number().int() });

/**
 * Walk a page-numbered list. The last page is the first that is empty, or — in this order of trust — the one the
 * server marks with `has_more_data: false`, the one numbered `total_pages`, or (with neither signal) a short page.
 * With a total the walk never asks for a page past it: requests used = pages that exist.
 */
export async function* pageNumberPages<S extends z.ZodType, T>(
  client: PagingClient,
  options: PageNumberPagesOptions<S, T>,
): AsyncGenerator<Page<T>, void, undefined> {
  const { path, query, schema, items, pageParam, sizeParam, pageSize, totalPages, hasMore, request } =
    options;
  const maxPages = options.maxPages ?? DEFAULT_MAX_PAGES;
  const seen = options.id ? new SeenIds(options.id) : undefined;
  let page = options.resume
    ? decodeState(options.resume, "page-number", PageNumberState).page
    : (options.firstPage ?? 1);

  for (let number = 1; ; number += 1) {
    if (number > maxPages) {
      throw pagingError(
        client,
        path,
        `pagination stopped after ${maxPages} pages without a last page`,
        request?.operation,
      );
    }
    const body = await client.json("GET", path, schema, {
      ...request,
      query: { ...query, [pageParam]: page, ...(sizeParam ? { [sizeParam]: pageSize } : {}) },
    });
    const raw = items(body);
    const more = hasMore?.(body);
    const total = totalPages?.(body);
    let last: boolean;
    if (raw.length === 0) last = true;
    else if (typeof more === "boolean") last = !more;
    else if (typeof total === "number") last = page >= total;
    else last = raw.length < pageSize;

    const kept = seen ? seen.keepNew(raw) : { items: [...raw], duplicates: 0 };
    yield {
      items: kept.items,
      number,
      ...(kept.duplicates > 0 ? { duplicates: kept.duplicates } : {}),
      ...(last ? {} : { resume: encodeState("page-number", { page: page + 1 }) }),
    };
    if (last) return;
    page += 1;
  }
}
