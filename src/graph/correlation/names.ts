/** Name folding for the name-based guess: accents, case, punctuation and particles' spacing do not matter. */

/** `Søren O'Brien` → `soren obrien`; `Lucía van der Berg` → `lucia van der berg`. */
export function foldName(name: string): string {
  return name
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    .replace(/ø/gi, "o")
    .replace(/æ/gi, "ae")
    .replace(/ß/g, "ss")
    .replace(/ł/gi, "l")
    .toLowerCase()
    .replace(/['’`.]/g, "")
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

/** The folded full name, or null when there is not enough to compare. */
export function fullNameKey(
  first: string | null,
  last: string | null,
  display?: string | null,
): string | null {
  const joined = first || last ? `${first ?? ""} ${last ?? ""}` : (display ?? "");
  const key = foldName(joined);
  return key.includes(" ") ? key : null;
}
