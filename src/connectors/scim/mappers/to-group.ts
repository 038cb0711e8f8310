/** SCIM Group → Group, and its members → Grants. Pure functions. */
import type { Grant, Group, GroupKind } from "../../../core/account.ts";
import type { ScimGroup, ScimMember } from "../types.ts";

export function scimGroupToGroup(app: string, group: ScimGroup, kind: GroupKind): Group {
  return {
    app,
    externalId: group.id,
    kind,
    name: group.displayName?.trim() || group.id,
    // SCIM groups are edited member by member; dynamic membership is not expressible in RFC 7643.
    dynamic: false,
    parentExternalId: null,
    raw: group,
  };
}

/** A member that is a User: `type` "User" or absent (most servers omit it). Nested groups are not accounts. */
export function isUserMember(member: ScimMember): boolean {
  return !member.type || member.type.toLowerCase() === "user";
}

/** One direct grant per distinct User member. */
export function scimGroupGrants(app: string, group: ScimGroup, kind: GroupKind): Grant[] {
  const accounts = new Set<string>();
  for (const member of group.members ?? []) if (isUserMember(member)) accounts.add(member.value);
  return [...accounts].map((accountExternalId) => ({
    app,
    accountExternalId,
    groupExternalId: group.id,
    groupKind: kind,
    role: null,
    derived: false,
  }));
}
