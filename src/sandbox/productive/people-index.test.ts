import { describe, expect, it } from "vitest";
import { createRng } from "../kit/rng.ts";
import type { ProductivePerson } from "../world/types.ts";
import { compareIds } from "./ordered-ids.ts";
import {
  PERSON_STATUS_CODES,
  PERSON_TYPE_CODES,
  type PeopleSelection,
  type PersonStatusCode,
  type PersonTypeCode,
  personStatus,
} from "./people-index.ts";
import { ProductiveStore } from "./store.ts";
import { person, smallOrganization } from "./test-fixture.ts";

/** What a selection must return, computed the slow way. */
function bruteForce(people: readonly ProductivePerson[], selection: PeopleSelection): string[] {
  return people
    .filter((p) => selection.statuses.has(personStatus(p)) && selection.types.has(p.person_type))
    .filter((p) => {
      const email = p.email.trim().toLowerCase();
      if (!selection.emails) return true;
      return selection.emails.op === "eq"
        ? selection.emails.values.has(email)
        : !selection.emails.values.has(email);
    })
    .map((p) => p.id)
    .sort(compareIds);
}

function allSelections(emails: string[]): PeopleSelection[] {
  const subsets = <T>(items: readonly T[]): Set<T>[] => {
    const sets = [new Set<T>()];
    for (const item of items) for (const set of [...sets]) sets.push(new Set([...set, item]));
    return sets;
  };
  const result: PeopleSelection[] = [];
  for (const statuses of subsets<PersonStatusCode>(PERSON_STATUS_CODES)) {
    for (const types of subsets<PersonTypeCode>(PERSON_TYPE_CODES)) {
      result.push({ statuses, types });
      for (const email of emails) {
        result.push({ statuses, types, emails: { op: "eq", values: new Set([email]) } });
        result.push({ statuses, types, emails: { op: "not_eq", values: new Set([email]) } });
      }
    }
  }
  return result;
}

describe("PeopleIndex", () => {
  it("stays equal to a brute-force filter through random creates, updates and removals", () => {
    const rng = createRng(7);
    const state = smallOrganization();
    state.people.push(...Array.from({ length: 40 }, (_, i) => person(String(100 + i * 3))));
    const store = new ProductiveStore(state, { defaultPassword: "x" });
    const emails = ["shared@acme.test", "other@acme.test", "ben@acme.test"];
    for (let step = 0; step < 300; step++) {
      const live = store.snapshot().people;
      const target = rng.pick(live);
      const roll = rng.next();
      if (roll < 0.15) {
        store.createPerson({
          ...person("0"),
          email: rng.pick(emails),
          person_type: rng.pick(PERSON_TYPE_CODES),
        });
      } else if (roll < 0.25) {
        store.removePerson(target.id);
      } else {
        store.updatePerson(target.id, {
          deactivated_at: rng.chance(0.5) ? null : "2026-01-01T00:00:00.000Z",
          person_type: rng.pick(PERSON_TYPE_CODES),
          email: rng.chance(0.3) ? rng.pick(emails).toUpperCase() : target.email,
        });
      }
      if (step % 25 === 0 || step === 299) {
        const people = store.snapshot().people;
        for (const selection of allSelections(emails)) {
          expect(store.selectPeople(selection)).toEqual(bruteForce(people, selection));
        }
      }
    }
  });

  it("keeps filter combinations it has built up to date through later writes", () => {
    const rng = createRng(11);
    const state = smallOrganization();
    state.people.push(...Array.from({ length: 60 }, (_, i) => person(String(200 + i))));
    const store = new ProductiveStore(state, { defaultPassword: "x" });
    const emails = ["shared@acme.test", "ben@acme.test"];
    // Combinations only (single-filter selections are the maintained base arrays themselves).
    const set = <T>(...items: T[]) => new Set(items);
    const notShared = { op: "not_eq" as const, values: set("shared@acme.test") };
    const combinations: PeopleSelection[] = [
      ...[set<PersonStatusCode>(1), set<PersonStatusCode>(2)].flatMap((statuses) =>
        [
          set<PersonTypeCode>(1),
          set<PersonTypeCode>(3),
          set<PersonTypeCode>(1, 2),
          set<PersonTypeCode>(2, 3),
        ].map((types) => ({ statuses, types })),
      ),
      { statuses: set(1, 2), types: set(1, 3) },
      { statuses: set(1, 2), types: set(1, 2, 3), emails: notShared },
      { statuses: set(1), types: set(1), emails: notShared },
    ];
    for (const selection of combinations) store.selectPeople(selection);
    for (let step = 0; step < 200; step++) {
      const target = rng.pick(store.snapshot().people);
      const roll = rng.next();
      if (roll < 0.1) store.createPerson({ ...person("0"), email: rng.pick(emails), person_type: 2 });
      else if (roll < 0.2) store.removePerson(target.id);
      else
        store.updatePerson(target.id, {
          deactivated_at: rng.chance(0.5) ? null : "2026-01-01T00:00:00.000Z",
          person_type: rng.pick(PERSON_TYPE_CODES),
          email: rng.chance(0.3) ? rng.pick(emails) : `p${step}@acme.test`,
        });
    }
    const people = store.snapshot().people;
    for (const selection of combinations) {
      expect(store.selectPeople(selection)).toEqual(bruteForce(people, selection));
    }
  });

  it("orders numeric ids by number, not by text", () => {
    const state = smallOrganization();
    state.people = [person("10"), person("9"), person("100"), person("2")];
    const store = new ProductiveStore(state, { defaultPassword: "x" });
    expect(store.peopleIndex.all).toEqual(["2", "9", "10", "100"]);
    expect(store.createPerson(person("0")).id).toBe("101");
  });
});
