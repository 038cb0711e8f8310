/**
 * One HR row's values → a Person, or the reason it cannot be one. Shared by the CSV and JSON sources, so both
 * read statuses, dates and aliases the same way.
 */
import type { Person, PersonStatus } from "../../core/person.ts";
import type { PersonField } from "./columns.ts";

/** Raw values by field, as the file had them (JSON may give aliases as a list). */
export type RawPerson = Partial<Record<PersonField, string | string[] | null>>;

export type PersonReading = { person: Person } | { reason: string };

/** HR status words (compared lower-case, spaces/`_`/`-` ignored) → roster's status. */
export const STATUS_WORDS: Record<string, PersonStatus> = {
  active: "active",
  employed: "active",
  current: "active",
  leave: "leave",
  onleave: "leave",
  leaveofabsence: "leave",
  loa: "leave",
  parentalleave: "leave",
  sabbatical: "leave",
  suspended: "leave",
  terminated: "terminated",
  inactive: "terminated",
  former: "terminated",
  separated: "terminated",
  left: "terminated",
  resigned: "terminated",
  retired: "terminated",
};

export function readStatus(value: string): PersonStatus | undefined {
  return STATUS_WORDS[value.toLowerCase().replace(/[\s_-]+/g, "")];
}

const ISO_DATE = /^(\d{4})[-/](\d{2})[-/](\d{2})(?:[T ][0-9:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/;
const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** `2024-03-01`, `2024/03/01` or an ISO instant → `2024-03-01`; anything else (or no such day) → undefined. */
export function readDate(value: string): string | undefined {
  const match = ISO_DATE.exec(value);
  if (!match) return undefined;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1 || day > DAYS_IN_MONTH[month - 1]!) return undefined;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  if (month === 2 && day === 29 && !leap) return undefined;
  return value.length === 10 && value[4] === "-" ? value : `${match[1]}-${match[2]}-${match[3]}`;
}

/** A plausible e-mail address: something@domain.tld, no spaces inside. */
export function looksLikeEmail(value: string): boolean {
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value);
}

/** Aliases as one text (`a@x;b@x`, also `,` `|` or spaces between) or a list. */
export function splitAliases(value: string | string[] | null | undefined): string[] {
  if (value === null || value === undefined) return [];
  const parts = Array.isArray(value) ? value : value.split(/[;,|\s]+/);
  return parts.map((p) => p.trim()).filter((p) => p !== "");
}

function text(value: string | string[] | null | undefined): string {
  if (value === null || value === undefined) return "";
  return (Array.isArray(value) ? value.join(";") : value).trim();
}

/** Read one row; `todayIso` (YYYY-MM-DD) decides the status when the export has no status column. */
export function readPerson(raw: RawPerson, hasStatusColumn: boolean, todayIso: string): PersonReading {
  const employeeId = text(raw.employeeId);
  if (employeeId === "") return { reason: "employee id is empty" };
  const email = text(raw.email);
  if (email === "") return { reason: "email is empty" };
  if (!looksLikeEmail(email)) return { reason: `email "${email}" is not an e-mail address` };

  const aliases: string[] = [];
  const seen = new Set([email.toLowerCase()]);
  for (const alias of splitAliases(raw.aliases ?? null)) {
    if (!looksLikeEmail(alias)) return { reason: `aliases: "${alias}" is not an e-mail address` };
    if (seen.has(alias.toLowerCase())) continue;
    seen.add(alias.toLowerCase());
    aliases.push(alias);
  }

  const startText = text(raw.startDate);
  const startDate = startText === "" ? null : readDate(startText);
  if (startDate === undefined)
    return { reason: `start date "${startText}" is not a date (expected YYYY-MM-DD)` };
  const endText = text(raw.endDate);
  const endDate = endText === "" ? null : readDate(endText);
  if (endDate === undefined) return { reason: `end date "${endText}" is not a date (expected YYYY-MM-DD)` };

  let status: PersonStatus;
  const statusText = text(raw.status);
  if (hasStatusColumn) {
    if (statusText === "") return { reason: "status is empty" };
    const read = readStatus(statusText);
    if (read === undefined) {
      return {
        reason: `status "${statusText}" is not known (expected active, leave or terminated, or an HRIS word such as Active, On Leave, Terminated, Inactive)`,
      };
    }
    status = read;
  } else {
    status = endDate !== null && endDate < todayIso ? "terminated" : "active";
  }

  const optional = (value: string | string[] | null | undefined) => {
    const t = text(value);
    return t === "" ? null : t;
  };
  return {
    person: {
      employeeId,
      email,
      aliases,
      firstName: text(raw.firstName),
      lastName: text(raw.lastName),
      department: optional(raw.department),
      title: optional(raw.title),
      managerId: optional(raw.managerId),
      status,
      startDate,
      endDate,
    },
  };
}
