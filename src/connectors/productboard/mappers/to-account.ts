/**
 * Productboard member → Account, from REST v2 (`fields`) or from SCIM (mode `scim`). Pure functions.
 *
 * Status (REST): disabled → deactivated; invitationPending → invited; else active. SCIM shows only `active`:
 * active false → deactivated, else active (a pending invitation is not visible there). No activity field on
 * either side. Privileged: role `admin`.
 */
import { type Account, type AccountStatus, REDACTED } from "../../../core/account.ts";
import { isoInstant, scimDisplayName, scimEmail, scimPrimaryRole, scimStatus } from "../../scim/index.ts";
import type { ScimUser } from "../../scim/types.ts";
import type { ProductboardMember } from "../types.ts";

/** Productboard's role when SCIM shows none (the role SCIM creates users with). */
export const PRODUCTBOARD_DEFAULT_ROLE = "contributor";

export function isPrivilegedProductboardRole(role: string): boolean {
  return role.toLowerCase() === "admin";
}

export function productboardMemberStatus(fields: ProductboardMember["fields"]): AccountStatus {
  if (fields.disabled) return "deactivated";
  if (fields.invitationPending) return "invited";
  return "active";
}

const text = (value: string | null | undefined): string | null =>
  typeof value === "string" && value.trim() !== "" ? value : null;

/**
 * A REST v2 member. A `"[redacted]"` name or e-mail (token without `members:pii:read`, or a member the workspace
 * hides) is unknown, not a value: the e-mail stays the literal `"[redacted]"` — the store never matches it and
 * findings report an unknown identity — and the display name is null.
 */
export function memberToAccount(app: string, member: ProductboardMember): Account {
  const { fields } = member;
  const role = fields.role.toLowerCase();
  const email = fields.email === REDACTED ? REDACTED : text(fields.email);
  const name = fields.name === REDACTED ? null : text(fields.name);
  const status = productboardMemberStatus(fields);
  return {
    app,
    externalId: member.id,
    username: null,
    email,
    displayName: name,
    // REST gives one `name`; splitting it into first and last would be a guess.
    firstName: null,
    lastName: null,
    status,
    roles: [role],
    privileged: isPrivilegedProductboardRole(role),
    lastActivityAt: null,
    // `createdAt` is optional on v2 members: without it the invite age is unknown.
    createdAt: isoInstant(fields.createdAt),
    invitedAt: status === "invited" ? isoInstant(fields.createdAt) : null,
    raw: member,
  };
}

/**
 * A SCIM User of Productboard: `userName` is the member's e-mail (what REST shows as `email`), the role is
 * `roles[primary eq true].value`, contributor when none.
 */
export function scimUserToProductboardAccount(app: string, user: ScimUser): Account {
  const role = (scimPrimaryRole(user) ?? PRODUCTBOARD_DEFAULT_ROLE).toLowerCase();
  const userName = text(user.userName);
  return {
    app,
    externalId: user.id,
    username: userName,
    email: userName?.includes("@") ? userName : scimEmail(user),
    displayName: scimDisplayName(user),
    firstName: text(user.name?.givenName),
    lastName: text(user.name?.familyName),
    status: scimStatus(user),
    roles: [role],
    privileged: isPrivilegedProductboardRole(role),
    lastActivityAt: null,
    createdAt: isoInstant(user.meta?.created),
    invitedAt: null,
    raw: user,
  };
}
