/**
 * Sorted arrays of record ids, kept sorted on every write so a list page is a slice, never a scan.
 * Productive ids are numeric strings ("2835"); they sort by number, anything else falls back to string order.
 */

const DIGITS = /^\d+$/;

export function compareIds(a: string, b: string): number {
  if (DIGITS.test(a) && DIGITS.test(b)) {
    const byNumber = Number(a) - Number(b);
    if (byNumber !== 0) return byNumber;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Index of the first element not less than `id`. */
function lowerBound(ids: readonly string[], id: string): number {
  let lo = 0;
  let hi = ids.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compareIds(ids[mid]!, id) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Insert `id` in order (no-op when present). Appending a new highest id costs O(1). */
export function insertId(ids: string[], id: string): void {
  const last = ids[ids.length - 1];
  if (last === undefined || compareIds(last, id) < 0) {
    ids.push(id);
    return;
  }
  const at = lowerBound(ids, id);
  if (ids[at] !== id) ids.splice(at, 0, id);
}

/** Remove `id` (no-op when absent). */
export function removeId(ids: string[], id: string): void {
  const at = lowerBound(ids, id);
  if (ids[at] === id) ids.splice(at, 1);
}

export function sortIds(ids: Iterable<string>): string[] {
  return [...ids].sort(compareIds);
}
