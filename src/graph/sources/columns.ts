/**
 * Which column of an HR export holds which person field. Defaults cover the world generator's header
 * (`employee_id,email,aliases,...`) and the usual HRIS spellings ("Employee ID", "Work Email", "Employment Status",
 * "Termination Date", ...); `hr.columns` in roster.yaml names a column explicitly. Names compare without case,
 * spaces, `_`, `-` or `.`, so `Employee ID`, `employee_id` and `employeeId` are one name.
 */

import type { z } from "zod";
import type { HrColumns } from "../../config/schema.ts";

export const PERSON_FIELDS = [
  "employeeId",
  "email",
  "aliases",
  "firstName",
  "lastName",
  "department",
  "title",
  "managerId",
  "status",
  "startDate",
  "endDate",
] as const;
export type PersonField = (typeof PERSON_FIELDS)[number];
export type ColumnOverrides = z.infer<typeof HrColumns>;

/** Accepted names per field, most specific first (compared with `columnKey`). */
export const COLUMN_SYNONYMS: Record<PersonField, readonly string[]> = {
  employeeId: [
    "employee_id",
    "employee number",
    "employee no",
    "emp id",
    "emp no",
    "worker id",
    "personnel number",
    "staff id",
  ],
  email: [
    "email",
    "work email",
    "work email address",
    "email address",
    "primary email",
    "business email",
    "company email",
    "mail",
  ],
  aliases: [
    "aliases",
    "alias",
    "email aliases",
    "other emails",
    "secondary emails",
    "alternate emails",
    "additional emails",
  ],
  firstName: ["first_name", "given name", "legal first name", "preferred first name"],
  lastName: ["last_name", "surname", "family name", "legal last name"],
  department: ["department", "dept", "department name", "org unit"],
  title: ["title", "job title", "position", "position title", "business title"],
  managerId: [
    "manager_id",
    "manager employee id",
    "manager employee number",
    "reports to",
    "reports to id",
    "supervisor id",
  ],
  status: ["status", "employment status", "employee status", "worker status"],
  startDate: ["start_date", "hire date", "date of hire", "original hire date", "employment start date"],
  endDate: [
    "end_date",
    "termination date",
    "term date",
    "separation date",
    "employment end date",
    "last day of work",
  ],
};

/** `Employee ID` → `employeeid`. */
export function columnKey(name: string): string {
  return name.toLowerCase().replace(/[\s_.-]+/g, "");
}

const SYNONYM_FIELD = new Map<string, PersonField>();
for (const field of PERSON_FIELDS) {
  for (const name of COLUMN_SYNONYMS[field]) SYNONYM_FIELD.set(columnKey(name), field);
}

/** Fields every export must have (a column for them, not necessarily a value on every row). */
export const REQUIRED_FIELDS: readonly PersonField[] = ["employeeId", "email"];

export interface ColumnMapping {
  /** Field → index of its column in the header. */
  index: Partial<Record<PersonField, number>>;
  /** Header names that mean nothing to roster: reported, their values ignored. */
  unknown: string[];
  /** A field two columns claim: the first is used. */
  ambiguous: { field: PersonField; used: string; ignored: string }[];
  /** Problems that stop the import (a required column missing, an override naming no column). */
  errors: string[];
}

/** Map a header row to person fields. */
export function mapColumns(header: readonly string[], overrides: ColumnOverrides = {}): ColumnMapping {
  const mapping: ColumnMapping = { index: {}, unknown: [], ambiguous: [], errors: [] };
  const keys = header.map((name) => columnKey(name.trim()));
  const claimed = new Set<number>();

  for (const field of PERSON_FIELDS) {
    const wanted = overrides[field];
    if (wanted === undefined) continue;
    const at = keys.indexOf(columnKey(wanted));
    if (at < 0) {
      mapping.errors.push(`hr.columns.${field} names column "${wanted}", which the header does not have`);
      continue;
    }
    mapping.index[field] = at;
    claimed.add(at);
  }

  keys.forEach((key, at) => {
    if (claimed.has(at)) return;
    const field = SYNONYM_FIELD.get(key);
    if (field === undefined) {
      if (key !== "") mapping.unknown.push(header[at]!.trim());
      return;
    }
    const taken = mapping.index[field];
    if (taken !== undefined) {
      mapping.ambiguous.push({ field, used: header[taken]!.trim(), ignored: header[at]!.trim() });
      return;
    }
    mapping.index[field] = at;
  });

  for (const field of REQUIRED_FIELDS) {
    if (mapping.index[field] !== undefined) continue;
    const names = COLUMN_SYNONYMS[field].map((n) => `"${n}"`).join(", ");
    mapping.errors.push(
      `no ${describeField(field)} column (expected one of ${names}, or set hr.columns.${field})`,
    );
  }
  return mapping;
}

export function describeField(field: PersonField): string {
  return field.replace(/[A-Z]/g, (c) => ` ${c.toLowerCase()}`);
}
