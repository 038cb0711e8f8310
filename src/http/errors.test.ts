import { describe, expect, it } from "vitest";
import { codeForStatus, HttpError } from "./errors.ts";

describe("codeForStatus", () => {
  it.each([
    [401, "unauthenticated"],
    [403, "forbidden"],
    [404, "not_found"],
    [410, "not_found"],
    [409, "conflict"],
    [400, "invalid"],
    [405, "invalid"],
    [415, "invalid"],
    [422, "invalid"],
    [429, "rate_limited"],
    [420, "rate_limited"],
    [500, "unavailable"],
    [502, "unavailable"],
    [503, "unavailable"],
    [504, "unavailable"],
  ] as const)("%i → %s", (status, code) => {
    expect(codeForStatus(status)).toBe(code);
  });
});

describe("HttpError", () => {
  it("says app, method, path, status and code in one line", () => {
    const error = new HttpError({
      code: "rate_limited",
      app: "podio",
      method: "GET",
      path: "/org/1/member/",
      status: 420,
    });
    expect(error.message).toBe("podio: GET /org/1/member/ → 420 rate_limited");
    expect(error).toMatchObject({
      app: "podio",
      method: "GET",
      path: "/org/1/member/",
      status: 420,
      retryable: true,
    });
  });

  it("adds the operation and a detail, and marks client errors as not retryable", () => {
    const error = new HttpError({
      code: "invalid",
      app: "productive",
      method: "PATCH",
      path: "/api/v2/people/7",
      status: 422,
      operation: "update person",
      detail: "invalid_attribute",
    });
    expect(error.message).toBe(
      "productive: update person: PATCH /api/v2/people/7 → 422 invalid: invalid_attribute",
    );
    expect(error.retryable).toBe(false);
    expect(JSON.parse(JSON.stringify(error))).toMatchObject({
      code: "invalid",
      status: 422,
      operation: "update person",
    });
  });

  it("reads without a status when no response came", () => {
    const error = new HttpError({
      code: "unavailable",
      app: "docebo",
      method: "GET",
      path: "/manage/v1/user",
      detail: "timed out after 100 ms",
    });
    expect(error.message).toBe("docebo: GET /manage/v1/user → unavailable: timed out after 100 ms");
  });
});
