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

export interface OffsetPagesOptions<S extends z.ZodType, T> extends PageRequest<S, T> {
  /** `offset` (Podio), `start` (ProofHub). */
  offsetParam: string;
  /** `limit` for both. */
  limitParam: string;
  /** Must not exceed the server's cap (Podio org members: 100 — ProofHub: 100), or a capped page looks "short". */
  pageSize: number;
  /** Records are de-duplicated by this id across pages. */
  id: (item: T) => string | number;
  /** Default 0. */
  startOffset?: number;
}

const OffsetState = z.object({ offset: z.number().int().min(0) });

/**
 * Walk a limit/offset list that returns a bare array with no total (Podio `GET /org/{id}/member/`, ProofHub
 * `people`): stop at the first short page. When records are added mid-walk, items shift to later offsets and
 * reappear: they are dropped by id (`Page.duplicates` counts them). When records are removed mid-walk, items shift
 * to earlier offsets and are *skipped* — no paginator can see that; callers re-verify a missing account by direct
 * GET before treating it as gone. The de-duplication memory is per walk: a resumed walk starts a fresh one.
 */
export async function* offsetPages<S extends z.ZodType, T>(
  client: PagingClient,
  options: OffsetPagesOptions<S, T>,
): AsyncGenerator<Page<T>, void, undefined> {
  const { path, query, schema, items, offsetParam, limitParam, pageSize, request } = options;
  const maxPages = options.maxPages ?? DEFAULT_MAX_PAGES;
  const seen = new SeenIds(options.id);
  let offset = options.resume
    ? decodeState(options.resume, "offset", OffsetState).offset
    : (options.startOffset ?? 0);

  for (let number = 1; ; number += 1) {
    if (number > maxPages) {
      throw pagingError(
        client,
        path,
        `pagination stopped after ${maxPages} pages without a short page`,
        request?.operation,
      );
    }
    const body = await client.json("GET", path, schema, {
      ...request,
      query: { ...query, [offsetParam]: offset, [limitParam]: pageSize },
    });
    const raw = items(body);
    // Short page (or empty) = end. An exact multiple of the page size costs one extra, empty request.
    const last = raw.length < pageSize;
    const kept = seen.keepNew(raw);
    yield {
      items: kept.items,
      number,
      ...(kept.duplicates > 0 ? { duplicates: kept.duplicates } : {}),
      ...(last ? {} : { resume: encodeState("offset", { offset: offset + raw.length }) }),
    };
    if (last) return;
    offset += raw.length;
  }
}
