import type { z } from "zod";
import type { HttpClient, JsonRequestOptions } from "../client.ts";
import { HttpError } from "../errors.ts";
import type { Query } from "../url.ts";

/** One page of a walk. */
export interface Page<T> {
  items: T[];
  /** 1-based position of this page in this walk (a resumed walk counts from 1 again). */
  number: number;
  /**
   * Opaque state: pass it as `resume` to continue after this page (after a crash, or in the next run). Absent on
   * the last page.
   */
  resume?: string;
  /** Items dropped because an earlier page already had their id (offset drift). */
  duplicates?: number;
}

/** The client surface a paginator needs. */
export type PagingClient = Pick<HttpClient, "app" | "json">;

/** What every declared walk has: where, how to read a page, and where to resume. */
export interface PageRequest<S extends z.ZodType, T> {
  path: string;
  query?: Query;
  /** Schema of a whole page body. */
  schema: S;
  /** The page's records, from the parsed body. */
  items: (body: z.output<S>) => readonly T[];
  /** Extra request options (headers, timeout, operation label, signal). */
  request?: Omit<JsonRequestOptions, "query">;
  /** A `Page.resume` from an earlier walk over the same endpoint. */
  resume?: string;
  /** Stop with an error after this many pages (a server that never says "last page"). Default 100,000. */
  maxPages?: number;
}

export const DEFAULT_MAX_PAGES = 100_000;

/** Encode walk state as an opaque, URL-safe token tagged with the paginator's kind. */
export function encodeState(kind: string, state: object): string {
  return Buffer.from(JSON.stringify({ kind, ...state })).toString("base64url");
}

/** Decode a token from `encodeState`; a token from another kind of walk, or garbage, is refused. */
export function decodeState<T>(token: string, kind: string, schema: z.ZodType<T>): T {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(token, "base64url").toString("utf8"));
  } catch {
    decoded = undefined;
  }
  const parsed = schema.safeParse(decoded);
  const tag = (decoded as { kind?: unknown } | undefined)?.kind;
  if (!parsed.success || tag !== kind) throw new TypeError(`not a resume token of a ${kind} walk`);
  return parsed.data;
}

/** The error a paginator throws when the server's paging cannot be trusted: the listing is incomplete. */
export function pagingError(
  client: PagingClient,
  path: string,
  detail: string,
  operation?: string,
): HttpError {
  return new HttpError({
    code: "invalid",
    app: client.app,
    method: "GET",
    path: pathOf(path),
    detail,
    ...(operation ? { operation } : {}),
  });
}

/** Drops records already seen in this walk. */
export class SeenIds<T> {
  private readonly seen = new Set<string>();
  constructor(private readonly id: (item: T) => string | number) {}

  keepNew(items: readonly T[]): { items: T[]; duplicates: number } {
    const fresh: T[] = [];
    for (const item of items) {
      const key = String(this.id(item));
      if (this.seen.has(key)) continue;
      this.seen.add(key);
      fresh.push(item);
    }
    return { items: fresh, duplicates: items.length - fresh.length };
  }
}

function pathOf(path: string): string {
  try {
    return new URL(path, "http://x").pathname;
  } catch {
    return path.split("?")[0] ?? path;
  }
}
