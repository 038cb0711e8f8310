import type { Account, AccountStatus } from "../../../core/account.ts";
import type { ProductivePerson, ProductiveUser } from "../types.ts";
import type { RoleDirectory } from "./roles.ts";
import { blankToNull, toIso } from "./timestamps.ts";

/**
 * Login attributes that are credentials of their own and never stored: `ical_token` opens the user's calendar feed,
 * `intercom_hash` is the HMAC proving the user's identity to Intercom.
 */
export const SECRET_USER_ATTRIBUTES = ["ical_token", "intercom_hash"] as const;

/** Productive's sysadmin flag on the login (`users.sysadmin`) is shown as this role and counts as privileged. */
export const SYSADMIN_ROLE = "sysadmin";

/**
 * Productive status, explicitly and in this order: `archived_at` → archived; `deactivated_at` → deactivated;
 * `invited_at` set and `joined_at` null → invited; anything else → active.
 */
export function productiveStatus(person: ProductivePerson): AccountStatus {
  const a = person.attributes;
  if (a.archived_at) return "archived";
  if (a.deactivated_at) return "deactivated";
  if (a.invited_at && !a.joined_at) return "invited";
  return "active";
}

/** A person's role id as a string, or null when the person has none. */
export function roleIdOf(person: ProductivePerson): string | null {
  const id = person.attributes.role_id;
  return id === null || id === undefined ? null : String(id);
}

/**
 * A user-type person (+ their linked login from `/users`, when known) → an account. The external id is the person
 * id; `username` is the login's e-mail (it can differ from the person's); roles are the role's name plus `sysadmin`
 * when the login has that flag; privileged = the role's admin flag, or sysadmin. Activity is `last_seen_at`, the
 * invite age `invited_at`. `raw` keeps both payloads, `{ person, user }`, minus the login's own secrets.
 */
export function toAccount(
  app: string,
  person: ProductivePerson,
  user: ProductiveUser | null,
  roles: RoleDirectory,
): Account {
  const a = person.attributes;
  const roleId = roleIdOf(person);
  const role = roleId === null ? undefined : roles.get(roleId);
  const sysadmin = user?.attributes.sysadmin === true;
  const firstName = blankToNull(a.first_name);
  const lastName = blankToNull(a.last_name);
  return {
    app,
    externalId: person.id,
    username: blankToNull(user?.attributes.email),
    // Kept exactly as Productive holds it: matching normalises, evidence does not.
    email: blankToNull(a.email),
    displayName: [firstName, lastName].filter(Boolean).join(" ") || null,
    firstName,
    lastName,
    status: productiveStatus(person),
    roles: [...(role ? [role.name] : []), ...(sysadmin ? [SYSADMIN_ROLE] : [])],
    privileged: (role?.privileged ?? false) || sysadmin,
    lastActivityAt: toIso(a.last_seen_at),
    createdAt: toIso(a.created_at),
    invitedAt: toIso(a.invited_at),
    raw: { person, user: user ? withoutSecrets(user) : null },
  };
}

/** The login as evidence: every attribute except `SECRET_USER_ATTRIBUTES`. */
function withoutSecrets(user: ProductiveUser): ProductiveUser {
  const attributes = { ...user.attributes };
  for (const name of SECRET_USER_ATTRIBUTES) delete attributes[name];
  return { ...user, attributes };
}
