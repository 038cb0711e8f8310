import { z } from "zod";
import type { JsonRequestOptions } from "../client.ts";
import type { Query } from "../url.ts";
import {
  DEFAULT_MAX_PAGES,
  decodeState,
  encodeState,
  type Page,
  type PagingClient,
  pagingError,
  SeenIds,
} from "./page.ts";

export interface ScimPagesOptions<R extends z.ZodType<{ id: string }>> {
  /** `/scim/v2/Users`, `/scim/v2/Groups`. */
  path: string;
  query?: Query;
  /** Schema of one resource; the list envelope is handled here. */
  resource: R;
  /** SCIM `filter`, e.g. `userName eq "a@b.c"`. */
  filter?: string;
  /** Resources per page requested. The server may return fewer (RFC 7644 §3.4.2.4). Default 100. */
  count?: number;
  request?: Omit<JsonRequestOptions, "query">;
  resume?: string;
  maxPages?: number;
}

/** A non-negative integer, also when a lax server sends it as a string (`"250"`). */
const Count = z.union([z.number().int().min(0), z.string().regex(/^\d+$/).transform(Number)]);

/**
 * RFC 7644 §3.4.2 ListResponse. `Resources` may be omitted when there are none. `totalResults` is REQUIRED by the
 * RFC but some servers leave it out; `startIndex` / `itemsPerPage` are informative only (never trusted for paging).
 */
export function scimListResponse<R extends z.ZodType>(resource: R) {
  return z.object({
    totalResults: Count.optional(),
    startIndex: z.unknown().optional(),
    itemsPerPage: z.unknown().optional(),
    Resources: z.array(resource).nullish(),
  });
}

const ScimState = z.object({ startIndex: z.number().int().min(1) });

/**
 * Walk a SCIM list with `startIndex` (1-based) and `count`. The next index advances by what the server actually
 * returned (not by `count` or `itemsPerPage`, which servers cap or misreport); the walk ends when `totalResults` is
 * reached or a page is empty — without `totalResults`, only an empty page ends it (one extra request, the price of
 * a server breaking the RFC). Resources are de-duplicated by `id`; a page made only of resources already seen (a
 * server ignoring `startIndex`) throws `HttpError` code `invalid`: the listing cannot be trusted to be complete.
 */
export async function* scimPages<R extends z.ZodType<{ id: string }>>(
  client: PagingClient,
  options: ScimPagesOptions<R>,
): AsyncGenerator<Page<z.output<R>>, void, undefined> {
  const { path, query, resource, filter, request } = options;
  const count = options.count ?? 100;
  const maxPages = options.maxPages ?? DEFAULT_MAX_PAGES;
  const schema = scimListResponse(resource);
  const seen = new SeenIds<z.output<R>>((item) => item.id);
  let startIndex = options.resume ? decodeState(options.resume, "scim", ScimState).startIndex : 1;
  for (let number = 1; ; number += 1) {
    if (number > maxPages) {
      throw pagingError(client, path, `pagination stopped after ${maxPages} pages`, request?.operation);
    }
    const body = await client.json("GET", path, schema, {
      ...request,
      query: { ...query, ...(filter ? { filter } : {}), startIndex, count },
    });
    const raw: z.output<R>[] = body.Resources ?? [];
    const nextIndex = startIndex + raw.length;
    const total = body.totalResults;
    const last = raw.length === 0 || (total !== undefined && nextIndex > total);
    const kept = seen.keepNew(raw);
    if (raw.length > 0 && kept.items.length === 0 && !last) {
      throw pagingError(
        client,
        path,
        `pagination loop: the page at startIndex ${startIndex} repeated resources already listed; the listing may be incomplete`,
        request?.operation,
      );
    }
    yield {
      items: kept.items,
      number,
      ...(kept.duplicates > 0 ? { duplicates: kept.duplicates } : {}),
      ...(last ? {} : { resume: encodeState("scim", { startIndex: nextIndex }) }),
    };
    if (last) return;
    startIndex = nextIndex;
  }
}
