import type { Group } from "../../../core/account.ts";
import type { RoleInfo } from "./roles.ts";

/**
 * A role → group kind `role`, so "who holds Administrator" is a membership like any other. Productive has no other
 * group-like structure for people that roster reads (project membership is a different question: access to work,
 * not to the app).
 */
export function roleToGroup(app: string, role: RoleInfo): Group {
  return {
    app,
    externalId: role.id,
    kind: "role",
    name: role.name,
    dynamic: false,
    parentExternalId: null,
    raw: { id: role.id, name: role.name, admin: role.privileged, source: role.known ? "config" : "role_id" },
  };
}
