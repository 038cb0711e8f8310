/**
 * Roles: `role_id` → name and admin flag.
 *
 * A Productive person carries only `role_id`; the public API documents no endpoint that lists role definitions
 * (custom roles live in Settings → Roles), and the sandbox exposes none either. roster therefore takes the role
 * table from the app's config (`roles: [{id, name, admin}]`) and does not probe undocumented endpoints. A role id
 * the config does not name is shown as the bare id and counts as not privileged (`findings.privilegedRoles` can
 * still name it).
 */
export interface ProductiveRoleDefinition {
  id: number | string;
  name: string;
  admin?: boolean;
}

export interface RoleInfo {
  id: string;
  name: string;
  privileged: boolean;
  /** Whether the config defined it (otherwise only its id is known). */
  known: boolean;
}

export class RoleDirectory {
  private readonly byId = new Map<string, RoleInfo>();

  constructor(definitions: readonly ProductiveRoleDefinition[] = []) {
    for (const role of definitions) {
      const id = String(role.id);
      this.byId.set(id, { id, name: role.name, privileged: role.admin === true, known: true });
    }
  }

  /** The role with this id: the configured one, or an unnamed one. */
  get(id: string): RoleInfo {
    return this.byId.get(id) ?? { id, name: id, privileged: false, known: false };
  }

  /** Configured roles, then any other role id in `held` (ids people hold that the config does not name). */
  withHeld(held: Iterable<string>): RoleInfo[] {
    const roles = [...this.byId.values()];
    for (const id of new Set(held)) if (!this.byId.has(id)) roles.push(this.get(id));
    return roles;
  }
}
