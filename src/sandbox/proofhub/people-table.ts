import { JsonFragmentCache } from "../kit/json-fragments.ts";
import type { ProofhubPerson } from "../world/types.ts";
import { IdOrdered } from "./id-ordered.ts";

/**
 * A person as the table keeps it: read-only outside the table. Every change goes through `PeopleTable.update`,
 * which keeps the e-mail index and the served JSON in step.
 */
export type StoredPerson = Readonly<Omit<ProofhubPerson, "role" | "groups" | "projects">> & {
  readonly role: Readonly<ProofhubPerson["role"]>;
  readonly groups: readonly number[];
  readonly projects: readonly number[];
};

/** What `PeopleTable.update` may change (everything but the id); arrays are replaced, never edited in place. */
export type PersonChanges = Partial<Omit<StoredPerson, "id">>;

/**
 * A person as `GET /people/{id}` serves it, fields in the v3 docs' order (`verified` is false until the invitation is
 * accepted). The table stores exactly this shape, so a page serializes without building new objects; extra fields a
 * world may carry are dropped here.
 */
export function personRecord(p: StoredPerson): ProofhubPerson {
  return {
    id: p.id,
    first_name: p.first_name,
    last_name: p.last_name,
    title: p.title,
    email: p.email,
    role: { id: p.role.id },
    groups: [...p.groups],
    timezone: p.timezone,
    language: p.language,
    suspended: p.suspended,
    verified: p.verified,
    last_active: p.last_active,
    created_at: p.created_at,
    updated_at: p.updated_at,
    projects: [...p.projects],
  };
}

/**
 * People in id order (the order `GET /people` pages through), with lookups by id and by e-mail, and each person's
 * served JSON kept as a string from its first serve until the person changes or goes.
 */
export class PeopleTable extends IdOrdered<StoredPerson> {
  private readonly byEmail = new Map<string, StoredPerson>();
  private readonly fragments = new JsonFragmentCache<number>();

  constructor(people: readonly ProofhubPerson[]) {
    super(people, "person");
    for (const person of this.all()) this.byEmail.set(emailKey(person.email), person);
  }

  /** E-mail addresses are unique per account, compared case-insensitively. */
  getByEmail(email: string): StoredPerson | undefined {
    return this.byEmail.get(emailKey(email));
  }

  /** The person as `GET /people` serves it, serialized (stored people already have the served shape). */
  json(person: StoredPerson): string {
    return this.fragments.get(person.id, () => person);
  }

  override insert(person: ProofhubPerson): void {
    super.insert(person);
    this.fragments.invalidate(person.id);
    this.byEmail.set(emailKey(person.email), person);
  }

  /** The one way a stored person changes. */
  update(person: StoredPerson, changes: PersonChanges): StoredPerson {
    if (this.get(person.id) !== person)
      throw new Error(`proofhub sandbox: person ${person.id} is not stored`);
    const emailChanged = changes.email !== undefined && changes.email !== person.email;
    if (emailChanged) this.byEmail.delete(emailKey(person.email));
    this.fragments.invalidate(person.id);
    Object.assign(person, changes);
    if (emailChanged) this.byEmail.set(emailKey(person.email), person);
    return person;
  }

  override remove(id: number): StoredPerson | undefined {
    const person = super.remove(id);
    if (person) {
      this.fragments.invalidate(id);
      this.byEmail.delete(emailKey(person.email));
    }
    return person;
  }
}

function emailKey(email: string): string {
  return email.trim().toLowerCase();
}
