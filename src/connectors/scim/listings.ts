/**
 * The three listings and `getAccount` over a `ScimReader`, with the app's own User mapping. Grants come from the
 * Groups listing itself (each Group carries its `members`): `listGroups` remembers them, and `listGrants` — which
 * the sync calls next on the same instance — hands them over without another request. Only when no complete
 * Groups walk preceded it does `listGrants` walk `/Groups` on its own.
 */
import type { Account, Grant, GroupKind } from "../../core/account.ts";
import type { Connector } from "../contract.ts";
import { scimGroupGrants, scimGroupToGroup } from "./mappers/to-group.ts";
import type { ScimReader } from "./reader.ts";
import type { ScimUser } from "./types.ts";

/** Grants handed over per page from memory (the store batches them anyway). */
const GRANTS_PER_PAGE = 1000;

export interface ScimListingsOptions {
  app: string;
  reader: ScimReader;
  /** User → Account with the app's status and role rules (`scimUserToAccount` for a generic SCIM app). */
  toAccount: (user: ScimUser) => Account;
  /** `group` for a generic SCIM app, `team` for Productboard. */
  groupKind: GroupKind;
}

export type ScimListings = Pick<Connector, "listAccounts" | "listGroups" | "listGrants"> & {
  getAccount(externalId: string): Promise<Account | null>;
};

export function createScimListings({ app, reader, toAccount, groupKind }: ScimListingsOptions): ScimListings {
  /** Memberships of the last complete Groups walk, waiting for `listGrants`. */
  let remembered: Grant[] | undefined;

  async function* walkGroups(remember: boolean) {
    const grants: Grant[] = [];
    for await (const page of reader.groups()) {
      if (remember) for (const group of page.items) grants.push(...scimGroupGrants(app, group, groupKind));
      yield page.items;
    }
    // Only a walk that reached its last page may stand in for a Grants listing.
    if (remember) remembered = grants;
  }

  return {
    async *listAccounts() {
      for await (const page of reader.users()) yield page.items.map(toAccount);
    },

    async *listGroups() {
      remembered = undefined;
      for await (const groups of walkGroups(true))
        yield groups.map((g) => scimGroupToGroup(app, g, groupKind));
    },

    async *listGrants() {
      const grants = remembered;
      remembered = undefined;
      if (grants) {
        for (let i = 0; i < grants.length; i += GRANTS_PER_PAGE) yield grants.slice(i, i + GRANTS_PER_PAGE);
        return;
      }
      for await (const groups of walkGroups(false)) {
        yield groups.flatMap((group) => scimGroupGrants(app, group, groupKind));
      }
    },

    async getAccount(externalId: string) {
      const user = await reader.user(externalId);
      return user ? toAccount(user) : null;
    },
  };
}
