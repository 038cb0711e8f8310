/** Correlation: the ordered matchers, their confidence, disputes, guesses, and manual decisions winning. */
import { describe, expect, it } from "vitest";
import type { AccountFacts } from "../src/graph/correlation/account-facts.ts";
import { correlate, type ManualDecision } from "../src/graph/correlation/correlate.ts";
import { PersonIndex } from "../src/graph/correlation/person-index.ts";
import { account, person } from "./graph-fixtures.ts";

const index = new PersonIndex();
index.add(
  person("E1", "jane.doe@northwind.example", { aliases: ["jdoe@northwind.example", "jane.doe@old.example"] }),
);
index.add(person("E2", "payroll@northwind.example", { firstName: "Pay", lastName: "Roll" }));
index.add(
  person("E3", "john.roe@northwind.example", {
    aliases: ["payroll@northwind.example"],
    firstName: "John",
    lastName: "Roe",
  }),
);
index.add(
  person("E4", "ann.lee@northwind.example", {
    aliases: ["office@northwind.example"],
    firstName: "Ann",
    lastName: "Lee",
  }),
);
index.add(
  person("E5", "bo.kim@northwind.example", {
    aliases: ["office@northwind.example"],
    firstName: "Søren",
    lastName: "O'Brien",
  }),
);
index.add(person("E6", "gone.person@northwind.example", { gone: true }));
index.add(person("E7", "ann.lee@northwind-labs.example", { firstName: "Ann", lastName: "Lee" }));

const run = (a: Partial<AccountFacts>, decision?: ManualDecision) => correlate(account(a), index, decision);

describe("matchers", () => {
  it("links by the primary address, whatever the case and surrounding spaces", () => {
    for (const email of [
      "jane.doe@northwind.example",
      "  Jane.Doe@Northwind.EXAMPLE ",
      "JANE.DOE@NORTHWIND.EXAMPLE",
    ]) {
      expect(run({ email })).toMatchObject({
        situation: "linked",
        person: { employeeId: "E1" },
        matcher: "email",
        confidence: 0.95,
      });
    }
  });

  it("links by an alias, with a lower confidence", () => {
    expect(run({ email: "JDoe@northwind.example" })).toMatchObject({
      situation: "linked",
      person: { employeeId: "E1" },
      matcher: "alias",
      confidence: 0.9,
      on: "jdoe@northwind.example",
    });
  });

  it("disputes an address that is one person's primary and another's alias, or two people's alias", () => {
    const primaryAndAlias = run({ email: "Payroll@northwind.example" });
    expect(primaryAndAlias.situation).toBe("disputed");
    expect(primaryAndAlias.candidates.map((c) => [c.person.employeeId, c.matcher])).toEqual([
      ["E2", "email"],
      ["E3", "alias"],
    ]);
    expect(run({ email: "office@northwind.example" }).candidates.map((c) => c.person.employeeId)).toEqual([
      "E4",
      "E5",
    ]);
    expect(run({ email: "office@northwind.example" }).person).toBeNull();
  });

  it("never matches a person who left the HR export", () => {
    expect(run({ email: "gone.person@northwind.example" }).situation).toBe("unmatched");
  });

  it("prefers an employee id the account carries", () => {
    expect(run({ email: "jane.doe@northwind.example", employeeIdHint: "E4" })).toMatchObject({
      situation: "linked",
      person: { employeeId: "E4" },
      matcher: "employee-id",
      confidence: 1,
    });
  });

  it("falls back to the username: an address, an employee id, or one person's local part", () => {
    expect(run({ email: null, username: "Jane.Doe@northwind.example" })).toMatchObject({
      person: { employeeId: "E1" },
      matcher: "username-email",
    });
    expect(run({ email: null, username: "e3" })).toMatchObject({
      person: { employeeId: "E3" },
      matcher: "username-employee-id",
    });
    expect(run({ email: null, username: "jdoe" })).toMatchObject({
      person: { employeeId: "E1" },
      matcher: "username-local-part",
      confidence: 0.6,
    });
    // `ann.lee` is the local part of two people's addresses: too weak to choose, so no link.
    expect(run({ email: null, username: "ann.lee" }).situation).toBe("unmatched");
    // An address-like username nobody holds stays unmatched (Docebo usernames are addresses).
    expect(
      run({ email: "qa-automation@northwind.example", username: "qa-automation@northwind.example" })
        .situation,
    ).toBe("unmatched");
  });

  it("only guesses by name: candidates, never a link", () => {
    const c = run({ email: "soren.obrien@gmail.example", firstName: "Søren", lastName: "O’Brien" });
    expect(c).toMatchObject({ situation: "unmatched", person: null });
    expect(c.guesses.map((g) => [g.person.employeeId, g.matcher, g.confidence])).toEqual([
      ["E5", "name", 0.3],
    ]);
    const two = run({ email: "x@gmail.example", displayName: "Ann Lee" });
    expect(two.guesses.map((g) => [g.person.employeeId, g.confidence])).toEqual([
      ["E4", 0.15],
      ["E7", 0.15],
    ]);
  });

  it("treats [redacted] as unknown, not as a mismatch", () => {
    expect(run({ email: "[redacted]", displayName: null })).toMatchObject({
      situation: "unknown",
      guesses: [],
    });
    expect(run({ email: null, username: "[redacted]" }).situation).toBe("unknown");
    expect(run({ email: "[redacted]", employeeIdHint: "E1" }).situation).toBe("linked");
  });
});

describe("manual decisions", () => {
  const decision = (d: Partial<ManualDecision>): ManualDecision => ({
    app: "podio",
    externalId: "1",
    decision: "link",
    employeeId: null,
    note: null,
    decidedAt: "2026-11-01T00:00:00.000Z",
    ...d,
  });

  it("win over every matcher", () => {
    const email = "jane.doe@northwind.example";
    expect(run({ email }, decision({ employeeId: "E4" }))).toMatchObject({
      situation: "linked",
      person: { employeeId: "E4" },
      matcher: "manual",
      confidence: 1,
    });
    expect(run({ email }, decision({ decision: "unlink" }))).toMatchObject({
      situation: "unmatched",
      person: null,
    });
    expect(run({ email }, decision({ decision: "ignore" })).situation).toBe("ignored");
    expect(run({ email: "payroll@northwind.example" }, decision({ employeeId: "E3" })).situation).toBe(
      "linked",
    );
    expect(run({ email: "[redacted]" }, decision({ employeeId: "E3" })).situation).toBe("linked");
  });

  it("keep pointing at a person who left the export, and say when the person was never known", () => {
    expect(run({}, decision({ employeeId: "E6" }))).toMatchObject({
      situation: "linked",
      person: { gone: true },
    });
    expect(run({}, decision({ employeeId: "E99" }))).toMatchObject({
      situation: "unmatched",
      missingPerson: "E99",
    });
  });
});
