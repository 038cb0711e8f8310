import type { Grant } from "../../core/account.ts";
import { membershipsOf, type PersonMemberships, toGrants } from "./mappers/to-grants.ts";
import type { ProofhubPerson } from "./types.ts";

/**
 * What one sync pass learned about memberships from people payloads. ProofHub people carry their own `projects`,
 * `groups` and `role`, so `listGrants` derives every grant from the people `listAccounts` already fetched — no
 * per-project requests — plus anyone `getAccount` re-verified after offset drift skipped them.
 *
 * Grants are only ever derived from a `complete` walk: a partial one would make the sync mark real grants gone.
 */
export class PeopleSnapshot {
  private readonly byPerson = new Map<string, PersonMemberships>();
  private finished = false;

  get complete(): boolean {
    return this.finished;
  }

  record(person: ProofhubPerson): void {
    this.byPerson.set(String(person.id), membershipsOf(person));
  }

  markComplete(): void {
    this.finished = true;
  }

  /** Grants of every recorded person, `peoplePerPage` people at a time. */
  *grantPages(app: string, peoplePerPage = 100): Generator<Grant[]> {
    let page: Grant[] = [];
    let people = 0;
    for (const memberships of this.byPerson.values()) {
      page.push(...toGrants(app, memberships));
      people += 1;
      if (people === peoplePerPage) {
        yield page;
        page = [];
        people = 0;
      }
    }
    if (page.length > 0) yield page;
  }
}
