/**
 * Org members kept pre-sorted per `sort_by` key, so a page costs O(page): `slice(offset, limit)` on an array that
 * writes keep in order (binary search + splice). Descending pages read the same array from the end.
 */
import type { MemberRecord } from "./member-record.ts";

export type MemberCompare = (a: MemberRecord, b: MemberRecord) => number;

const compareKeys = (ka: string, kb: string, a: MemberRecord, b: MemberRecord) =>
  ka < kb ? -1 : ka > kb ? 1 : a.user_id - b.user_id;

/** `sort_by=name`: case-insensitive name, then user id (stable across requests). */
export const byName: MemberCompare = (a, b) => compareKeys(a.name.toLowerCase(), b.name.toLowerCase(), a, b);

/** `sort_by=last_seen_on`: oldest first, never-seen members last, then user id. */
export const byLastSeen: MemberCompare = (a, b) => {
  if (a.lastSeenMs !== b.lastSeenMs) {
    if (a.lastSeenMs === null) return 1;
    if (b.lastSeenMs === null) return -1;
    return a.lastSeenMs - b.lastSeenMs;
  }
  return a.user_id - b.user_id;
};

export class MemberOrder {
  private items: MemberRecord[] = [];

  constructor(private readonly compare: MemberCompare) {}

  load(records: Iterable<MemberRecord>): void {
    if (this.compare === byName) {
      // Lower-case each name once, not on each of the n·log n comparisons.
      const keyed = [...records].map((record) => ({ key: record.name.toLowerCase(), record }));
      keyed.sort((a, b) => compareKeys(a.key, b.key, a.record, b.record));
      this.items = keyed.map((entry) => entry.record);
    } else {
      this.items = [...records].sort(this.compare);
    }
  }

  get length(): number {
    return this.items.length;
  }

  /** The record at a position counted from the start (ascending) or the end (descending). */
  at(position: number, descending = false): MemberRecord | undefined {
    return this.items[descending ? this.items.length - 1 - position : position];
  }

  /** One page; O(limit). */
  page(offset: number, limit: number, descending: boolean): MemberRecord[] {
    if (!descending) return this.items.slice(offset, offset + limit);
    const out: MemberRecord[] = [];
    const end = Math.max(-1, this.items.length - 1 - offset - limit);
    for (let i = this.items.length - 1 - offset; i > end; i -= 1) out.push(this.items[i]!);
    return out;
  }

  insert(record: MemberRecord): void {
    this.items.splice(this.lowerBound(record), 0, record);
  }

  remove(record: MemberRecord): boolean {
    const index = this.lowerBound(record);
    if (this.items[index] !== record) return false;
    this.items.splice(index, 1);
    return true;
  }

  /** First index whose record does not sort before `record`. */
  private lowerBound(record: MemberRecord): number {
    let lo = 0;
    let hi = this.items.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.compare(this.items[mid]!, record) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
