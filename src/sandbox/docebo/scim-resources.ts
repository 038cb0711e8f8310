import { ENTERPRISE_USER_SCHEMA, GROUP_SCHEMA, type ScimResource, USER_SCHEMA } from "../../scim/index.ts";
import type { DoceboUser } from "../world/types.ts";
import type { DoceboDirectory, DoceboGroup } from "./directory.ts";

/** How Docebo rows look as SCIM resources, and what a SCIM body says about a row. */

export const SCIM_MOUNT = "/scim/v2";

type Json = Record<string, unknown>;
export const isObject = (value: unknown): value is Json =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** Docebo ids are positive integers; anything else names no resource. */
export function numericId(id: string): number | undefined {
  return /^[1-9]\d{0,15}$/.test(id) ? Number(id) : undefined;
}

/**
 * `userName` = username, `name.givenName` / `familyName`, one primary work e-mail, `active` = status `"1"`, and in
 * the enterprise extension the first branch's name as `department` and the manager (`value` + `displayName`).
 */
export function toScimUser(
  directory: DoceboDirectory,
  user: Readonly<DoceboUser>,
  externalId: string | undefined,
): ScimResource {
  const revision = directory.userRevision(user.user_id)!;
  const enterprise: Json = {};
  const branch = directory.branchesOf(user.user_id).sort((a, b) => a.id - b.id)[0];
  if (branch) enterprise.department = branch.name;
  const manager = user.manager_id === null ? undefined : directory.users.get(user.manager_id);
  if (manager) enterprise.manager = { value: String(manager.user_id), displayName: manager.username };
  const hasEnterprise = Object.keys(enterprise).length > 0;
  return {
    schemas: hasEnterprise ? [USER_SCHEMA, ENTERPRISE_USER_SCHEMA] : [USER_SCHEMA],
    id: String(user.user_id),
    ...(externalId !== undefined ? { externalId } : {}),
    userName: user.username,
    name: { givenName: user.first_name, familyName: user.last_name },
    emails: [{ value: user.email, type: "work", primary: true }],
    active: user.status === "1",
    ...(hasEnterprise ? { [ENTERPRISE_USER_SCHEMA]: enterprise } : {}),
    meta: {
      resourceType: "User",
      created: revision.created,
      lastModified: revision.lastModified,
      location: `${SCIM_MOUNT}/Users/${user.user_id}`,
      version: `W/"${revision.version}"`,
    },
  };
}

/** A group with its members in id order (`display` = username), deeply frozen. */
export function toScimGroup(
  directory: DoceboDirectory,
  group: DoceboGroup,
  externalId: string | undefined,
): ScimResource {
  const revision = directory.groupRevision(group.id)!;
  const members = [...group.userIds]
    .sort((a, b) => a - b)
    .flatMap((uid) => {
      const user = directory.users.get(uid);
      return user ? [Object.freeze({ value: String(uid), display: user.username, type: "User" })] : [];
    });
  return Object.freeze({
    schemas: [GROUP_SCHEMA],
    id: String(group.id),
    ...(externalId !== undefined ? { externalId } : {}),
    displayName: group.name,
    ...(members.length > 0 ? { members: Object.freeze(members) } : {}),
    meta: Object.freeze({
      resourceType: "Group" as const,
      created: revision.created,
      lastModified: revision.lastModified,
      location: `${SCIM_MOUNT}/Groups/${group.id}`,
      version: `W/"${revision.version}"`,
    }),
  });
}

export function memberIds(resource: ScimResource): number[] {
  const members = Array.isArray(resource.members) ? resource.members.filter(isObject) : [];
  return members.flatMap((m) => {
    const n = typeof m.value === "string" ? numericId(m.value) : undefined;
    return n === undefined ? [] : [n];
  });
}

export function primaryEmail(resource: ScimResource): string | undefined {
  const emails = Array.isArray(resource.emails) ? resource.emails.filter(isObject) : [];
  const chosen = emails.find((e) => e.primary === true) ?? emails[0];
  return typeof chosen?.value === "string" && chosen.value !== "" ? chosen.value : undefined;
}

export function emailLike(value: unknown): string | undefined {
  return typeof value === "string" && value.includes("@") ? value : undefined;
}
