import type { Grant, GroupKind } from "../../../core/account.ts";
import type { DoceboUserItem } from "../types.ts";

/** Where a page of member items came from. */
export interface Membership {
  groupExternalId: string;
  groupKind: Extract<GroupKind, "branch" | "group">;
  /** Members of a dynamic group are there by rule: their grants are derived and never revoked directly. */
  dynamic: boolean;
}

/** A page of a branch's users or a group's members → one grant per user. Docebo memberships carry no role. */
export function memberGrants(app: string, membership: Membership, users: readonly DoceboUserItem[]): Grant[] {
  return users.map((user) => ({
    app,
    accountExternalId: String(user.user_id),
    groupExternalId: membership.groupExternalId,
    groupKind: membership.groupKind,
    role: null,
    derived: membership.dynamic,
  }));
}
