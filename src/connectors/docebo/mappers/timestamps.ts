/**
 * Docebo prints dates as MySQL does: `2026-03-01 09:30:00` (UTC, no zone) or a bare `2026-03-01`. roster stores
 * `2026-03-01T09:30:00.000Z` (sortable as text). `Date.parse` would read the space-separated form as *local* time,
 * so the UTC reading is spelled out here.
 */
const MYSQL_DATE_TIME = /^(\d{4})-(\d\d)-(\d\d)(?:[ T](\d\d):(\d\d)(?::(\d\d))?)?$/;

export function doceboTimestamp(value: string | null | undefined): string | null {
  const text = value?.trim();
  if (!text) return null;
  const match = MYSQL_DATE_TIME.exec(text);
  if (match) {
    const [, y, mo, d, h = "0", mi = "0", s = "0"] = match;
    // MySQL's zero date means "never".
    if (Number(y) === 0) return null;
    const ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
    return Number.isNaN(ms) ? text : new Date(ms).toISOString();
  }
  const ms = Date.parse(text);
  // An unparseable value is kept as sent rather than lost: it is evidence, not ours to drop.
  return Number.isNaN(ms) ? text : new Date(ms).toISOString();
}
