/** Productive writes `2026-03-17T05:04:00.843+01:00`; roster stores UTC `2026-03-17T04:04:00.843Z` (sortable as text). */
export function toIso(value: string | null | undefined): string | null {
  if (value === null || value === undefined || value.trim() === "") return null;
  const ms = Date.parse(value);
  // An unparseable value is kept as sent rather than lost: it is evidence, not ours to drop.
  return Number.isNaN(ms) ? value : new Date(ms).toISOString();
}

/** An absent or blank value is unknown (null); anything else is kept as sent. */
export function blankToNull(value: string | null | undefined): string | null {
  return value?.trim() ? value : null;
}
