import type { Grant } from "../../../core/account.ts";

/** A person holding a role → a direct grant on the role group (a person has exactly one role). */
export function roleGrant(app: string, personId: string, roleId: string): Grant {
  return {
    app,
    accountExternalId: personId,
    groupExternalId: roleId,
    groupKind: "role",
    role: null,
    derived: false,
  };
}
