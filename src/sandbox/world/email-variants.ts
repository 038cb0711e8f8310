/**
 * Correlation traps: addresses that differ from HR only in letter case or surrounding spaces. A matcher that
 * trims and lower-cases finds the owner; one that compares raw strings reports a false orphan.
 */
import type { Rng } from "../kit/rng.ts";

function capitalise(word: string): string {
  return word.length === 0 ? word : word[0]!.toUpperCase() + word.slice(1);
}

/** `jane.doe@northwind.example` → `Jane.Doe@Northwind.example`, `JANE.DOE@NORTHWIND.EXAMPLE`, … (never equal). */
export function caseVariant(rng: Rng, email: string): string {
  const at = email.lastIndexOf("@");
  const local = email.slice(0, at);
  const domain = email.slice(at + 1);
  const words = local.split(".").map(capitalise).join(".");
  switch (rng.int(0, 2)) {
    case 0:
      return `${words}@${capitalise(domain)}`;
    case 1:
      return email.toUpperCase();
    default:
      return `${words}@${domain}`;
  }
}

/** Leading and/or trailing whitespace, as pasted from a spreadsheet. */
export function spaceVariant(rng: Rng, email: string): string {
  switch (rng.int(0, 2)) {
    case 0:
      return ` ${email}`;
    case 1:
      return `${email} `;
    default:
      return `  ${email} `;
  }
}
