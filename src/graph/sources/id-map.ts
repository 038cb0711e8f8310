/**
 * An ID map: a CSV saying which person holds which account — `app,external_id,employee_id` — for accounts no
 * address identifies (a contractor under a personal address, a renamed user, an IdP export of its assignments).
 * Imported with the HR export (`hr.idMap`), it feeds the first matcher, `id-map` (confidence 1.0).
 *
 * Columns are found by name like the HR export's (case, spaces, `_`, `-`, `.` ignored); a row that cannot be read
 * is reported with its line and reason and the rest are read on; a second row for the same account is reported and
 * the first kept.
 */
import { decisionKey } from "../decisions.ts";
import { columnKey } from "./columns.ts";
import { readCsvRecords } from "./csv-records.ts";
import type { SourceProblem } from "./reading.ts";

export interface IdMapping {
  app: string;
  externalId: string;
  employeeId: string;
  line: number;
}

export interface IdMapReading {
  rows: IdMapping[];
  problems: SourceProblem[];
  /** A problem with the whole file (no such column, empty): nothing is read. */
  fatal?: string;
}

const FIELDS = {
  app: ["app", "application", "app name", "system"],
  externalId: ["external_id", "account id", "account", "account external id", "user id", "id"],
  employeeId: ["employee_id", "employee number", "employee no", "emp id", "worker id", "person id"],
} as const;
type Field = keyof typeof FIELDS;

export function readIdMap(text: string): IdMapReading {
  const reading: IdMapReading = { rows: [], problems: [] };
  const records = readCsvRecords(text);
  const header = records[0];
  if (header === undefined) {
    reading.fatal =
      "the file is empty (expected a header app,external_id,employee_id and one row per account)";
    return reading;
  }
  if ("error" in header) {
    reading.fatal = `line ${header.line}: the header cannot be read: ${header.error}`;
    return reading;
  }
  const keys = header.fields.map((name) => columnKey(name.trim()));
  const index = {} as Record<Field, number>;
  const missing: string[] = [];
  for (const field of Object.keys(FIELDS) as Field[]) {
    const at = FIELDS[field]
      .map(columnKey)
      .map((k) => keys.indexOf(k))
      .find((i) => i >= 0);
    if (at === undefined) missing.push(`${field} (${FIELDS[field].map((n) => `"${n}"`).join(", ")})`);
    else index[field] = at;
  }
  if (missing.length > 0) {
    reading.fatal = `line ${header.line}: no column for ${missing.join("; ")}`;
    return reading;
  }

  const width = header.fields.length;
  const first = new Map<string, number>();
  for (const record of records.slice(1)) {
    if ("error" in record) {
      reading.problems.push({ line: record.line, reason: record.error });
      continue;
    }
    const { fields, line } = record;
    if (fields.length !== width) {
      reading.problems.push({
        line,
        reason: `expected ${width} fields as in the header, got ${fields.length}`,
      });
      continue;
    }
    const app = fields[index.app]!.trim().toLowerCase();
    const externalId = fields[index.externalId]!.trim();
    const employeeId = fields[index.employeeId]!.trim();
    const empty = (["app", "externalId", "employeeId"] as const).filter(
      (f) => ({ app, externalId, employeeId })[f] === "",
    );
    if (empty.length > 0) {
      reading.problems.push({ line, reason: `empty ${empty.join(", ")}: the row is ignored` });
      continue;
    }
    const key = decisionKey(app, externalId);
    const earlier = first.get(key);
    if (earlier !== undefined) {
      reading.problems.push({
        line,
        reason: `${app}:${externalId} is already mapped on line ${earlier}: this row is ignored`,
      });
      continue;
    }
    first.set(key, line);
    reading.rows.push({ app, externalId, employeeId, line });
  }
  return reading;
}
