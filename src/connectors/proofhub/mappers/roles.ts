/**
 * Account roles: role id → name, and which roles are admin-like.
 *
 * ProofHub's `GET roles` answers `{id, name, default}` [C] — there is no admin flag. roster counts a role as
 * privileged when the payload carries `admin: true` (should ProofHub ever send it), and otherwise when its name
 * matches `PRIVILEGED_ROLE_NAME`: ProofHub's built-in admin roles are "Owner" and "Administrator"; custom roles named
 * e.g. "Project admin" match too. The pattern is an option of `RoleDirectory` so a config key can override it later.
 */
import type { ProofhubId, ProofhubRole } from "../types.ts";

export const PRIVILEGED_ROLE_NAME = /admin|owner/i;

export interface RoleInfo {
  id: string;
  name: string;
  privileged: boolean;
  raw: ProofhubRole;
}

export class RoleDirectory {
  private readonly byId = new Map<string, RoleInfo>();

  constructor(roles: readonly ProofhubRole[], privilegedName: RegExp = PRIVILEGED_ROLE_NAME) {
    for (const role of roles) {
      const id = String(role.id);
      this.byId.set(id, { id, name: role.name, privileged: isPrivileged(role, privilegedName), raw: role });
    }
  }

  /** The role of a person; `undefined` for a role id `GET roles` did not list. */
  get(id: ProofhubId | null | undefined): RoleInfo | undefined {
    return id === null || id === undefined ? undefined : this.byId.get(String(id));
  }

  all(): RoleInfo[] {
    return [...this.byId.values()];
  }
}

function isPrivileged(role: ProofhubRole, privilegedName: RegExp): boolean {
  if (typeof role.admin === "boolean") return role.admin;
  return privilegedName.test(role.name);
}
