import { JsonFragmentCache } from "../kit/json-fragments.ts";
import type { DoceboState, DoceboUser } from "../world/types.ts";
import { userItem } from "./user-item.ts";

/**
 * The Docebo platform's tables — users, branches (orgchart nodes) and groups — with the indexes the REST and SCIM
 * surfaces read through. One source of truth: a user suspended over SCIM is the same row the REST list shows.
 */

export interface DoceboBranch {
  id: number;
  code: string;
  name: string;
  parent_id: number | null;
  userIds: Set<number>;
}

export interface DoceboGroup {
  id: number;
  name: string;
  type: "static" | "dynamic";
  userIds: Set<number>;
}

/** A user row without its id (the platform assigns it). */
export type NewDoceboUser = Omit<DoceboUser, "user_id">;

/** What changed a row and when: SCIM's `meta.version` / `meta.lastModified`. */
export interface Revision {
  created: string;
  lastModified: string;
  version: number;
}

/** One page-drift event (a fault): users added and removed right after a list page was served. */
export interface DriftEvent {
  at: string;
  afterPage: number;
  added: number[];
  removed: number[];
}

export const USER_SORT_ATTRS = [
  "user_id",
  "username",
  "first_name",
  "last_name",
  "email",
  "creation_date",
  "last_access_date",
] as const;
export type UserSortAttr = (typeof USER_SORT_ATTRS)[number];

/** Which users a list shows, in ascending order of `sortAttr` (the caller pages backwards for `desc`). */
export interface UserViewQuery {
  sortAttr: UserSortAttr;
  branchId?: number;
  groupId?: number;
  searchText?: string;
}

const VIEW_CACHE_SIZE = 8;

/**
 * Ids by a case-insensitive key. Almost every key has one id, stored bare; duplicates (which a world may plant)
 * share an array.
 */
class CaseInsensitiveIndex {
  private readonly map = new Map<string, number | number[]>();
  add(key: string, id: number): void {
    const k = key.toLowerCase();
    const held = this.map.get(k);
    if (held === undefined) this.map.set(k, id);
    else if (typeof held === "number") this.map.set(k, held === id ? id : [held, id]);
    else if (!held.includes(id)) held.push(id);
  }
  remove(key: string, id: number): void {
    const k = key.toLowerCase();
    const held = this.map.get(k);
    if (held === id) this.map.delete(k);
    else if (Array.isArray(held)) {
      const rest = held.filter((x) => x !== id);
      this.map.set(k, rest.length === 1 ? rest[0]! : rest);
    }
  }
  get(key: string): number[] {
    const held = this.map.get(key.toLowerCase());
    return held === undefined ? [] : typeof held === "number" ? [held] : [...held];
  }
  /** True when another id than `except` holds `key`. */
  taken(key: string, except?: number): boolean {
    return this.get(key).some((id) => id !== except);
  }
}

/**
 * Rows are never mutated in place: a write replaces the row object. So the loaded world's user objects are
 * shared, not copied (the caller's state stays untouched, and 100k users are held once). Users are written only
 * through the methods below, which also drop the user's served list item JSON (kept from its first serve).
 */
export class DoceboDirectory {
  private readonly userRows = new Map<number, Readonly<DoceboUser>>();
  /** Users by id (read-only: write through `createUser`, `updateUser`, `deleteUser`). */
  readonly users: ReadonlyMap<number, Readonly<DoceboUser>> = this.userRows;
  /** Each user's `/manage/v1` list item, serialized. */
  private readonly itemFragments = new JsonFragmentCache<number>();
  readonly branches = new Map<number, DoceboBranch>();
  readonly groups = new Map<number, DoceboGroup>();
  readonly driftLog: DriftEvent[] = [];
  /** User ids ascending: the default list order, kept sorted on every insert and delete. */
  private readonly ids: number[] = [];
  private readonly usernames = new CaseInsensitiveIndex();
  private readonly emails = new CaseInsensitiveIndex();
  /** Only rows written since load; the others are at version 1 of their creation date. */
  private readonly userRevisions = new Map<number, Revision>();
  private readonly groupRevisions = new Map<number, Revision>();
  private readonly views = new Map<string, number[]>();
  /** Bumped by every write; derived views (list orders, SCIM group resources) are valid for one epoch. */
  epoch = 0;
  private nextUserId: number;
  private nextGroupId: number;

  constructor(
    state: DoceboState,
    private readonly now: () => number,
  ) {
    const loaded = this.nowIso();
    for (const user of [...state.users].sort((a, b) => a.user_id - b.user_id)) this.insert(user);
    for (const b of state.branches) {
      this.branches.set(b.id, {
        id: b.id,
        code: b.code,
        name: b.name,
        parent_id: b.parent_id,
        userIds: new Set(b.userIds),
      });
    }
    for (const g of state.groups) {
      this.groups.set(g.id, { id: g.id, name: g.name, type: g.type, userIds: new Set(g.userIds) });
      this.groupRevisions.set(g.id, { created: loaded, lastModified: loaded, version: 1 });
    }
    this.nextUserId = state.users.reduce((max, u) => Math.max(max, u.user_id + 1), 1);
    this.nextGroupId = state.groups.reduce((max, g) => Math.max(max, g.id + 1), 1);
  }

  nowIso(): string {
    return new Date(this.now()).toISOString();
  }

  // ------------------------------------------------------------------ users

  usersByUsername(username: string): DoceboUser[] {
    return this.usernames.get(username).flatMap((id) => this.users.get(id) ?? []);
  }

  usersByEmail(email: string): DoceboUser[] {
    return this.emails.get(email).flatMap((id) => this.users.get(id) ?? []);
  }

  usernameTaken(username: string, except?: number): boolean {
    return this.usernames.taken(username, except);
  }

  emailTaken(email: string, except?: number): boolean {
    return this.emails.taken(email, except);
  }

  /** The user as list pages print it (`userItem`), serialized; undefined for an unknown id. */
  userItemJson(id: number): string | undefined {
    const user = this.userRows.get(id);
    return user && this.itemFragments.get(id, () => userItem(user));
  }

  /** Every user id, ascending (read-only view; do not keep it across writes). */
  orderedIds(): readonly number[] {
    return this.ids;
  }

  userRevision(id: number): Revision | undefined {
    const user = this.users.get(id);
    if (!user) return undefined;
    return (
      this.userRevisions.get(id) ?? {
        created: user.creation_date,
        lastModified: user.creation_date,
        version: 1,
      }
    );
  }

  createUser(fields: NewDoceboUser): DoceboUser {
    const user: DoceboUser = { user_id: this.nextUserId++, ...fields };
    this.insert(user);
    this.changed();
    return user;
  }

  /** Partial update; the caller has checked uniqueness. */
  updateUser(id: number, patch: Partial<NewDoceboUser>): DoceboUser | undefined {
    const previous = this.users.get(id);
    if (!previous) return undefined;
    const user: DoceboUser = { ...previous };
    for (const [key, value] of Object.entries(patch)) {
      if (value !== undefined) (user as unknown as Record<string, unknown>)[key] = value;
    }
    this.usernames.remove(previous.username, id);
    this.emails.remove(previous.email, id);
    this.usernames.add(user.username, id);
    this.emails.add(user.email, id);
    this.touchUser(id);
    this.itemFragments.invalidate(id);
    this.userRows.set(id, user);
    return user;
  }

  /** Hard delete: the row, its memberships, and any manager pointer at it disappear. */
  deleteUser(id: number): boolean {
    const user = this.users.get(id);
    if (!user) return false;
    this.userRows.delete(id);
    this.itemFragments.invalidate(id);
    this.usernames.remove(user.username, id);
    this.emails.remove(user.email, id);
    this.userRevisions.delete(id);
    const at = lowerBound(this.ids, id);
    if (this.ids[at] === id) this.ids.splice(at, 1);
    for (const branch of this.branches.values()) branch.userIds.delete(id);
    for (const group of this.groups.values()) {
      if (group.userIds.delete(id)) this.touchGroup(group.id);
    }
    for (const other of [...this.users.values()]) {
      if (other.manager_id === id) this.updateUser(other.user_id, { manager_id: null });
    }
    this.changed();
    return true;
  }

  /**
   * Ids of the users a list shows, ascending by `sortAttr` (ties by id). The plain id-ordered list is the
   * maintained array itself; other orders, branch/group filters and searches are computed once and cached until
   * the next write.
   */
  userView(query: UserViewQuery): readonly number[] {
    const { sortAttr, branchId, groupId, searchText } = query;
    if (sortAttr === "user_id" && branchId === undefined && groupId === undefined && !searchText)
      return this.ids;
    const key = JSON.stringify([
      sortAttr,
      branchId ?? null,
      groupId ?? null,
      searchText?.toLowerCase() ?? "",
    ]);
    const cached = this.views.get(key);
    if (cached) return cached;

    let ids: number[];
    if (branchId !== undefined || groupId !== undefined) {
      const members =
        branchId !== undefined ? this.branches.get(branchId)?.userIds : this.groups.get(groupId!)?.userIds;
      ids = [...(members ?? [])].filter((id) => this.users.has(id)).sort((a, b) => a - b);
    } else {
      ids = this.ids;
    }
    if (searchText) {
      const needle = searchText.toLowerCase();
      ids = ids.filter((id) => matchesSearch(this.users.get(id)!, needle));
    }
    if (sortAttr !== "user_id") {
      const value = (id: number) => this.users.get(id)?.[sortAttr] ?? "";
      ids = (ids === this.ids ? [...ids] : ids).sort((a, b) => {
        const va = value(a).toLowerCase();
        const vb = value(b).toLowerCase();
        return va < vb ? -1 : va > vb ? 1 : a - b;
      });
    }
    if (this.views.size >= VIEW_CACHE_SIZE) this.views.delete(this.views.keys().next().value!);
    this.views.set(key, ids);
    return ids;
  }

  // ------------------------------------------------------------------ branches and groups

  branchesOf(userId: number): DoceboBranch[] {
    return [...this.branches.values()].filter((b) => b.userIds.has(userId));
  }

  groupsOf(userId: number): DoceboGroup[] {
    return [...this.groups.values()].filter((g) => g.userIds.has(userId));
  }

  assignToBranch(branchId: number, userId: number): void {
    this.branches.get(branchId)?.userIds.add(userId);
    this.touchUser(userId);
  }

  groupRevision(id: number): Revision | undefined {
    return this.groupRevisions.get(id);
  }

  createGroup(name: string, type: DoceboGroup["type"], userIds: Iterable<number>): DoceboGroup {
    const group: DoceboGroup = { id: this.nextGroupId++, name, type, userIds: new Set(userIds) };
    const at = this.nowIso();
    this.groups.set(group.id, group);
    this.groupRevisions.set(group.id, { created: at, lastModified: at, version: 1 });
    this.changed();
    return group;
  }

  /** Replace a group's name and members (SCIM PUT / PATCH after the engine merged them). */
  replaceGroup(id: number, name: string, userIds: Iterable<number>): DoceboGroup | undefined {
    const group = this.groups.get(id);
    if (!group) return undefined;
    group.name = name;
    group.userIds = new Set(userIds);
    this.touchGroup(id);
    return group;
  }

  setGroupMembership(groupId: number, userIds: readonly number[], member: boolean): void {
    const group = this.groups.get(groupId);
    if (!group) return;
    for (const id of userIds) {
      if (member) group.userIds.add(id);
      else group.userIds.delete(id);
    }
    this.touchGroup(groupId);
  }

  deleteGroup(id: number): boolean {
    const deleted = this.groups.delete(id);
    this.groupRevisions.delete(id);
    if (deleted) this.changed();
    return deleted;
  }

  /** The platform as plain data (no credentials) for `GET /_sandbox/state`. */
  snapshot() {
    return {
      users: this.ids.map((id) => this.users.get(id)!),
      branches: [...this.branches.values()].map(({ userIds, ...b }) => ({ ...b, userIds: [...userIds] })),
      groups: [...this.groups.values()].map(({ userIds, ...g }) => ({ ...g, userIds: [...userIds] })),
      drift: this.driftLog,
    };
  }

  // ------------------------------------------------------------------ internals

  private insert(user: Readonly<DoceboUser>): void {
    this.userRows.set(user.user_id, user);
    this.itemFragments.invalidate(user.user_id);
    this.usernames.add(user.username, user.user_id);
    this.emails.add(user.email, user.user_id);
    const last = this.ids[this.ids.length - 1];
    if (last === undefined || last < user.user_id) this.ids.push(user.user_id);
    else this.ids.splice(lowerBound(this.ids, user.user_id), 0, user.user_id);
  }

  private touchUser(id: number): void {
    const revision = this.userRevision(id);
    if (revision) {
      this.userRevisions.set(id, { ...revision, version: revision.version + 1, lastModified: this.nowIso() });
    }
    this.changed();
  }

  private touchGroup(id: number): void {
    const revision = this.groupRevisions.get(id);
    if (revision) {
      revision.version += 1;
      revision.lastModified = this.nowIso();
    }
    this.changed();
  }

  private changed(): void {
    this.epoch += 1;
    this.views.clear();
  }
}

function matchesSearch(user: DoceboUser, needle: string): boolean {
  return (
    user.username.toLowerCase().includes(needle) ||
    user.email.toLowerCase().includes(needle) ||
    `${user.first_name} ${user.last_name}`.toLowerCase().includes(needle)
  );
}

/** First index whose value is >= `value` in an ascending array. */
function lowerBound(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
