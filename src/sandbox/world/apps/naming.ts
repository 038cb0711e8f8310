/** Names for generated groups, teams, projects and spaces. */

/** `Growth`, …, then `Growth 2`, … once the list runs out. */
export function numbered(names: readonly string[], index: number): string {
  const round = Math.floor(index / names.length);
  const name = names[index % names.length]!;
  return round === 0 ? name : `${name} ${round + 1}`;
}

/** `Customer Success` → `customer-success`, `Learning & Development` → `learning-development`. */
export function slug(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}
