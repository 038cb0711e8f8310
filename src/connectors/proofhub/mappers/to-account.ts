import type { Account, AccountStatus } from "../../../core/account.ts";
import type { ProofhubPerson } from "../types.ts";
import type { RoleDirectory } from "./roles.ts";
import { toIso } from "./timestamps.ts";

/**
 * ProofHub status, explicitly: `suspended: true` → suspended; `verified: false` (invited, never joined) → invited;
 * anything else → active. Suspension wins over a pending invitation.
 */
export function proofhubStatus(person: ProofhubPerson): AccountStatus {
  if (person.suspended === true) return "suspended";
  if (person.verified === false) return "invited";
  return "active";
}

/**
 * A person → an account. The role id is named through `GET roles`; a role id that list did not contain (created
 * mid-sync) is kept as its id and counts as not privileged. Activity is `last_active`; an invited person's invite
 * age is their `created_at` (ProofHub has no separate invitation date).
 */
export function toAccount(app: string, person: ProofhubPerson, roles: RoleDirectory): Account {
  const status = proofhubStatus(person);
  const roleId = person.role?.id;
  const role = roles.get(roleId);
  const firstName = blankToNull(person.first_name);
  const lastName = blankToNull(person.last_name);
  const createdAt = toIso(person.created_at);
  return {
    app,
    externalId: String(person.id),
    // ProofHub people have no username: they sign in with their e-mail address.
    username: null,
    // Kept exactly as ProofHub holds it (stray spaces and case included): matching normalises, evidence does not.
    email: blankToNull(person.email),
    displayName: [firstName, lastName].filter(Boolean).join(" ") || null,
    firstName,
    lastName,
    status,
    roles: role ? [role.name] : roleId === undefined || roleId === null ? [] : [String(roleId)],
    privileged: role?.privileged ?? false,
    lastActivityAt: toIso(person.last_active),
    createdAt,
    invitedAt: status === "invited" ? createdAt : null,
    raw: person,
  };
}

/** An absent or blank value is unknown (null); anything else is kept as sent. */
function blankToNull(value: string | null | undefined): string | null {
  return value?.trim() ? value : null;
}
