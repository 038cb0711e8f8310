import { ScimError, type ScimMeta, type ScimResource, USER_SCHEMA } from "../../scim/index.ts";
import { type MemberRow, PRODUCTBOARD_ROLES, type ProductboardRole } from "./member-table.ts";

type Json = Record<string, unknown>;

/** Productboard's role when SCIM creates a user without one. */
export const DEFAULT_SCIM_ROLE: ProductboardRole = "contributor";

/** Attributes a SCIM User takes from the member row; everything else the IdP sent is kept beside the row. */
const DERIVED = new Set(["id", "schemas", "meta", "groups", "userName", "displayName", "active", "roles"]);

/** What the SCIM side keeps per member beyond the row: the IdP's other attributes and the resource's meta. */
export interface ScimUserExtras {
  attributes: Json;
  meta: Pick<ScimMeta, "created" | "lastModified" | "version">;
}

const isObject = (value: unknown): value is Json =>
  typeof value === "object" && value !== null && !Array.isArray(value);

export function userExtras(resource: ScimResource): ScimUserExtras {
  const attributes: Json = {};
  for (const [key, value] of Object.entries(resource))
    if (!DERIVED.has(key)) attributes[key] = structuredClone(value);
  const { created, lastModified, version } = resource.meta;
  return { attributes, meta: { created, lastModified, version } };
}

/** `name` and `emails` for a member SCIM never wrote (seeded from the world). */
function seededAttributes(row: MemberRow): Json {
  const [givenName, ...rest] = row.name.trim().split(/\s+/);
  return {
    name: {
      formatted: row.name,
      ...(givenName ? { givenName } : {}),
      ...(rest.length > 0 ? { familyName: rest.join(" ") } : {}),
    },
    emails: [{ value: row.email, type: "work", primary: true }],
  };
}

/** The member as a SCIM User: userName = email, displayName = name, active = !disabled, one primary role. */
export function memberToScimUser(
  row: MemberRow,
  extras: ScimUserExtras | undefined,
  base: string,
): ScimResource {
  const { externalId, name, ...others } = extras?.attributes ?? seededAttributes(row);
  const extensionUrns = Object.keys(others).filter((key) => key.startsWith("urn:") && isObject(others[key]));
  const meta = extras?.meta ?? { created: row.createdAt, lastModified: row.createdAt, version: 'W/"1"' };
  return {
    schemas: [USER_SCHEMA, ...extensionUrns],
    id: row.id,
    ...(externalId !== undefined ? { externalId } : {}),
    userName: row.email,
    ...(name !== undefined ? { name } : {}),
    displayName: row.name,
    ...others,
    active: !row.disabled,
    roles: [{ value: row.role, primary: true }],
    meta: { resourceType: "User", ...meta, location: `${base}/Users/${row.id}` },
  };
}

/** The member's name from a SCIM User: displayName, else name.formatted, else given + family name. */
export function scimUserDisplayName(resource: Json): string | undefined {
  if (typeof resource.displayName === "string" && resource.displayName.trim() !== "")
    return resource.displayName;
  const name = resource.name;
  if (!isObject(name)) return undefined;
  if (typeof name.formatted === "string" && name.formatted.trim() !== "") return name.formatted;
  const parts = [name.givenName, name.familyName].filter(
    (part) => typeof part === "string" && part.trim() !== "",
  );
  return parts.length > 0 ? parts.join(" ") : undefined;
}

/** The primary role of a SCIM User (`roles[primary eq true].value`, or the only role), undefined when none. */
export function scimUserRole(resource: Json): unknown {
  const roles = Array.isArray(resource.roles) ? resource.roles.filter(isObject) : [];
  if (roles.length === 0) return undefined;
  const primary = roles.filter((role) => role.primary === true);
  if (primary.length === 1) return primary[0]!.value;
  if (primary.length === 0 && roles.length === 1) return roles[0]!.value;
  throw new ScimError(
    400,
    "Exactly one role must be marked primary: roles[primary eq true].value",
    "invalidValue",
  );
}

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

/**
 * Productboard's rules for a User write: userName must be an e-mail address; the role (`roles[primary eq
 * true].value`) must be admin, maker, contributor or viewer (any letter case) and defaults to contributor on
 * create, to the current role on replace; displayName defaults to name, then to the previous name, then to userName.
 */
export function productboardUserRules(
  resource: ScimResource,
  previous: ScimResource | undefined,
): ScimResource {
  const userName = String(resource.userName ?? "");
  if (!EMAIL.test(userName)) {
    throw new ScimError(400, `userName must be an e-mail address, got '${userName}'`, "invalidValue");
  }
  const requested = scimUserRole(resource);
  let role: ProductboardRole;
  if (requested === undefined) {
    role =
      ((previous ? scimUserRole(previous) : undefined) as ProductboardRole | undefined) ?? DEFAULT_SCIM_ROLE;
  } else {
    const value = typeof requested === "string" ? requested.toLowerCase() : "";
    if (!(PRODUCTBOARD_ROLES as readonly string[]).includes(value)) {
      throw new ScimError(
        400,
        `Role '${String(requested)}' is not one of ${PRODUCTBOARD_ROLES.join(", ")}`,
        "invalidValue",
      );
    }
    role = value as ProductboardRole;
  }
  const displayName =
    scimUserDisplayName(resource) ?? (previous ? scimUserDisplayName(previous) : undefined) ?? userName;
  return { ...resource, displayName, roles: [{ value: role, primary: true }] };
}
