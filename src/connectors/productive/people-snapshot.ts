import type { Grant } from "../../core/account.ts";
import { roleIdOf } from "./mappers/to-account.ts";
import { roleGrant } from "./mappers/to-grant.ts";
import type { ProductivePerson } from "./types.ts";

/**
 * What one sync pass learned from the people walk: each account's role. Productive people carry their own
 * `role_id`, so `listGroups` (roles held) and `listGrants` (person → role) are derived from the people
 * `listAccounts` already fetched — no further requests — plus anyone `getAccount` re-verified after page drift
 * skipped them.
 *
 * Groups and grants are only ever derived from a `complete` walk: a partial one would make the sync mark real
 * grants gone.
 */
export class PeopleSnapshot {
  private readonly roleOf = new Map<string, string | null>();
  private finished = false;

  get complete(): boolean {
    return this.finished;
  }

  record(person: ProductivePerson): void {
    this.roleOf.set(person.id, roleIdOf(person));
  }

  markComplete(): void {
    this.finished = true;
  }

  /** Every role id some account holds. */
  heldRoleIds(): Set<string> {
    const held = new Set<string>();
    for (const roleId of this.roleOf.values()) if (roleId !== null) held.add(roleId);
    return held;
  }

  /** One grant per account with a role, `perPage` at a time. */
  *grantPages(app: string, perPage = 500): Generator<Grant[]> {
    let page: Grant[] = [];
    for (const [personId, roleId] of this.roleOf) {
      if (roleId === null) continue;
      page.push(roleGrant(app, personId, roleId));
      if (page.length === perPage) {
        yield page;
        page = [];
      }
    }
    if (page.length > 0) yield page;
  }
}
