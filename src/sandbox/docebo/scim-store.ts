import {
  ENTERPRISE_USER_SCHEMA,
  matchesFilter,
  ScimError,
  type ScimFilter,
  type ScimQuery,
  type ScimQueryResult,
  type ScimResource,
  type ScimResourceType,
  type ScimStore,
  sortComparator,
} from "../../scim/index.ts";
import type { DoceboUser } from "../world/types.ts";
import type { DoceboDirectory, DoceboGroup, UserSortAttr } from "./directory.ts";
import {
  emailLike,
  isObject,
  memberIds,
  numericId,
  primaryEmail,
  toScimGroup,
  toScimUser,
} from "./scim-resources.ts";

/** The enterprise `manager`: shown, never set over SCIM (a REST call sets `manager_id`). */
export const SCIM_MANAGER_PATH = `${ENTERPRISE_USER_SCHEMA}:manager`;
/** The user's branch, shown as the enterprise `department` (its first branch's name); never set over SCIM. */
export const SCIM_BRANCH_PATH = `${ENTERPRISE_USER_SCHEMA}:department`;

/** SCIM sort paths the directory keeps an order for (no schema, no sub-attribute unless named). */
const SORTABLE: Record<string, UserSortAttr> = {
  id: "user_id",
  userName: "username",
  "name.givenName": "first_name",
  "name.familyName": "last_name",
  "emails.value": "email",
  "meta.created": "creation_date",
};

/**
 * The SCIM engine's storage over the Docebo directory: REST and SCIM read and write the same rows.
 *
 * Users: `userName` = username, `name.givenName` / `familyName` = first / last name, `emails[primary]` = email,
 * `active` = status `"1"`, enterprise `manager` = manager_id and `department` = first branch (both readOnly on the
 * mount). Everything else a client sends (titles, phone numbers...) has no Docebo column and is dropped, except
 * `externalId`, which the SCIM layer keeps beside the row. Groups: Docebo groups; static ones are writable, dynamic
 * ones are listed but refused on every write (see `refuseDynamicGroupWrites`).
 */
export class DoceboScimStore implements ScimStore {
  private readonly externalIds: Record<ScimResourceType, Map<number, string>> = {
    User: new Map(),
    Group: new Map(),
  };
  private groupCache = { epoch: -1, resources: new Map<number, ScimResource>() };

  constructor(private readonly directory: DoceboDirectory) {}

  async get(type: ScimResourceType, id: string): Promise<ScimResource | undefined> {
    const n = numericId(id);
    if (n === undefined) return undefined;
    if (type === "User") {
      const user = this.directory.users.get(n);
      return user && this.userResource(user);
    }
    return this.directory.groups.has(n) ? this.groupResource(n) : undefined;
  }

  async query(type: ScimResourceType, query: ScimQuery): Promise<ScimQueryResult> {
    return type === "User" ? this.queryUsers(query) : this.queryGroups(query);
  }

  async create(type: ScimResourceType, resource: ScimResource): Promise<ScimResource> {
    if (type === "Group") {
      const group = this.directory.createGroup(String(resource.displayName), "static", memberIds(resource));
      this.setExternalId("Group", group.id, resource.externalId);
      return this.groupResource(group.id);
    }
    const email = primaryEmail(resource) ?? emailLike(resource.userName);
    if (email === undefined)
      throw new ScimError(400, "A Docebo user needs an e-mail: send emails", "invalidValue");
    if (this.directory.emailTaken(email))
      throw new ScimError(409, `Email '${email}' is already used`, "uniqueness");
    const name = isObject(resource.name) ? resource.name : {};
    const user = this.directory.createUser({
      username: String(resource.userName),
      first_name: typeof name.givenName === "string" ? name.givenName : "",
      last_name: typeof name.familyName === "string" ? name.familyName : "",
      email,
      status: resource.active === false ? "0" : "1",
      level: "user",
      creation_date: this.directory.nowIso(),
      last_access_date: null,
      expiration_date: null,
      language: "english",
      manager_id: null,
    });
    this.setExternalId("User", user.user_id, resource.externalId);
    return this.userResource(user);
  }

  async replace(type: ScimResourceType, resource: ScimResource): Promise<ScimResource> {
    const id = numericId(resource.id);
    if (type === "Group") {
      const group = id === undefined ? undefined : this.directory.groups.get(id);
      if (!group) throw new ScimError(404, `Group ${resource.id} not found`);
      // Only the engine's own follow-ups (a deleted member, a renamed one) reach a dynamic group here: its
      // membership follows its rules, so there is nothing to store.
      if (group.type === "static") {
        this.directory.replaceGroup(group.id, String(resource.displayName), memberIds(resource));
        this.setExternalId("Group", group.id, resource.externalId);
      }
      return this.groupResource(group.id);
    }
    const previous = id === undefined ? undefined : this.directory.users.get(id);
    if (!previous) throw new ScimError(404, `User ${resource.id} not found`);
    const email = primaryEmail(resource) ?? previous.email;
    if (this.directory.emailTaken(email, previous.user_id)) {
      throw new ScimError(409, `Email '${email}' is already used`, "uniqueness");
    }
    const name = isObject(resource.name) ? resource.name : {};
    const next: Partial<DoceboUser> = {
      username: String(resource.userName),
      first_name: typeof name.givenName === "string" ? name.givenName : "",
      last_name: typeof name.familyName === "string" ? name.familyName : "",
      email,
      status: resource.active === undefined ? previous.status : resource.active === false ? "0" : "1",
    };
    const changed = Object.entries(next).filter(
      ([key, value]) => previous[key as keyof DoceboUser] !== value,
    );
    if (changed.length > 0) this.directory.updateUser(previous.user_id, Object.fromEntries(changed));
    this.setExternalId("User", previous.user_id, resource.externalId);
    return this.userResource(this.directory.users.get(previous.user_id)!);
  }

  async delete(type: ScimResourceType, id: string): Promise<boolean> {
    const n = numericId(id);
    if (n === undefined) return false;
    if (type === "User") {
      this.externalIds.User.delete(n);
      return this.directory.deleteUser(n);
    }
    const group = this.directory.groups.get(n);
    if (group?.type === "dynamic") throw dynamicGroupError(group);
    this.externalIds.Group.delete(n);
    return this.directory.deleteGroup(n);
  }

  /** Hook for `beforeWriteGroup`: PUT / PATCH on a dynamic group answers 400 `mutability`. */
  refuseDynamicGroupWrites = (resource: ScimResource, previous: ScimResource | undefined): ScimResource => {
    const id = previous && numericId(previous.id);
    const group = id === undefined ? undefined : this.directory.groups.get(id);
    if (group?.type === "dynamic") throw dynamicGroupError(group);
    return resource;
  };

  // ---------------------------------------------------------------- users

  private userResource(user: Readonly<DoceboUser>): ScimResource {
    return toScimUser(this.directory, user, this.externalIds.User.get(user.user_id));
  }

  private queryUsers(query: ScimQuery): ScimQueryResult {
    const { filter, sortBy } = query;
    const descending = query.sortOrder === "descending";
    const candidates = filter ? this.userCandidates(filter) : undefined;
    const sortKey =
      sortBy && !sortBy.schema ? (sortBy.sub ? `${sortBy.name}.${sortBy.sub}` : sortBy.name) : "";
    const directorySort = sortBy
      ? Object.hasOwn(SORTABLE, sortKey)
        ? SORTABLE[sortKey]
        : undefined
      : "user_id";

    let ordered: readonly number[];
    if (directorySort && candidates === undefined) {
      ordered = this.directory.userView({ sortAttr: directorySort });
    } else {
      ordered = candidates ?? this.directory.orderedIds();
      if (directorySort && directorySort !== "user_id") {
        const all = this.directory.userView({ sortAttr: directorySort });
        const rank = new Map(all.map((uid, i) => [uid, i]));
        ordered = [...ordered].sort((a, b) => rank.get(a)! - rank.get(b)!);
      }
    }
    const reading = directorySort && descending ? [...ordered].reverse() : ordered;

    const start = Math.max(query.startIndex, 1) - 1;
    const count = Math.max(query.count, 0);
    if (sortBy && !directorySort) {
      const compare = sortComparator(sortBy, query.sortOrder ?? "ascending", { type: "User" });
      const resources = reading
        .flatMap((id) => this.userResourceById(id))
        .filter((resource) => !filter || matchesFilter(resource, filter, { type: "User" }))
        .sort(compare);
      return { totalResults: resources.length, resources: resources.slice(start, start + count) };
    }
    if (!filter) {
      return {
        totalResults: reading.length,
        resources: reading.slice(start, start + count).flatMap((id) => this.userResourceById(id)),
      };
    }
    // A scan keeps only the requested page, each resource built once.
    let totalResults = 0;
    const resources: ScimResource[] = [];
    for (const id of reading) {
      const [resource] = this.userResourceById(id);
      if (!resource || !matchesFilter(resource, filter, { type: "User" })) continue;
      if (totalResults >= start && resources.length < count) resources.push(resource);
      totalResults += 1;
    }
    return { totalResults, resources };
  }

  private userResourceById(id: number): ScimResource[] {
    const user = this.directory.users.get(id);
    return user ? [this.userResource(user)] : [];
  }

  /**
   * Ids (ascending) an indexed `eq` can narrow a filter to — `id`, `userName` (any case), `emails.value`,
   * `externalId`, alone, under `and`, `or` of indexed terms, or inside `emails[...]` — else undefined (scan).
   */
  private userCandidates(filter: ScimFilter): number[] | undefined {
    switch (filter.op) {
      case "eq": {
        if (typeof filter.value !== "string" || filter.path.schema) return undefined;
        const key = filter.path.sub ? `${filter.path.name}.${filter.path.sub}` : filter.path.name;
        const value = filter.value;
        if (key === "id") {
          const n = numericId(value);
          return n !== undefined && this.directory.users.has(n) ? [n] : [];
        }
        if (key === "userName") return ids(this.directory.usersByUsername(value));
        if (key === "emails.value") return ids(this.directory.usersByEmail(value));
        if (key === "externalId") {
          return [...this.externalIds.User].filter(([, ext]) => ext === value).map(([id]) => id);
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
        return left && right ? [...new Set([...left, ...right])].sort((a, b) => a - b) : undefined;
      }
      case "valuePath": {
        if (filter.path.schema || filter.path.name !== "emails") return undefined;
        const inner = filter.filter;
        const terms = inner.op === "and" ? [inner.left, inner.right] : [inner];
        for (const term of terms) {
          if (term.op === "eq" && term.path.name === "value" && !term.path.sub && !term.path.schema) {
            return this.userCandidates({ ...term, path: { name: "emails", sub: "value" } });
          }
        }
        return undefined;
      }
      default:
        return undefined;
    }
  }

  // ---------------------------------------------------------------- groups

  /** Group resources are cached for one directory epoch (member lists can be long) and frozen, being shared. */
  private groupResource(id: number): ScimResource {
    if (this.groupCache.epoch !== this.directory.epoch) {
      this.groupCache = { epoch: this.directory.epoch, resources: new Map() };
    }
    const cached = this.groupCache.resources.get(id);
    if (cached) return cached;
    const resource = toScimGroup(
      this.directory,
      this.directory.groups.get(id)!,
      this.externalIds.Group.get(id),
    );
    this.groupCache.resources.set(id, resource);
    return resource;
  }

  private queryGroups(query: ScimQuery): ScimQueryResult {
    const { filter, sortBy } = query;
    let groups: DoceboGroup[] = [...this.directory.groups.values()].sort((a, b) => a.id - b.id);
    const member = filter ? memberFilter(filter) : undefined;
    if (member !== undefined) {
      groups = groups.filter((g) => g.userIds.has(member));
    } else if (filter) {
      groups = groups.filter((g) => matchesFilter(this.groupResource(g.id), filter, { type: "Group" }));
    }
    let resources = groups.map((g) => this.groupResource(g.id));
    if (sortBy) {
      const compare = sortComparator(sortBy, query.sortOrder ?? "ascending", { type: "Group" });
      resources = [...resources].sort(compare);
    }
    const start = Math.max(query.startIndex, 1) - 1;
    return {
      totalResults: resources.length,
      resources: resources.slice(start, start + Math.max(query.count, 0)),
    };
  }

  private setExternalId(type: ScimResourceType, id: number, value: unknown): void {
    if (typeof value === "string" && value !== "") this.externalIds[type].set(id, value);
    else this.externalIds[type].delete(id);
  }
}

function ids(users: readonly DoceboUser[]): number[] {
  return users.map((u) => u.user_id).sort((a, b) => a - b);
}

/** `members.value eq "<id>"` (how the engine finds a user's groups): answered from the membership sets. */
function memberFilter(filter: ScimFilter): number | undefined {
  if (
    filter.op !== "eq" ||
    filter.path.schema ||
    filter.path.name !== "members" ||
    filter.path.sub !== "value"
  ) {
    return undefined;
  }
  return typeof filter.value === "string" ? (numericId(filter.value) ?? -1) : undefined;
}

function dynamicGroupError(group: DoceboGroup): ScimError {
  return new ScimError(
    400,
    `Group '${group.name}' is a dynamic group: its membership follows its rules and it cannot be changed`,
    "mutability",
  );
}
