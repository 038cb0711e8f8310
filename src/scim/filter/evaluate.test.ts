import { describe, expect, it } from "vitest";
import { ENTERPRISE_USER_SCHEMA } from "../schemas.ts";
import { matchesFilter, sortComparator } from "./evaluate.ts";
import { parseFilter } from "./parse.ts";

const meta = (created: string) => ({
  resourceType: "User",
  created,
  lastModified: created,
  location: "",
  version: 'W/"1"',
});

const babs = {
  schemas: [],
  id: "U-1",
  externalId: "EXT-babs",
  userName: "Babs.Jensen@example.com",
  displayName: "Babs Jensen",
  title: "Tour Guide",
  active: true,
  name: { givenName: "Barbara", familyName: "Jensen" },
  emails: [
    { value: "babs@example.com", type: "work", primary: true },
    { value: "babs@home.example", type: "home" },
  ],
  [ENTERPRISE_USER_SCHEMA]: { employeeNumber: "701984", manager: { value: "U-9" } },
  meta: meta("2026-01-10T09:00:00Z"),
};

const kim = {
  schemas: [],
  id: "U-2",
  userName: "kim@example.com",
  active: false,
  emails: [{ value: "kim@example.com", type: "home" }],
  meta: meta("2026-03-01T09:00:00Z"),
};

/** Which of the two users a filter selects. */
const select = (text: string) =>
  [babs, kim]
    .filter((user) => matchesFilter(user, parseFilter(text, { type: "User" })))
    .map((user) => user.id);

describe("matchesFilter", () => {
  it.each([
    ['userName eq "babs.jensen@example.com"', ["U-1"]],
    ['userName ne "kim@example.com"', ["U-1"]],
    ['userName co "JENSEN"', ["U-1"]],
    ['userName sw "KIM"', ["U-2"]],
    ['userName ew "@EXAMPLE.COM"', ["U-1", "U-2"]],
    ['userName gt "c"', ["U-2"]],
    ['userName ge "kim@example.com"', ["U-2"]],
    ['userName lt "kim"', ["U-1"]],
    ['userName le "babs.jensen@example.com"', ["U-1"]],
    ["title pr", ["U-1"]],
  ])("%s → %j", (text, ids) => {
    expect(select(text)).toEqual(ids);
  });

  it("respects caseExact: userName and displayName are not, id and externalId are", () => {
    expect(select('displayName eq "BABS JENSEN"')).toEqual(["U-1"]);
    expect(select('externalId eq "ext-babs"')).toEqual([]);
    expect(select('externalId eq "EXT-babs"')).toEqual(["U-1"]);
    expect(select('id eq "u-1"')).toEqual([]);
    expect(select('id eq "U-1"')).toEqual(["U-1"]);
  });

  it("compares booleans, including 'true'/'false' strings", () => {
    expect(select("active eq true")).toEqual(["U-1"]);
    expect(select("active eq false")).toEqual(["U-2"]);
    expect(select('active eq "False"')).toEqual(["U-2"]);
    expect(select("active ne true")).toEqual(["U-2"]);
  });

  it("compares dateTimes as instants, not strings", () => {
    expect(select('meta.created gt "2026-02-01T00:00:00Z"')).toEqual(["U-2"]);
    expect(select('meta.created lt "2026-01-10T10:00:00+01:00"')).toEqual([]);
    expect(select('meta.created le "2026-01-10T10:00:00+01:00"')).toEqual(["U-1"]);
    expect(select('meta.lastModified ge "2026-01-10T09:00:00.000Z"')).toEqual(["U-1", "U-2"]);
  });

  it("matches multi-valued attributes when any value matches", () => {
    expect(select('emails.value eq "BABS@HOME.EXAMPLE"')).toEqual(["U-1"]);
    expect(select('emails.type eq "home"')).toEqual(["U-1", "U-2"]);
    expect(select('emails co "example.com"')).toEqual(["U-1", "U-2"]);
  });

  it("evaluates valuePath filters against one entry at a time", () => {
    expect(select('emails[type eq "work" and value ew "example.com"]')).toEqual(["U-1"]);
    expect(select('emails[type eq "home" and value eq "babs@example.com"]')).toEqual([]);
    expect(select('emails[type eq "work"].value eq "babs@example.com"')).toEqual(["U-1"]);
    expect(select("emails[primary eq true]")).toEqual(["U-1"]);
    expect(select('emails[not (type eq "home")]')).toEqual(["U-1"]);
  });

  it("combines and, or, not and grouping", () => {
    expect(select('userName sw "b" and active eq true')).toEqual(["U-1"]);
    expect(select('userName sw "b" and active eq false')).toEqual([]);
    expect(select('userName sw "b" or active eq false')).toEqual(["U-1", "U-2"]);
    expect(select("not (title pr)")).toEqual(["U-2"]);
    expect(select('not (title pr) or (emails[type eq "work"] and active eq true)')).toEqual(["U-1", "U-2"]);
    expect(select('(userName sw "k" or userName sw "b") and not (active eq true)')).toEqual(["U-2"]);
  });

  it("treats a missing attribute as absent: not pr, eq null, ne anything", () => {
    expect(select("title eq null")).toEqual(["U-2"]);
    expect(select("title ne null")).toEqual(["U-1"]);
    expect(select('title ne "Tour Guide"')).toEqual(["U-2"]);
    expect(select('title co "Tour"')).toEqual(["U-1"]);
  });

  it("reads extension attributes under their URN", () => {
    expect(select(`${ENTERPRISE_USER_SCHEMA}:employeeNumber eq "701984"`)).toEqual(["U-1"]);
    expect(select(`${ENTERPRISE_USER_SCHEMA}:manager.value eq "U-9"`)).toEqual(["U-1"]);
    expect(select(`${ENTERPRISE_USER_SCHEMA}:manager.value eq "u-9"`)).toEqual([]);
    expect(select(`${ENTERPRISE_USER_SCHEMA}:employeeNumber pr`)).toEqual(["U-1"]);
  });

  it("matches names of adapter resources written in another letter case", () => {
    const adapter = { id: "A", schemas: [], USERNAME: "Zed", meta: meta("2026-01-01T00:00:00Z") };
    expect(matchesFilter(adapter, parseFilter('userName eq "zed"'))).toBe(true);
  });
});

describe("sortComparator", () => {
  it("sorts case-insensitively with missing values last in both orders", () => {
    const users = [
      { id: "a", userName: "carol" },
      { id: "b" },
      { id: "c", userName: "Alice" },
      { id: "d", userName: "bob" },
    ];
    const ascending = sortComparator({ name: "userName" }, "ascending", { type: "User" });
    const descending = sortComparator({ name: "userName" }, "descending", { type: "User" });
    expect([...users].sort(ascending).map((user) => user.id)).toEqual(["c", "d", "a", "b"]);
    expect([...users].sort(descending).map((user) => user.id)).toEqual(["a", "d", "c", "b"]);
  });

  it("sorts a multi-valued attribute by its primary value", () => {
    const users = [
      { id: "a", emails: [{ value: "z@x" }, { value: "a@x", primary: true }] },
      { id: "b", emails: [{ value: "m@x" }] },
    ];
    const compare = sortComparator({ name: "emails", sub: "value" }, "ascending", { type: "User" });
    expect([...users].sort(compare).map((user) => user.id)).toEqual(["a", "b"]);
  });
});
