/**
 * SCIM User → Account, plus the attribute readers the Productboard connector's SCIM mode shares. Pure functions.
 * Status: `active: false` → deactivated, anything else → active (SCIM has no invited or suspended state).
 */
import type { Account, AccountStatus } from "../../../core/account.ts";
import {
  ENTERPRISE_USER_URN,
  type ScimEnterpriseUser,
  type ScimMultiValue,
  type ScimUser,
} from "../types.ts";

/**
 * Role names that count as admin-like on an unknown SCIM app (any role containing one of these words, any case):
 * `Admin`, `Org Administrator`, `godadmin`, `Owner`, `Superuser`. A heuristic; `findings.privilegedRoles` in
 * roster.yaml overrides it per app.
 */
const PRIVILEGED_ROLE = /admin|owner|superuser/i;

/** `true`, `"true"`, `"True"` → true; everything else → false. */
export function scimTrue(value: boolean | string | null | undefined): boolean {
  return value === true || (typeof value === "string" && value.toLowerCase() === "true");
}

/** `false`, `"false"`, `"False"` → false; absent → true (RFC 7643 §4.1.1: `active` is optional). */
export function scimActive(user: Pick<ScimUser, "active">): boolean {
  const { active } = user;
  return !(active === false || (typeof active === "string" && active.toLowerCase() === "false"));
}

export function scimStatus(user: Pick<ScimUser, "active">): AccountStatus {
  return scimActive(user) ? "active" : "deactivated";
}

const text = (value: unknown): string | null =>
  typeof value === "string" && value.trim() !== "" ? value : null;

const entryValue = (entry: ScimMultiValue): string | null =>
  typeof entry.value === "string" || typeof entry.value === "number" ? text(String(entry.value)) : null;

/**
 * The account's address: the primary e-mail, else the `work` one, else the first, else a `userName` that looks
 * like an address (many apps use the e-mail as userName and send no `emails`).
 */
export function scimEmail(user: Pick<ScimUser, "emails" | "userName">): string | null {
  const emails = (user.emails ?? []).filter((entry) => entryValue(entry) !== null);
  const chosen =
    emails.find((entry) => scimTrue(entry.primary)) ??
    emails.find((entry) => entry.type?.toLowerCase() === "work") ??
    emails[0];
  if (chosen) return entryValue(chosen);
  const userName = text(user.userName);
  return userName?.includes("@") ? userName : null;
}

/** `displayName`, else `name.formatted`, else given + family name. */
export function scimDisplayName(user: Pick<ScimUser, "displayName" | "name">): string | null {
  const given = text(user.name?.givenName);
  const family = text(user.name?.familyName);
  const joined = [given, family].filter((part) => part !== null).join(" ");
  return text(user.displayName) ?? text(user.name?.formatted) ?? text(joined);
}

/** Role values, the primary one first, without duplicates. */
export function scimRoles(user: Pick<ScimUser, "roles">): string[] {
  const entries = [...(user.roles ?? [])].sort(
    (a, b) => Number(scimTrue(b.primary)) - Number(scimTrue(a.primary)),
  );
  const values = entries.map(entryValue).filter((value): value is string => value !== null);
  return [...new Set(values)];
}

/** `roles[primary eq true].value`, else the only role, else undefined. */
export function scimPrimaryRole(user: Pick<ScimUser, "roles">): string | undefined {
  const roles = user.roles ?? [];
  const primary = roles.find((role) => scimTrue(role.primary));
  const chosen = primary ?? (roles.length === 1 ? roles[0] : undefined);
  return (chosen && entryValue(chosen)) ?? undefined;
}

/** An ISO-8601 instant (`2024-05-01T09:30:00.000Z`), or null for an absent or unreadable date. */
export function isoInstant(value: string | null | undefined): string | null {
  if (!value) return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

/** The enterprise extension (employee number, department, manager...), when the server sends it. */
export function scimEnterprise(user: ScimUser): ScimEnterpriseUser | null {
  return user[ENTERPRISE_USER_URN] ?? null;
}

export function isPrivilegedScimRole(role: string): boolean {
  return PRIVILEGED_ROLE.test(role);
}

/** A User of any SCIM app. `raw` keeps the whole resource, enterprise extension included, as evidence. */
export function scimUserToAccount(app: string, user: ScimUser): Account {
  const roles = scimRoles(user);
  return {
    app,
    externalId: user.id,
    username: text(user.userName),
    email: scimEmail(user),
    displayName: scimDisplayName(user),
    firstName: text(user.name?.givenName),
    lastName: text(user.name?.familyName),
    status: scimStatus(user),
    roles,
    privileged: roles.some(isPrivilegedScimRole),
    // SCIM has no activity attribute; meta.lastModified is a change of the record, not a sign-in.
    lastActivityAt: null,
    createdAt: isoInstant(user.meta?.created),
    // SCIM has no invited state.
    invitedAt: null,
    raw: user,
  };
}
