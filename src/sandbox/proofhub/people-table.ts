import type { ProofhubPerson } from "../world/types.ts";
import { IdOrdered } from "./id-ordered.ts";

/**
 * A person as `GET /people/{id}` serves it, fields in the v3 docs' order (`verified` is false until the invitation is
 * accepted). The table stores exactly this shape, so a page serializes without building new objects; extra fields a
 * world may carry are dropped here.
 */
export function personRecord(p: ProofhubPerson): ProofhubPerson {
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

/** People in id order (the order `GET /people` pages through), with lookups by id and by e-mail. */
export class PeopleTable extends IdOrdered<ProofhubPerson> {
  private readonly byEmail = new Map<string, ProofhubPerson>();

  constructor(people: readonly ProofhubPerson[]) {
    super(people, "person");
    for (const person of this.all()) this.byEmail.set(emailKey(person.email), person);
  }

  /** E-mail addresses are unique per account, compared case-insensitively. */
  getByEmail(email: string): ProofhubPerson | undefined {
    return this.byEmail.get(emailKey(email));
  }

  override insert(person: ProofhubPerson): void {
    super.insert(person);
    this.byEmail.set(emailKey(person.email), person);
  }

  /** Keep the e-mail index right after a person's address changed. */
  changeEmail(person: ProofhubPerson, email: string): void {
    this.byEmail.delete(emailKey(person.email));
    person.email = email;
    this.byEmail.set(emailKey(email), person);
  }

  override remove(id: number): ProofhubPerson | undefined {
    const person = super.remove(id);
    if (person) this.byEmail.delete(emailKey(person.email));
    return person;
  }
}

function emailKey(email: string): string {
  return email.trim().toLowerCase();
}
