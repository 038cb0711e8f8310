import {
  matchesFilter,
  ScimError,
  type ScimFilter,
  type ScimQuery,
  type ScimQueryResult,
  type ScimResource,
  type ScimResourceType,
  type ScimStore,
  sortComparator,
  USER_SCHEMA,
} from "../../scim/index.ts";
import { type MemberRow, PRODUCTBOARD_ROLES, type ProductboardRole } from "./member-table.ts";
import { groupExtras, type ScimGroupExtras, scimGroupToTeam, teamToScimGroup } from "./scim-group.ts";
import {
  DEFAULT_SCIM_ROLE,
  memberToScimUser,
  type ScimUserExtras,
  scimUserDisplayName,
  scimUserRole,
  userExtras,
} from "./scim-user.ts";
import type { ProductboardTeam } from "./team-table.ts";
import type { ProductboardWorkspace } from "./workspace.ts";

const isCore = (path: { schema?: string }) => path.schema === undefined || path.schema === USER_SCHEMA;

function roleOf(resource: ScimResource): ProductboardRole | undefined {
  const role = scimUserRole(resource);
  if (role === undefined) return undefined;
  const value = typeof role === "string" ? role.toLowerCase() : "";
  if (!(PRODUCTBOARD_ROLES as readonly string[]).includes(value)) {
    throw new ScimError(
      400,
      `Role '${String(role)}' is not one of ${PRODUCTBOARD_ROLES.join(", ")}`,
      "invalidValue",
    );
  }
  return value as ProductboardRole;
}

const taken = (userName: string) =>
  new ScimError(409, `userName '${userName}' is already taken (compared case-insensitively)`, "uniqueness");
const missing = (type: ScimResourceType, id: string) => new ScimError(404, `${type} ${id} not found`);

/**
 * The SCIM engine's store over the workspace's own member and team tables, so REST and SCIM share one source of
 * truth: a User is a member (userName = email, displayName = name, active = !disabled, roles = [{value: role,
 * primary: true}]), a Group is a team. What SCIM sends beyond that (name, emails, externalId, extensions) and each
 * resource's meta are kept beside the rows. `userName eq` and `id eq` filters use the e-mail and id indexes; other
 * filters scan. An unfiltered, unsorted page costs O(count).
 */
export class ProductboardScimStore implements ScimStore {
  /** Absolute URL of the SCIM mount, for member `$ref`s; set per request by the sandbox. */
  base = "http://localhost/scim/v2";
  private readonly users = new Map<string, ScimUserExtras>();
  private readonly groups = new Map<string, ScimGroupExtras>();

  /** `seededAt`: meta.created of teams that came with the world (teams carry no creation time). */
  constructor(
    private readonly workspace: ProductboardWorkspace,
    private readonly seededAt: string,
  ) {}

  async get(type: ScimResourceType, id: string): Promise<ScimResource | undefined> {
    if (type === "User") {
      const row = this.workspace.members.get(id);
      return row ? this.user(row) : undefined;
    }
    const team = this.workspace.teams.get(id);
    return team ? this.group(team) : undefined;
  }

  async query(type: ScimResourceType, query: ScimQuery): Promise<ScimQueryResult> {
    const start = Math.max(query.startIndex, 1) - 1;
    const end = start + Math.max(query.count, 0);
    if (type === "User" && !query.filter && !query.sortBy) {
      const { members } = this.workspace;
      const resources: ScimResource[] = [];
      for (let i = start; i < Math.min(end, members.size); i++) resources.push(this.user(members.at(i)!));
      return { totalResults: members.size, resources };
    }
    const matched = type === "User" ? this.matchingUsers(query.filter) : this.matchingGroups(query.filter);
    if (query.sortBy) {
      const compare = sortComparator(query.sortBy, query.sortOrder ?? "ascending", { type });
      matched.sort(compare); // Array#sort is stable: ties keep creation order
    }
    return { totalResults: matched.length, resources: matched.slice(start, end) };
  }

  async create(type: ScimResourceType, resource: ScimResource): Promise<ScimResource> {
    const { members, teams } = this.workspace;
    if (members.get(resource.id) || teams.get(resource.id)) {
      throw new ScimError(409, `A resource with id ${resource.id} already exists`, "uniqueness");
    }
    if (type === "Group") {
      const team = teams.insert(scimGroupToTeam(resource));
      this.groups.set(team.id, groupExtras(resource));
      return this.group(team);
    }
    const email = String(resource.userName);
    if (members.findByEmail(email).length > 0) throw taken(email);
    const row = members.insert({
      id: resource.id,
      name: scimUserDisplayName(resource) ?? email,
      email,
      role: roleOf(resource) ?? DEFAULT_SCIM_ROLE,
      disabled: resource.active === false,
      // SCIM provisions into an SSO workspace: the member signs in through the IdP, there is no invite to accept.
      invitationPending: false,
      createdAt: resource.meta.created,
      piiRedacted: false,
    });
    this.users.set(row.id, userExtras(resource));
    return this.user(row);
  }

  async replace(type: ScimResourceType, resource: ScimResource): Promise<ScimResource> {
    if (type === "Group") {
      const team = this.workspace.teams.replace(scimGroupToTeam(resource));
      if (!team) throw missing(type, resource.id);
      this.groups.set(team.id, groupExtras(resource));
      return this.group(team);
    }
    const { members } = this.workspace;
    const row = members.get(resource.id);
    if (!row) throw missing(type, resource.id);
    const email = String(resource.userName);
    if (members.findByEmail(email).some((other) => other.id !== row.id)) throw taken(email);
    members.update(row.id, {
      email,
      name: scimUserDisplayName(resource) ?? row.name,
      role: roleOf(resource) ?? row.role,
      disabled: typeof resource.active === "boolean" ? !resource.active : row.disabled,
    });
    this.users.set(row.id, userExtras(resource));
    return this.user(row);
  }

  async delete(type: ScimResourceType, id: string): Promise<boolean> {
    if (type === "User") {
      this.users.delete(id);
      return this.workspace.removeMember(id);
    }
    this.groups.delete(id);
    return this.workspace.teams.remove(id);
  }

  private user(row: MemberRow): ScimResource {
    return memberToScimUser(row, this.users.get(row.id), this.base);
  }

  private group(team: ProductboardTeam): ScimResource {
    return teamToScimGroup(team, this.groups.get(team.id), this.workspace.members, this.base, this.seededAt);
  }

  private matchingUsers(filter: ScimFilter | undefined): ScimResource[] {
    const pool = filter ? this.userCandidates(filter) : undefined;
    const matched: ScimResource[] = [];
    for (const row of pool ?? this.workspace.members.all()) {
      const resource = this.user(row);
      if (!filter || matchesFilter(resource, filter, { type: "User" })) matched.push(resource);
    }
    return matched;
  }

  /** Rows an index says can match (in creation order), or undefined when the filter needs a scan. */
  private userCandidates(filter: ScimFilter): MemberRow[] | undefined {
    const { members } = this.workspace;
    switch (filter.op) {
      case "eq": {
        if (typeof filter.value !== "string" || filter.path.sub || !isCore(filter.path)) return undefined;
        if (filter.path.name === "userName") return [...members.findByEmail(filter.value)];
        if (filter.path.name === "id") {
          const row = members.get(filter.value);
          return row ? [row] : [];
        }
        return undefined;
      }
      case "and": {
        const left = this.userCandidates(filter.left);
        const right = this.userCandidates(filter.right);
        if (left && right) return left.length <= right.length ? left : right;
        return left ?? right;
      }
      case "or": {
        const left = this.userCandidates(filter.left);
        const right = left && this.userCandidates(filter.right);
        if (!left || !right) return undefined;
        return [...new Set([...left, ...right])].sort((a, b) => a.seq - b.seq);
      }
      default:
        return undefined;
    }
  }

  private matchingGroups(filter: ScimFilter | undefined): ScimResource[] {
    const matched: ScimResource[] = [];
    for (const team of this.workspace.teams.all()) {
      if (filter && !teamMayMatch(team, filter)) continue;
      const resource = this.group(team);
      if (!filter || matchesFilter(resource, filter, { type: "Group" })) matched.push(resource);
    }
    return matched;
  }
}

/** Cheap pre-check so `members.value eq "<id>"` (asked for every User rendered with `groups`) skips other teams. */
function teamMayMatch(team: ProductboardTeam, filter: ScimFilter): boolean {
  if (filter.op === "and") return teamMayMatch(team, filter.left) && teamMayMatch(team, filter.right);
  if (
    filter.op === "eq" &&
    filter.path.name === "members" &&
    filter.path.sub === "value" &&
    !filter.path.schema
  ) {
    return typeof filter.value === "string" && team.memberIds.includes(filter.value);
  }
  return true;
}
