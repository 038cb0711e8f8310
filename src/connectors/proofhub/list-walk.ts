/**
 * ProofHub's list paging, walked defensively. `people` (and, in the sandbox, `projects` and `groups`) page with
 * `?start=N&limit=M` and answer a bare array — no total, no next link. Paging is undocumented [C-third-party: a
 * maintained client pages this way; at most 100 per request], so besides the HTTP layer's offset paginator (stop on
 * a short page, drop ids already seen) this walk guards against a server that ignores the parameters:
 * - a first answer *longer* than `limit` means `limit` is ignored and everything came at once: stop there;
 * - a full page of nothing but ids already seen means `start` is ignored: fail (the listing cannot be completed)
 *   instead of asking for the same records 100,000 times.
 */
import type { z } from "zod";
import { type HttpClient, HttpError, offsetPages } from "../../http/index.ts";

export const PROOFHUB_MAX_PAGE_SIZE = 100;

export interface ListWalk<S extends z.ZodType<readonly unknown[]>> {
  /** Relative to the base URL: `people`, `projects`, `groups`. */
  path: string;
  schema: S;
  /** For messages: `list people`. */
  operation: string;
  pageSize?: number;
}

/** Pages of records, de-duplicated by id across the walk. */
export async function* walkList<S extends z.ZodType<readonly { id: string | number }[]>>(
  client: HttpClient,
  walk: ListWalk<S>,
): AsyncGenerator<z.output<S>[number][], void, undefined> {
  const pageSize = walk.pageSize ?? PROOFHUB_MAX_PAGE_SIZE;
  const pages = offsetPages(client, {
    path: walk.path,
    schema: walk.schema,
    items: (body: z.output<S>) => body,
    offsetParam: "start",
    limitParam: "limit",
    pageSize,
    id: (item: z.output<S>[number]) => String(item.id),
    request: { operation: walk.operation },
  });
  for await (const page of pages) {
    const received = page.items.length + (page.duplicates ?? 0);
    if (page.number === 1 && received > pageSize) {
      yield page.items;
      return;
    }
    if (page.number > 1 && received >= pageSize && page.items.length === 0) {
      throw new HttpError({
        code: "invalid",
        app: client.app,
        method: "GET",
        path: `${client.baseUrl.pathname.replace(/\/+$/, "")}/${walk.path}`,
        operation: walk.operation,
        detail: `page ${page.number} repeats only records already seen: the server ignores \`start\`, so the listing cannot be completed`,
      });
    }
    yield page.items;
  }
}
