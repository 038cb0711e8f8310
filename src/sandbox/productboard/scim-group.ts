import { GROUP_SCHEMA, type ScimMeta, type ScimResource } from "../../scim/index.ts";
import type { MemberTable } from "./member-table.ts";
import type { ProductboardTeam } from "./team-table.ts";

type Json = Record<string, unknown>;

/** Attributes a SCIM Group takes from the team; anything else (externalId) is kept beside it. */
const DERIVED = new Set(["id", "schemas", "meta", "displayName", "members"]);

export interface ScimGroupExtras {
  attributes: Json;
  meta: Pick<ScimMeta, "created" | "lastModified" | "version">;
}

const isObject = (value: unknown): value is Json =>
  typeof value === "object" && value !== null && !Array.isArray(value);

export function groupExtras(resource: ScimResource): ScimGroupExtras {
  const attributes: Json = {};
  for (const [key, value] of Object.entries(resource))
    if (!DERIVED.has(key)) attributes[key] = structuredClone(value);
  const { created, lastModified, version } = resource.meta;
  return { attributes, meta: { created, lastModified, version } };
}

/** The team as a SCIM Group: displayName = team name, members = its members (Users). */
export function teamToScimGroup(
  team: ProductboardTeam,
  extras: ScimGroupExtras | undefined,
  members: MemberTable,
  base: string,
  seededAt: string,
): ScimResource {
  const list = team.memberIds.flatMap((id) => {
    const row = members.get(id);
    return row ? [{ value: id, $ref: `${base}/Users/${id}`, type: "User", display: row.name }] : [];
  });
  const meta = extras?.meta ?? { created: seededAt, lastModified: seededAt, version: 'W/"1"' };
  return {
    schemas: [GROUP_SCHEMA],
    id: team.id,
    ...(extras?.attributes ?? {}),
    displayName: team.name,
    ...(list.length > 0 ? { members: list } : {}),
    meta: { resourceType: "Group", ...meta, location: `${base}/Groups/${team.id}` },
  };
}

/** The team a SCIM Group describes (the engine has already checked that every member is an existing User). */
export function scimGroupToTeam(resource: ScimResource): ProductboardTeam {
  const members = Array.isArray(resource.members) ? resource.members.filter(isObject) : [];
  const memberIds = [...new Set(members.map((member) => String(member.value)))];
  return { id: resource.id, name: String(resource.displayName ?? ""), memberIds };
}
