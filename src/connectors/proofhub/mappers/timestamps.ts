/** ProofHub writes `2016-09-19T06:17:22+00:00`; roster stores `2016-09-19T06:17:22.000Z` (sortable as text). */
export function toIso(value: string | null | undefined): string | null {
  if (value === null || value === undefined || value.trim() === "") return null;
  const ms = Date.parse(value);
  // An unparseable value is kept as sent rather than lost: it is evidence, not ours to drop.
  return Number.isNaN(ms) ? value : new Date(ms).toISOString();
}
