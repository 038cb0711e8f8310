/**
 * Podio writes instants as `2026-10-31 09:15:00`: UTC, a space instead of `T`, no zone. Roster stores ISO-8601
 * (`2026-10-31T09:15:00.000Z`, sortable as text). An ISO value with a zone, should Podio ever send one, is read as
 * such; anything unreadable becomes null — the raw payload still holds it as evidence, but a non-ISO string in
 * `lastActivityAt` would sort wrongly against every other app's timestamps.
 */
const PODIO_TIME = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)(Z|[+-]\d{2}:?\d{2})?$/;

export function podioTimeToIso(value: string | null | undefined): string | null {
  if (typeof value !== "string") return null;
  const match = PODIO_TIME.exec(value.trim());
  if (!match) return null;
  const [, date, time, zone] = match;
  const ms = Date.parse(`${date}T${time}${zone ?? "Z"}`);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}
