import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import {
  JsonFragmentCache,
  jsonBytes,
  jsonResponse,
  rawJson,
  rawJsonArray,
  sendJson,
} from "./json-fragments.ts";

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

describe("JsonFragmentCache", () => {
  it("serializes a record's view once and serves the same text until the record is invalidated", () => {
    const cache = new JsonFragmentCache<number>();
    let renders = 0;
    const record = { id: 1, name: "Ada" };
    const view = () => {
      renders += 1;
      return { id: record.id, name: record.name };
    };
    expect(cache.get(1, view)).toBe('{"id":1,"name":"Ada"}');
    record.name = "Ada Lovelace";
    expect(cache.get(1, view)).toBe('{"id":1,"name":"Ada"}');
    expect(renders).toBe(1);

    cache.invalidate(1);
    expect(cache.get(1, view)).toBe('{"id":1,"name":"Ada Lovelace"}');
    expect(renders).toBe(2);
  });

  it("keeps one text per variant and drops every variant of a key at once", () => {
    const cache = new JsonFragmentCache<string>(2);
    expect(cache.get("a", () => ({ email: "a@x.test" }), 0)).toBe('{"email":"a@x.test"}');
    expect(cache.get("a", () => ({ email: "[redacted]" }), 1)).toBe('{"email":"[redacted]"}');
    expect(cache.get("b", () => ({ email: "b@x.test" }), 0)).toBe('{"email":"b@x.test"}');
    expect(cache.size).toBe(3);

    cache.invalidate("a");
    expect(cache.size).toBe(1);
    expect(cache.get("a", () => ({ email: "new@x.test" }), 1)).toBe('{"email":"new@x.test"}');
    cache.clear();
    expect(cache.size).toBe(0);
  });

  it("keeps every character: Latin-1, beyond it, and escapes", () => {
    const cache = new JsonFragmentCache<number>();
    const views = [
      { name: "Zoë Fernández", note: "tab\there" },
      { name: "Łukasz Dvořák 😀", note: '\u2028 \\ "' },
    ];
    views.forEach((view, i) => {
      expect(cache.get(i, () => view)).toBe(JSON.stringify(view));
    });
  });

  it("refuses unknown variants and views JSON cannot represent", () => {
    expect(() => new JsonFragmentCache(0)).toThrow(/variants/);
    const cache = new JsonFragmentCache<number>(2);
    expect(() => cache.get(1, () => ({}), 2)).toThrow(/no variant 2/);
    expect(() => cache.get(1, () => undefined)).toThrow(/not serializable/);
    expect(cache.size).toBe(0);
  });
});

describe("jsonBytes", () => {
  const records = [
    { id: "1", name: 'Zoë "Z" Łukasz', tags: ["a", "b"], last_seen: null },
    { id: "2", name: "Line\nbreak \u2028 \\ slash 😀", tags: [], last_seen: "2026-11-01 09:00:00" },
  ];
  const fragments = records.map((r) => JSON.stringify(r));

  it("writes an envelope byte for byte like JSON.stringify of the same envelope with the records in it", () => {
    const envelope = (data: unknown, one: unknown) => ({
      data,
      one,
      links: { first: "http://x.test/?page%5Bnumber%5D=1", prev: undefined, next: "n" },
      meta: { total: 2, has_more: false, ratio: 0.5, nothing: null, when: new Date(0) },
      'odd "key"': [1, undefined, () => 1, { nested: [] }],
      gone: undefined,
    });
    const bytes = jsonBytes(envelope(rawJsonArray(fragments), rawJson(fragments[1]!)));
    const expected = JSON.stringify(envelope(records, records[1]));
    expect(text(bytes)).toBe(expected);
    expect(bytes.byteLength).toBe(Buffer.byteLength(expected));
  });

  it("writes a bare array and an empty one", () => {
    expect(text(jsonBytes(rawJsonArray(fragments)))).toBe(JSON.stringify(records));
    expect(text(jsonBytes(rawJsonArray([])))).toBe("[]");
    expect(text(jsonBytes({ data: rawJsonArray([]), links: {} }))).toBe('{"data":[],"links":{}}');
  });

  it("refuses a value JSON cannot represent", () => {
    expect(() => jsonBytes(undefined)).toThrow(/not serializable/);
  });
});

describe("sending JSON text", () => {
  it("jsonResponse answers with the text, the status and the content type given", async () => {
    const response = jsonResponse(jsonBytes({ a: 1 }), {
      status: 201,
      contentType: "application/vnd.api+json; charset=utf-8",
      headers: { "Retry-After": "3" },
    });
    expect(response.status).toBe(201);
    expect(response.headers.get("content-type")).toBe("application/vnd.api+json; charset=utf-8");
    expect(response.headers.get("retry-after")).toBe("3");
    expect(await response.text()).toBe('{"a":1}');
  });

  it("sendJson answers like c.json, keeping headers set earlier in the request", async () => {
    const app = new Hono();
    app.use("*", async (c, next) => {
      c.header("X-Rate-Limit-Remaining", "41");
      await next();
    });
    app.get("/json", (c) => c.json({ a: [1] }));
    app.get("/text", (c) => sendJson(c, jsonBytes({ a: rawJsonArray(["1"]) })));
    const [viaJson, viaText] = await Promise.all([app.request("/json"), app.request("/text")]);
    expect([...viaText.headers]).toEqual([...viaJson.headers]);
    expect(viaText.headers.get("x-rate-limit-remaining")).toBe("41");
    expect(await viaText.text()).toBe(await viaJson.text());
  });
});
