import { describe, expect, it } from "vitest";
import {
  parseResetAt,
  parseRetryAfter,
  parseWaitFromBody,
  readRateLimitHeaders,
  readRefusal,
} from "./headers.ts";

const now = Date.parse("2026-11-01T12:00:00Z");

describe("parseRetryAfter", () => {
  it("reads delay-seconds, including decimals", () => {
    expect(parseRetryAfter("120", now)).toBe(120_000);
    expect(parseRetryAfter(" 0 ", now)).toBe(0);
    expect(parseRetryAfter("1.5", now)).toBe(1500);
  });

  it("reads an HTTP-date as the time until it, never negative", () => {
    expect(parseRetryAfter("Sun, 01 Nov 2026 12:00:30 GMT", now)).toBe(30_000);
    expect(parseRetryAfter("Sun, 01 Nov 2026 11:00:00 GMT", now)).toBe(0);
  });

  it("ignores absent or unreadable values", () => {
    expect(parseRetryAfter(null, now)).toBeUndefined();
    expect(parseRetryAfter("", now)).toBeUndefined();
    expect(parseRetryAfter("soon", now)).toBeUndefined();
    expect(parseRetryAfter("-5", now)).toBeUndefined();
  });
});

describe("parseResetAt", () => {
  it("tells epoch seconds, epoch milliseconds and delta seconds apart by magnitude", () => {
    expect(parseResetAt(String(now / 1000 + 10), now)).toBe(now + 10_000);
    expect(parseResetAt(String(now + 2500), now)).toBe(now + 2500);
    expect(parseResetAt("7", now)).toBe(now + 7000);
  });
});

describe("parseWaitFromBody", () => {
  it("reads Podio's 420 description", () => {
    const body = JSON.stringify({
      error: "rate_limit",
      error_description: "You have hit the rate limit. Please wait 300 seconds before trying again",
    });
    expect(parseWaitFromBody(body)).toBe(300_000);
  });

  it("reads minutes and milliseconds, and nothing from unrelated text", () => {
    expect(parseWaitFromBody("try again in 2 minutes")).toBe(120_000);
    expect(parseWaitFromBody("retry after 250 ms")).toBe(250);
    expect(parseWaitFromBody('{"error":"invalid_grant"}')).toBeUndefined();
    expect(parseWaitFromBody(undefined)).toBeUndefined();
  });
});

describe("readRateLimitHeaders", () => {
  it("reads X-RateLimit-* (Productboard, ProofHub)", () => {
    const headers = new Headers({
      "X-RateLimit-Limit": "50",
      "X-RateLimit-Remaining": "0",
      "X-RateLimit-Reset": String(now / 1000 + 1),
    });
    expect(readRateLimitHeaders(headers, now)).toEqual({ limit: 50, remaining: 0, resetAt: now + 1000 });
  });

  it("reads Podio's dashed X-Rate-Limit-* without a reset", () => {
    const headers = new Headers({ "X-Rate-Limit-Limit": "1000", "X-Rate-Limit-Remaining": "998" });
    expect(readRateLimitHeaders(headers, now)).toEqual({ limit: 1000, remaining: 998 });
  });

  it("reads the IETF RateLimit-* draft with a delta reset and multi-valued limits", () => {
    const headers = new Headers({
      "RateLimit-Limit": "100, 100;w=10",
      "RateLimit-Remaining": "3",
      "RateLimit-Reset": "4",
    });
    expect(readRateLimitHeaders(headers, now)).toEqual({ limit: 100, remaining: 3, resetAt: now + 4000 });
  });

  it("reads Retry-After next to budget headers, and nothing when there are none", () => {
    expect(readRateLimitHeaders(new Headers({ "Retry-After": "3" }), now)).toEqual({ retryAfterMs: 3000 });
    expect(readRateLimitHeaders(new Headers({ "Content-Type": "application/json" }), now)).toEqual({});
  });
});

describe("readRefusal", () => {
  it("prefers Retry-After, then the body's wait, then the reset instant", () => {
    const podio = '{"error_description":"Please wait 60 seconds before trying again"}';
    expect(readRefusal(new Headers({ "Retry-After": "5" }), podio, now).retryAfterMs).toBe(5000);
    expect(readRefusal(new Headers(), podio, now).retryAfterMs).toBe(60_000);
    const reset = new Headers({ "X-RateLimit-Remaining": "0", "X-RateLimit-Reset": "9" });
    expect(readRefusal(reset, "", now).retryAfterMs).toBe(9000);
  });

  it("says nothing for Docebo's bare 429 (the client backs off exponentially)", () => {
    expect(readRefusal(new Headers(), '{"message":"Too Many Requests"}', now).retryAfterMs).toBeUndefined();
  });
});
