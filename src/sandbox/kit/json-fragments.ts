import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";

/**
 * Serving list pages from pre-serialized records. A list page of 100–200 records spends most of its time building
 * each record's view object and `JSON.stringify`-ing it; the records change far more rarely than they are read.
 * So each table keeps every record's served JSON as a string, made on first serve and dropped by the table's own
 * write methods (the one place its rows change), and a page is the concatenation of those strings.
 */

/**
 * Each record's served JSON, by key, made lazily. `variants` > 1 keeps one string per view of the same record (a
 * view that depends on the caller, e.g. with or without PII); `invalidate` drops every variant of the key.
 * The owner must call `invalidate` on every change of anything the view shows, and on insert and removal.
 */
export class JsonFragmentCache<K> {
  private readonly maps: Map<K, string>[];

  constructor(variants = 1) {
    if (!Number.isInteger(variants) || variants < 1) {
      throw new Error(`JsonFragmentCache: variants must be a positive integer, got ${variants}`);
    }
    this.maps = Array.from({ length: variants }, () => new Map<K, string>());
  }

  /** The record's JSON in this variant; `render` returns the view to serialize (called once until invalidated). */
  get(key: K, render: () => unknown, variant = 0): string {
    const map = this.maps[variant];
    if (map === undefined) throw new Error(`JsonFragmentCache: no variant ${variant}`);
    let json = map.get(key);
    if (json === undefined) {
      json = JSON.stringify(render());
      if (typeof json !== "string") throw new Error("JsonFragmentCache: the view is not serializable");
      map.set(key, json);
    }
    return json;
  }

  invalidate(key: K): void {
    for (const map of this.maps) map.delete(key);
  }

  clear(): void {
    for (const map of this.maps) map.clear();
  }

  /** Strings held, over all variants. */
  get size(): number {
    let size = 0;
    for (const map of this.maps) size += map.size;
    return size;
  }
}

/** Already-serialized JSON inside a value given to `stringifyWithRaw`. */
export class RawJson {
  constructor(readonly json: string) {}
}

/** `[a,b,c]` from serialized elements, for `stringifyWithRaw` (`.json` is the array's text). */
export function rawJsonArray(fragments: readonly string[]): RawJson {
  return new RawJson(`[${fragments.join(",")}]`);
}

/**
 * `JSON.stringify(value)` where `RawJson` values are written as their text, byte for byte what `JSON.stringify`
 * gives for the value they stand for. Meant for small envelopes (`{data: <raw>, links, meta}`): plain objects and
 * arrays are walked, everything else goes to `JSON.stringify` (so a `RawJson` inside a class instance or behind a
 * `toJSON` is not seen).
 */
export function stringifyWithRaw(value: unknown): string {
  const json = write(value);
  if (json === undefined) throw new Error("stringifyWithRaw: the value is not serializable");
  return json;
}

function write(value: unknown): string | undefined {
  if (value instanceof RawJson) return value.json;
  if (Array.isArray(value)) {
    const items: string[] = [];
    for (let i = 0; i < value.length; i++) items.push(write(value[i]) ?? "null");
    return `[${items.join(",")}]`;
  }
  if (isPlainObject(value)) {
    const members: string[] = [];
    for (const key of Object.keys(value)) {
      const json = write(value[key]);
      if (json !== undefined) members.push(`${JSON.stringify(key)}:${json}`);
    }
    return `{${members.join(",")}}`;
  }
  return JSON.stringify(value);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== "object" || "toJSON" in value) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** A response whose body is already JSON text (what `c.json` sends, without serializing again). */
export function jsonResponse(
  json: string,
  { status = 200, contentType = "application/json", headers = {} as Record<string, string> } = {},
): Response {
  return new Response(json, { status, headers: { "Content-Type": contentType, ...headers } });
}

/**
 * Same as `jsonResponse`, through the Hono context, so headers set earlier with `c.header` (rate-limit headers
 * of middleware) are kept exactly as `c.json` keeps them.
 */
export function sendJson(
  c: Context,
  json: string,
  status: ContentfulStatusCode = 200,
  contentType = "application/json",
): Response {
  return c.body(json, status, { "Content-Type": contentType });
}
