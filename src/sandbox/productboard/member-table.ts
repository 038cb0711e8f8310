import { JsonFragmentCache } from "../kit/json-fragments.ts";
import type { ProductboardMember } from "../world/types.ts";
import { toMemberJson } from "./member-json.ts";

export type ProductboardRole = ProductboardMember["role"];
export const PRODUCTBOARD_ROLES: readonly ProductboardRole[] = ["admin", "maker", "contributor", "viewer"];

/**
 * A member plus its position in the workspace's creation order (what cursors point at). Read-only: rows change
 * through `MemberTable.update` only, which also drops the member's served JSON.
 */
export interface MemberRow extends Readonly<ProductboardMember> {
  readonly seq: number;
}

/** What `GET /v2/members` filters on. */
export interface MemberFilter {
  /** Lower-cased substring of name or e-mail. */
  query?: string;
  /** OR over roles; empty or absent means every role. */
  roles?: readonly ProductboardRole[];
  includeDisabled: boolean;
  includeInvited: boolean;
}

export function matchesMemberFilter(row: ProductboardMember, filter: MemberFilter): boolean {
  if (row.disabled && !filter.includeDisabled) return false;
  if (row.invitationPending && !filter.includeInvited) return false;
  if (filter.roles && filter.roles.length > 0 && !filter.roles.includes(row.role)) return false;
  if (filter.query) {
    const q = filter.query;
    if (!row.name.toLowerCase().includes(q) && !row.email.toLowerCase().includes(q)) return false;
  }
  return true;
}

export type MemberChanges = Partial<Omit<ProductboardMember, "id">>;

/**
 * The workspace's members, oldest first, with indexes by id and by lower-cased e-mail. Rows keep a creation
 * sequence number so a cursor ("after seq N") survives records being added or removed mid-walk, and so a page
 * costs O(page size): binary search to the cursor, then scan forward. Each member's `GET /v2/members` JSON is kept
 * as a string (with and without PII) from its first serve until the row changes or goes.
 */
export class MemberTable {
  private readonly rows: MemberRow[] = [];
  private readonly byId = new Map<string, MemberRow>();
  /** E-mail (lower case) → row, or rows when a loaded world carries duplicates. */
  private readonly byEmail = new Map<string, MemberRow | MemberRow[]>();
  /** Served JSON by row `seq` (a number: a cheaper key than the id): variant 0 with PII, 1 without. */
  private readonly fragments = new JsonFragmentCache<number>(2);
  private nextSeq = 1;

  /** Loads copies of `members`, ordered by `createdAt` (ties keep the given order). */
  constructor(members: readonly ProductboardMember[] = []) {
    const ordered = members
      .map((member, index) => {
        const at = Date.parse(member.createdAt);
        return { member, index, at: Number.isNaN(at) ? Number.POSITIVE_INFINITY : at };
      })
      .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.index - b.index));
    for (const { member } of ordered) this.insert(member);
  }

  get size(): number {
    return this.rows.length;
  }

  get(id: string): MemberRow | undefined {
    return this.byId.get(id);
  }

  findByEmail(email: string): readonly MemberRow[] {
    const found = this.byEmail.get(email.toLowerCase());
    if (found === undefined) return [];
    return Array.isArray(found) ? found : [found];
  }

  /** The member as `GET /v2/members` serves it, serialized (made on first use, dropped on every write). */
  json(row: MemberRow, pii: boolean): string {
    return this.fragments.get(row.seq, () => toMemberJson(row, pii), pii ? 0 : 1);
  }

  /** Appends a copy of `member` as the newest row. Throws when the id is taken. */
  insert(member: ProductboardMember): MemberRow {
    if (this.byId.has(member.id)) throw new Error(`productboard: member id ${member.id} already exists`);
    // An explicit literal keeps one compact object shape (a spread copy costs ~4x the memory at 100k rows).
    const row: MemberRow = {
      id: member.id,
      name: member.name,
      email: member.email,
      role: member.role,
      disabled: member.disabled,
      invitationPending: member.invitationPending,
      createdAt: member.createdAt,
      piiRedacted: member.piiRedacted,
      seq: this.nextSeq++,
    };
    this.fragments.invalidate(row.seq);
    this.rows.push(row);
    this.byId.set(row.id, row);
    this.indexEmail(row);
    return row;
  }

  update(id: string, changes: MemberChanges): MemberRow | undefined {
    const row = this.byId.get(id);
    if (!row) return undefined;
    const emailChanged =
      changes.email !== undefined && changes.email.toLowerCase() !== row.email.toLowerCase();
    if (emailChanged) this.unindexEmail(row);
    this.fragments.invalidate(row.seq);
    Object.assign(row, changes);
    if (emailChanged) this.indexEmail(row);
    return row;
  }

  remove(id: string): boolean {
    const row = this.byId.get(id);
    if (!row) return false;
    this.rows.splice(this.firstIndexAfter(row.seq - 1), 1);
    this.byId.delete(id);
    this.fragments.invalidate(row.seq);
    this.unindexEmail(row);
    return true;
  }

  /** Index of the first row whose seq is greater than `seq`. */
  firstIndexAfter(seq: number): number {
    let lo = 0;
    let hi = this.rows.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.rows[mid]!.seq <= seq) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Up to `limit` matching rows after `afterSeq`, and whether any further row matches. */
  page(filter: MemberFilter, afterSeq: number, limit: number): { rows: MemberRow[]; hasMore: boolean } {
    const rows: MemberRow[] = [];
    let i = this.firstIndexAfter(afterSeq);
    for (; i < this.rows.length && rows.length < limit; i++) {
      const row = this.rows[i]!;
      if (matchesMemberFilter(row, filter)) rows.push(row);
    }
    let hasMore = false;
    for (; i < this.rows.length; i++) {
      if (matchesMemberFilter(this.rows[i]!, filter)) {
        hasMore = true;
        break;
      }
    }
    return { rows, hasMore };
  }

  /** Row at a position in creation order (for SCIM's startIndex paging). */
  at(index: number): MemberRow | undefined {
    return this.rows[index];
  }

  all(): readonly MemberRow[] {
    return this.rows;
  }

  private indexEmail(row: MemberRow): void {
    const key = row.email.toLowerCase();
    const found = this.byEmail.get(key);
    if (found === undefined) this.byEmail.set(key, row);
    else if (Array.isArray(found)) found.push(row);
    else this.byEmail.set(key, [found, row]);
  }

  private unindexEmail(row: MemberRow): void {
    const key = row.email.toLowerCase();
    const found = this.byEmail.get(key);
    const rest = (Array.isArray(found) ? found : found ? [found] : []).filter((r) => r !== row);
    if (rest.length === 0) this.byEmail.delete(key);
    else this.byEmail.set(key, rest.length === 1 ? rest[0]! : rest);
  }
}
