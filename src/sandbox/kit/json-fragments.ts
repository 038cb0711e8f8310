import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";

/**
 * Serving list pages from pre-serialized records. A list page of 100–200 records spends most of its time building
 * each record's view object and `JSON.stringify`-ing it; the records change far more rarely than they are read.
 * So each table keeps every record's served JSON as a string, made on first serve and dropped by the table's own
 * write methods (the one place its rows change), and a page is those strings written one after the other.
 *
 * A page is written straight into UTF-8 bytes (`jsonBytes`) rather than joined into one string: 1.5 % of the
 * records of a generated world carry a name outside Latin-1 (Łukasz, Dvořák), so almost every 200-record page
 * would be a two-byte string of ~200 KB that the server then measures and encodes again.
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
      json = compact(json);
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

const BEYOND_LATIN1 = /[\u0100-\uffff]/;

/**
 * The same text in the cheapest form to keep. V8 writes a `JSON.stringify` result with two bytes per character as
 * soon as one input string is stored that way, whatever its characters (a name cut from a literal that also holds
 * "Ł" is), and returns long results as a rope of chunks: together up to 2.3 × the text. A Latin-1 round trip gives a
 * flat one-byte string; other text is flattened by the regular expression reading it.
 */
function compact(json: string): string {
  return BEYOND_LATIN1.test(json) ? json : Buffer.from(json, "latin1").toString("latin1");
}

/** Already-serialized JSON inside a value given to `jsonBytes`: one value, or the elements of an array. */
export class RawJson {
  private constructor(
    readonly texts: readonly string[],
    readonly array: boolean,
  ) {}

  /** One serialized JSON value. */
  static value(json: string): RawJson {
    return new RawJson([json], false);
  }

  /** The array `[a,b,c]` of serialized elements. */
  static array(elements: readonly string[]): RawJson {
    return new RawJson(elements, true);
  }
}

/** One serialized JSON value. */
export const rawJson = (json: string): RawJson => RawJson.value(json);

/** The array `[a,b,c]` of serialized elements. */
export const rawJsonArray = (elements: readonly string[]): RawJson => RawJson.array(elements);

const OPEN = 0x5b; // [
const COMMA = 0x2c;
const CLOSE = 0x5d; // ]

/**
 * The UTF-8 bytes of `JSON.stringify(value)`, where `RawJson` values are written as their text: byte for byte what
 * `JSON.stringify` gives for the values they stand for. Meant for small envelopes (`{data: <raw>, links, meta}`):
 * plain objects and arrays are walked, everything else goes to `JSON.stringify` (so a `RawJson` inside a class
 * instance or behind a `toJSON` is not seen). The texts are written one by one into one buffer, never joined.
 */
export function jsonBytes(value: unknown): Buffer<ArrayBuffer> {
  const parts: (string | RawJson)[] = [];
  const text = collect(value, parts, "");
  if (text === undefined) throw new Error("jsonBytes: the value is not serializable");
  if (text !== "") parts.push(text);
  let length = 0;
  for (const part of parts) {
    if (typeof part === "string") length += Buffer.byteLength(part);
    else {
      for (const json of part.texts) length += Buffer.byteLength(json);
      if (part.array) length += 2 + Math.max(0, part.texts.length - 1);
    }
  }
  const bytes = Buffer.allocUnsafe(length);
  let at = 0;
  for (const part of parts) {
    if (typeof part === "string") {
      at += bytes.write(part, at);
      continue;
    }
    if (part.array) bytes[at++] = OPEN;
    for (let i = 0; i < part.texts.length; i++) {
      if (i > 0 && part.array) bytes[at++] = COMMA;
      at += bytes.write(part.texts[i]!, at);
    }
    if (part.array) bytes[at++] = CLOSE;
  }
  return bytes;
}

/**
 * Writes the JSON text of `value` after `text` (envelope text not yet in `parts`); a `RawJson` closes the text
 * into `parts` and goes there itself. Returns the text still open, or undefined when JSON has no text for `value`
 * (then `parts` is unchanged).
 */
function collect(value: unknown, parts: (string | RawJson)[], text: string): string | undefined {
  if (value instanceof RawJson) {
    if (text !== "") parts.push(text);
    parts.push(value);
    return "";
  }
  if (Array.isArray(value)) {
    let open = `${text}[`;
    for (let i = 0; i < value.length; i++) {
      if (i > 0) open += ",";
      open = collect(value[i], parts, open) ?? `${open}null`;
    }
    return `${open}]`;
  }
  if (isPlainObject(value)) {
    let open = `${text}{`;
    let first = true;
    for (const key of Object.keys(value)) {
      const mark = parts.length;
      const written = collect(value[key], parts, `${open}${first ? "" : ","}${JSON.stringify(key)}:`);
      if (written === undefined) {
        parts.length = mark;
        continue;
      }
      open = written;
      first = false;
    }
    return `${open}}`;
  }
  const json = JSON.stringify(value);
  return json === undefined ? undefined : text + json;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== "object" || "toJSON" in value) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** A response whose body is JSON already (text or UTF-8 bytes): what `c.json` sends, without serializing again. */
export function jsonResponse(
  json: string | Uint8Array<ArrayBuffer>,
  { status = 200, contentType = "application/json", headers = {} as Record<string, string> } = {},
): Response {
  return new Response(json, { status, headers: { "Content-Type": contentType, ...headers } });
}

/**
 * Same, through the Hono context, so headers set earlier with `c.header` (rate-limit headers of middleware) are
 * kept exactly as `c.json` keeps them.
 */
export function sendJson(
  c: Context,
  json: string | Uint8Array<ArrayBuffer>,
  status: ContentfulStatusCode = 200,
  contentType = "application/json",
): Response {
  return c.body(json, status, { "Content-Type": contentType });
}
