import { describe, expect, it } from "vitest";
import { REDACTED_VALUE, redact, redactHeaders, redactUrl } from "./redact.ts";

describe("redaction", () => {
  it("scrubs every known secret from text, raw and URL-encoded", () => {
    const text = "token s3cr3t+/= failed; body client_secret=s3cr3t%2B%2F%3D; again s3cr3t+/=";
    const out = redact(text, ["s3cr3t+/="]);
    expect(out).not.toContain("s3cr3t");
    expect(out).toBe(
      `token ${REDACTED_VALUE} failed; body client_secret=${REDACTED_VALUE}; again ${REDACTED_VALUE}`,
    );
  });

  it("leaves text alone when the secret list is empty or the values are too short to scrub safely", () => {
    expect(redact("page 2 of 3", [])).toBe("page 2 of 3");
    expect(redact("page 2 of 3", ["2", ""])).toBe("page 2 of 3");
  });

  it("masks credential query parameters but keeps the others", () => {
    const url =
      "https://api.example.com/v1/users?access_token=abc123&page=2&client_secret=xyz&password=p%40ss";
    expect(redactUrl(url)).toBe(
      "https://api.example.com/v1/users?access_token=***&page=2&client_secret=***&password=***",
    );
    expect(redactUrl("/relative?token=abc&x=1")).toBe("/relative?token=***&x=1");
  });

  it("masks credential headers by name, whatever their case", () => {
    const headers = new Headers({
      Authorization: "Bearer t",
      "X-API-KEY": "k",
      "X-Auth-Token": "a",
      Accept: "x",
    });
    expect(redactHeaders(headers)).toEqual({
      accept: "x",
      authorization: REDACTED_VALUE,
      "x-api-key": REDACTED_VALUE,
      "x-auth-token": REDACTED_VALUE,
    });
    expect(redactHeaders({ "X-Organization-Id": "913" })).toEqual({ "X-Organization-Id": "913" });
  });
});
