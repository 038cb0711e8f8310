import { describe, expect, it } from "vitest";
import { ScimError } from "../errors.ts";
import { ENTERPRISE_USER_SCHEMA } from "../schemas.ts";
import { parseFilter } from "./parse.ts";

function rejects(text: string, type?: "User" | "Group"): ScimError {
  try {
    parseFilter(text, type ? { type } : {});
  } catch (error) {
    expect(error).toBeInstanceOf(ScimError);
    return error as ScimError;
  }
  throw new Error(`'${text}' parsed`);
}

describe("parseFilter", () => {
  it.each(["eq", "ne", "co", "sw", "ew", "gt", "ge", "lt", "le"])("parses the %s operator", (op) => {
    expect(parseFilter(`userName ${op} "bjensen"`)).toEqual({
      op,
      path: { name: "userName" },
      value: "bjensen",
    });
  });

  it("parses pr, operators in any case and canonicalises attribute names", () => {
    expect(parseFilter("TITLE PR")).toEqual({ op: "pr", path: { name: "title" } });
    expect(parseFilter('USERNAME EQ "x"')).toEqual({ op: "eq", path: { name: "userName" }, value: "x" });
    expect(parseFilter('name.FAMILYNAME sw "J"')).toEqual({
      op: "sw",
      path: { name: "name", sub: "familyName" },
      value: "J",
    });
  });

  it("parses true, false, null, numbers and escaped strings", () => {
    expect(parseFilter("active eq true")).toMatchObject({ value: true });
    expect(parseFilter("active eq False")).toMatchObject({ value: false });
    expect(parseFilter("title eq null")).toMatchObject({ value: null });
    expect(parseFilter("externalId eq 42")).toMatchObject({ value: 42 });
    expect(parseFilter('displayName eq "say \\"hi\\""')).toMatchObject({ value: 'say "hi"' });
  });

  it("gives and precedence over or, and honours grouping and not", () => {
    const title = { op: "pr", path: { name: "title" } };
    const a = { op: "eq", path: { name: "userType" }, value: "a" };
    const b = { op: "eq", path: { name: "userType" }, value: "b" };
    expect(parseFilter('title pr or userType eq "a" and userType eq "b"')).toEqual({
      op: "or",
      left: title,
      right: { op: "and", left: a, right: b },
    });
    expect(parseFilter('(title pr or userType eq "a") and userType eq "b"')).toEqual({
      op: "and",
      left: { op: "or", left: title, right: a },
      right: b,
    });
    expect(parseFilter('not (userType eq "a")')).toEqual({ op: "not", filter: a });
    expect(parseFilter('not(userType eq "a") and title pr')).toEqual({
      op: "and",
      left: { op: "not", filter: a },
      right: title,
    });
  });

  it("parses valuePath filters with relative sub-attribute names", () => {
    expect(parseFilter('emails[type eq "work" and value co "@example.com"]')).toEqual({
      op: "valuePath",
      path: { name: "emails" },
      filter: {
        op: "and",
        left: { op: "eq", path: { name: "type" }, value: "work" },
        right: { op: "co", path: { name: "value" }, value: "@example.com" },
      },
    });
  });

  it('folds Entra\'s emails[type eq "work"].value eq "x" into the valuePath', () => {
    expect(parseFilter('emails[type eq "work"].value eq "x@example.com"')).toEqual({
      op: "valuePath",
      path: { name: "emails" },
      filter: {
        op: "and",
        left: { op: "eq", path: { name: "type" }, value: "work" },
        right: { op: "eq", path: { name: "value" }, value: "x@example.com" },
      },
    });
  });

  it("targets the value sub-attribute when comparing a complex attribute", () => {
    expect(parseFilter('members eq "u1"', { type: "Group" })).toEqual({
      op: "eq",
      path: { name: "members", sub: "value" },
      value: "u1",
    });
  });

  it("resolves extension attributes by URN prefix and drops the core URN", () => {
    expect(parseFilter(`${ENTERPRISE_USER_SCHEMA}:employeeNumber eq "7"`)).toEqual({
      op: "eq",
      path: { schema: ENTERPRISE_USER_SCHEMA, name: "employeeNumber" },
      value: "7",
    });
    expect(parseFilter(`${ENTERPRISE_USER_SCHEMA.toLowerCase()}:manager.value eq "m"`)).toMatchObject({
      path: { schema: ENTERPRISE_USER_SCHEMA, name: "manager", sub: "value" },
    });
    expect(parseFilter('urn:ietf:params:scim:schemas:core:2.0:User:userName eq "x"')).toEqual({
      op: "eq",
      path: { name: "userName" },
      value: "x",
    });
    expect(parseFilter('meta.lastModified gt "2026-01-01T00:00:00Z"')).toMatchObject({
      path: { name: "meta", sub: "lastModified" },
    });
  });

  it.each([
    ['userName eq "x', "Unterminated string"],
    ["userName eq", "ends early"],
    ['userName equals "x"', "Unknown operator"],
    ['userName eq "x" and', "ends early"],
    ['(userName eq "x"', "ends early"],
    ['userName eq "x")', "Unexpected ')'"],
    ['userName eq "x" userName', "Unexpected"],
    ['emails[type eq "work"', "ends early"],
    ['emails[type eq "work"] eq "x"', "Unexpected"],
    ['nosuch eq "x"', "Unknown attribute 'nosuch'"],
    ['emails[nosuch eq "x"]', "Unknown sub-attribute"],
    ['name.nosuch eq "x"', "Unknown attribute"],
    ['userName[value eq "x"]', "not a complex attribute"],
    ["active gt true", "cannot compare the boolean"],
    ['active co "t"', "cannot compare the boolean"],
    ["title gt null", "cannot compare with null"],
    ['name eq "x"', "is complex"],
    ['userName eq "x" & title pr', "Unexpected character"],
    ["userName eq bjensen", "Expected a string"],
    ["", "ends early"],
  ])("rejects %j with 400 invalidFilter", (text, detail) => {
    const error = rejects(text, "User");
    expect(error.status).toBe(400);
    expect(error.scimType).toBe("invalidFilter");
    expect(error.detail).toContain(detail);
  });

  it("resolves names against the resource type it is given", () => {
    expect(rejects('members.value eq "x"', "User").detail).toContain("Unknown attribute");
    expect(rejects('userName eq "x"', "Group").detail).toContain("Unknown attribute");
  });

  it("refuses absurdly deep nesting", () => {
    const deep = `${"(".repeat(40)}title pr${")".repeat(40)}`;
    expect(rejects(deep).scimType).toBe("invalidFilter");
  });
});
