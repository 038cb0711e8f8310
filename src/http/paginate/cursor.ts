import { createHash } from "node:crypto";
import { z } from "zod";
import {
  DEFAULT_MAX_PAGES,
  decodeState,
  encodeState,
  type Page,
  type PageRequest,
  type PagingClient,
  pagingError,
} from "./page.ts";

export interface CursorPagesOptions<S extends z.ZodType, T> extends PageRequest<S, T> {
  /**
   * The next page from a parsed body: a bare cursor, or a next link (absolute on the same origin, or starting with
   * `/`). `null`, `undefined` or `""` ends the walk (Productboard: `links.next` absent or null on the last page).
   */
  next: (body: z.output<S>) => string | null | undefined;
  /** Query parameter for a bare cursor (Productboard: `pageCursor`). Needed unless `next` returns links. */
  cursorParam?: string;
}

const CursorState = z.object({ next: z.string(), seen: z.array(z.string()) });

/**
 * Walk a cursor- or link-paged list. Every cursor is remembered (as a short hash, also inside the resume token):
 * a server that hands back a cursor it already gave — the Productboard community report where the last page
 * returned the first cursor — makes the walk throw `HttpError` code `invalid` instead of looping forever.
 */
export async function* cursorPages<S extends z.ZodType, T>(
  client: PagingClient,
  options: CursorPagesOptions<S, T>,
): AsyncGenerator<Page<T>, void, undefined> {
  const { path, query, schema, items, next, cursorParam, request } = options;
  const maxPages = options.maxPages ?? DEFAULT_MAX_PAGES;
  const state = options.resume ? decodeState(options.resume, "cursor", CursorState) : undefined;
  const seen = new Set(state?.seen ?? []);
  let pending = state?.next;

  for (let number = 1; ; number += 1) {
    if (number > maxPages) {
      throw pagingError(
        client,
        path,
        `pagination stopped after ${maxPages} pages without a last page`,
        request?.operation,
      );
    }
    const body = await client.json("GET", pending && isLink(pending) ? pending : path, schema, {
      ...request,
      query:
        pending === undefined || isLink(pending) ? query : { ...query, [requireParam(cursorParam)]: pending },
    });
    const following = next(body) || undefined;
    const page: Page<T> = { items: [...items(body)], number };
    const repeated = following !== undefined && seen.has(cursorKey(following, cursorParam));
    if (following !== undefined && !repeated) {
      seen.add(cursorKey(following, cursorParam));
      page.resume = encodeState("cursor", { next: following, seen: [...seen] });
    }
    // A page with a repeated cursor still carries real records: hand them over, then refuse to go on.
    yield page;
    if (repeated) {
      throw pagingError(
        client,
        path,
        `pagination loop: page ${number} handed back a cursor already followed; the listing may be incomplete`,
        request?.operation,
      );
    }
    if (following === undefined) return;
    pending = following;
  }
}

function isLink(next: string): boolean {
  return /^https?:\/\//i.test(next) || next.startsWith("/");
}

function requireParam(cursorParam: string | undefined): string {
  if (!cursorParam)
    throw new TypeError("cursorPages: `next` returned a bare cursor but no `cursorParam` is set");
  return cursorParam;
}

/** Identity of a cursor: the cursor parameter inside a link when there is one, else the whole value; hashed. */
function cursorKey(next: string, cursorParam: string | undefined): string {
  let identity = next;
  if (isLink(next) && cursorParam) {
    const value = new URL(next, "http://x").searchParams.get(cursorParam);
    if (value !== null) identity = value;
  }
  return createHash("sha256").update(identity).digest("base64url").slice(0, 12);
}
