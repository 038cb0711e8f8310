import type { Grant } from "../../../core/account.ts";
import type { ProofhubId, ProofhubPerson } from "../types.ts";

/** What one person belongs to, as their own payload says (`projects`, `groups`, `role`). */
export interface PersonMemberships {
  personId: string;
  projects: string[];
  groups: string[];
  roleId: string | null;
}

export function membershipsOf(person: ProofhubPerson): PersonMemberships {
  return {
    personId: String(person.id),
    projects: uniqueIds(person.projects),
    groups: uniqueIds(person.groups),
    roleId: person.role?.id === undefined || person.role?.id === null ? null : String(person.role.id),
  };
}

/**
 * A person's grants: one per project (kind `project`), one per group (kind `group`) and one for the account role
 * (kind `role`). All direct: ProofHub has no nested or rule-based membership.
 */
export function toGrants(app: string, memberships: PersonMemberships): Grant[] {
  const grant = (groupExternalId: string, groupKind: Grant["groupKind"]): Grant => ({
    app,
    accountExternalId: memberships.personId,
    groupExternalId,
    groupKind,
    role: null,
    derived: false,
  });
  return [
    ...memberships.projects.map((id) => grant(id, "project")),
    ...memberships.groups.map((id) => grant(id, "group")),
    ...(memberships.roleId === null ? [] : [grant(memberships.roleId, "role")]),
  ];
}

function uniqueIds(ids: readonly ProofhubId[] | null | undefined): string[] {
  return [...new Set((ids ?? []).map(String))];
}
