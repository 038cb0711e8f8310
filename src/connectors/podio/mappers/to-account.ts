/**
 * Podio org member → Account. Pure functions.
 *
 * Status, explicitly: `user.status` `invited` → invited; `inactive` → deactivated; anything else → active.
 * Privileged: the org role `admin`. Activity: `last_seen_on`. E-mail: `user.mail` (the login) exactly as Podio
 * sends it; the profile's other addresses stay in `raw`. An invited member's invite age is its `created_on` (Podio has no separate invite date).
 */
import type { Account, AccountStatus } from "../../../core/account.ts";
import type { PodioOrgMember } from "../types.ts";
import { podioTimeToIso } from "./timestamps.ts";

/** The org role that administers the organization. */
export const PODIO_PRIVILEGED_ROLE = "admin";

export function podioStatus(status: string | null | undefined): AccountStatus {
  switch (status?.toLowerCase()) {
    case "invited":
      return "invited";
    case "inactive":
      return "deactivated";
    default:
      return "active";
  }
}

export function isPrivilegedPodioRole(role: string): boolean {
  return role.toLowerCase() === PODIO_PRIVILEGED_ROLE;
}

/**
 * Every address on the member, login first, as Podio spells them (case and stray spaces are the correlation's to
 * normalize; de-duplicated on the normalized form). The account's `email` is the first; the rest stay in `raw`.
 */
export function podioMails(member: Pick<PodioOrgMember, "user" | "profile">): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const mail of [member.user.mail, ...(member.profile?.mail ?? [])]) {
    const key = mail?.trim().toLowerCase();
    if (!mail || !key || seen.has(key)) continue;
    seen.add(key);
    out.push(mail);
  }
  return out;
}

export function toAccount(app: string, member: PodioOrgMember): Account {
  const role = member.role.toLowerCase();
  const status = podioStatus(member.user.status);
  const createdAt = podioTimeToIso(member.user.created_on);
  const name = member.profile?.name?.trim() || null;
  return {
    app,
    externalId: String(member.user.user_id),
    // Podio has no username: people sign in with their e-mail address.
    username: null,
    email: podioMails(member)[0] ?? null,
    displayName: name,
    // The profile has one `name`; splitting it into first and last would be a guess.
    firstName: null,
    lastName: null,
    status,
    roles: [role],
    privileged: isPrivilegedPodioRole(role),
    lastActivityAt: podioTimeToIso(member.profile?.last_seen_on ?? member.user.last_seen_on),
    createdAt,
    invitedAt: status === "invited" ? createdAt : null,
    raw: member,
  };
}
