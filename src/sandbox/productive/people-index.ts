import type { ProductivePerson } from "../world/types.ts";
import { insertId, removeId, sortIds } from "./ordered-ids.ts";

/** `filter[status]`: 1 active, 2 deactivated. */
export type PersonStatusCode = 1 | 2;
/** `filter[person_type]`: 1 user, 2 contact, 3 placeholder. */
export type PersonTypeCode = ProductivePerson["person_type"];

export const PERSON_STATUS_CODES: readonly PersonStatusCode[] = [1, 2];
export const PERSON_TYPE_CODES: readonly PersonTypeCode[] = [1, 2, 3];

export function personStatus(person: Pick<ProductivePerson, "deactivated_at">): PersonStatusCode {
  return person.deactivated_at === null ? 1 : 2;
}

/** Which people a list request selects: the allowed status and type codes, and an e-mail condition. */
export interface PeopleSelection {
  statuses: ReadonlySet<PersonStatusCode>;
  types: ReadonlySet<PersonTypeCode>;
  /** Lower-cased addresses. */
  emails?: { op: "eq" | "not_eq"; values: ReadonlySet<string> };
}

/** The fields the index is keyed on. */
export type IndexedPerson = Pick<ProductivePerson, "id" | "deactivated_at" | "person_type" | "email">;

const normalise = (email: string) => email.trim().toLowerCase();
const EMPTY: readonly string[] = Object.freeze([]);
/** Most addresses belong to one person: keep a bare id then, an ordered array only for shared addresses. */
type EmailEntry = string | string[];
const COMBINATION_LIMIT = 32;

function matches(selection: PeopleSelection, p: IndexedPerson): boolean {
  if (!selection.statuses.has(personStatus(p)) || !selection.types.has(p.person_type)) return false;
  const { emails } = selection;
  if (!emails) return true;
  return emails.values.has(normalise(p.email)) === (emails.op === "eq");
}

/** A selection's ordered ids, kept up to date on every write once built. */
interface Combination {
  selection: PeopleSelection;
  ids: string[];
}

/**
 * Ordered id arrays per filter value — all, by status, by person type, by e-mail — maintained on every write, so
 * a list request is a slice, never a scan. Combinations of filters (status AND type, `not_eq` e-mail) are built
 * once from the smallest of those arrays and from then on maintained on writes like the others (up to 32
 * combinations; the oldest is dropped beyond that).
 */
export class PeopleIndex {
  readonly all: string[] = [];
  private readonly byStatus = new Map<PersonStatusCode, string[]>(PERSON_STATUS_CODES.map((s) => [s, []]));
  private readonly byType = new Map<PersonTypeCode, string[]>(PERSON_TYPE_CODES.map((t) => [t, []]));
  private readonly byEmail = new Map<string, EmailEntry>();
  private readonly combinations = new Map<string, Combination>();

  /** Build from records in any order (one sort instead of many inserts). */
  load(people: ReadonlyMap<string, IndexedPerson>): void {
    for (const id of sortIds(people.keys())) {
      const p = people.get(id)!;
      this.all.push(id);
      this.byStatus.get(personStatus(p))!.push(id);
      this.byType.get(p.person_type)!.push(id);
      this.addEmail(normalise(p.email), id);
    }
  }

  add(p: IndexedPerson): void {
    insertId(this.all, p.id);
    insertId(this.byStatus.get(personStatus(p))!, p.id);
    insertId(this.byType.get(p.person_type)!, p.id);
    this.addEmail(normalise(p.email), p.id);
    for (const c of this.combinations.values()) if (matches(c.selection, p)) insertId(c.ids, p.id);
  }

  remove(p: IndexedPerson): void {
    removeId(this.all, p.id);
    removeId(this.byStatus.get(personStatus(p))!, p.id);
    removeId(this.byType.get(p.person_type)!, p.id);
    this.dropEmail(normalise(p.email), p.id);
    for (const c of this.combinations.values()) if (matches(c.selection, p)) removeId(c.ids, p.id);
  }

  /** Move one record between arrays after a write changed its status, type or e-mail. */
  update(before: IndexedPerson, after: IndexedPerson): void {
    const [statusBefore, statusAfter] = [personStatus(before), personStatus(after)];
    if (statusBefore !== statusAfter) {
      removeId(this.byStatus.get(statusBefore)!, before.id);
      insertId(this.byStatus.get(statusAfter)!, after.id);
    }
    if (before.person_type !== after.person_type) {
      removeId(this.byType.get(before.person_type)!, before.id);
      insertId(this.byType.get(after.person_type)!, after.id);
    }
    const [emailBefore, emailAfter] = [normalise(before.email), normalise(after.email)];
    if (emailBefore !== emailAfter) {
      this.dropEmail(emailBefore, before.id);
      this.addEmail(emailAfter, after.id);
    }
    for (const c of this.combinations.values()) {
      const [was, is] = [matches(c.selection, before), matches(c.selection, after)];
      if (was && !is) removeId(c.ids, before.id);
      else if (is && !was) insertId(c.ids, after.id);
    }
  }

  /** Ids whose e-mail is `email` (case-insensitive), in id order. */
  idsWithEmail(email: string): readonly string[] {
    const entry = this.byEmail.get(normalise(email));
    return entry === undefined ? EMPTY : typeof entry === "string" ? [entry] : entry;
  }

  /** The ordered ids a selection matches. The array is shared and live: callers must not mutate it. */
  select(selection: PeopleSelection, lookup: (id: string) => IndexedPerson): readonly string[] {
    const { statuses, types, emails } = selection;
    if (statuses.size === 0 || types.size === 0) return EMPTY;
    if (emails?.op === "eq") {
      const ids = new Set<string>();
      for (const email of emails.values) for (const id of this.idsWithEmail(email)) ids.add(id);
      return sortIds(ids).filter((id) => matches(selection, lookup(id)));
    }
    const anyStatus = statuses.size === PERSON_STATUS_CODES.length;
    const anyType = types.size === PERSON_TYPE_CODES.length;
    if (!emails) {
      if (anyStatus && anyType) return this.all;
      if (anyType && statuses.size === 1) return this.byStatus.get(first(statuses))!;
      if (anyStatus && types.size === 1) return this.byType.get(first(types))!;
    }
    const key = [
      [...statuses].sort().join(","),
      [...types].sort().join(","),
      emails ? [...emails.values].sort().join(",") : "",
    ].join("|");
    const known = this.combinations.get(key);
    if (known) return known.ids;
    const ids = this.smallestBase(statuses, types).filter((id) => matches(selection, lookup(id)));
    if (this.combinations.size >= COMBINATION_LIMIT) {
      this.combinations.delete(this.combinations.keys().next().value!);
    }
    this.combinations.set(key, { selection, ids });
    return ids;
  }

  private smallestBase(
    statuses: ReadonlySet<PersonStatusCode>,
    types: ReadonlySet<PersonTypeCode>,
  ): string[] {
    let base = this.all;
    const candidates = [
      ...(statuses.size === 1 ? [this.byStatus.get(first(statuses))!] : []),
      ...(types.size === 1 ? [this.byType.get(first(types))!] : []),
    ];
    for (const ids of candidates) if (ids.length < base.length) base = ids;
    return base;
  }

  private addEmail(email: string, id: string): void {
    if (email === "") return;
    const entry = this.byEmail.get(email);
    if (entry === undefined) this.byEmail.set(email, id);
    else if (typeof entry === "string") this.byEmail.set(email, entry === id ? id : sortIds([entry, id]));
    else insertId(entry, id);
  }

  private dropEmail(email: string, id: string): void {
    const entry = this.byEmail.get(email);
    if (entry === undefined) return;
    if (typeof entry === "string") {
      if (entry === id) this.byEmail.delete(email);
      return;
    }
    removeId(entry, id);
    if (entry.length === 1) this.byEmail.set(email, entry[0]!);
  }
}

function first<T>(set: ReadonlySet<T>): T {
  for (const value of set) return value;
  throw new Error("empty selection");
}
