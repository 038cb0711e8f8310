/**
 * The HR export as CSV: a header row, then one person per record. Columns are found by name (see columns.ts);
 * every row that cannot be read is reported with its line and reason and the rest are read on.
 */
import { type ColumnOverrides, mapColumns, PERSON_FIELDS } from "./columns.ts";
import { readCsvRecords } from "./csv-records.ts";
import { type RawPerson, readPerson } from "./person-values.ts";
import type { SourceReading } from "./reading.ts";

export function readHrCsv(text: string, overrides: ColumnOverrides = {}, todayIso: string): SourceReading {
  const reading: SourceReading = { rows: [], problems: [], warnings: [] };
  const records = readCsvRecords(text);
  const header = records[0];
  if (header === undefined) {
    reading.fatal = "the file is empty (expected a header row and one row per person)";
    return reading;
  }
  if ("error" in header) {
    reading.fatal = `line ${header.line}: the header cannot be read: ${header.error}`;
    return reading;
  }
  const mapping = mapColumns(header.fields, overrides);
  if (mapping.errors.length > 0) {
    reading.fatal = `line ${header.line}: ${mapping.errors.join("; ")}`;
    return reading;
  }
  if (mapping.unknown.length > 0) {
    reading.warnings.push({
      line: header.line,
      reason: `unknown column${mapping.unknown.length > 1 ? "s" : ""} ${mapping.unknown.map((c) => `"${c}"`).join(", ")} ignored (name them in hr.columns if they hold a person field)`,
    });
  }
  for (const { field, used, ignored } of mapping.ambiguous) {
    reading.warnings.push({
      line: header.line,
      reason: `columns "${used}" and "${ignored}" both look like ${field}: using "${used}" (set hr.columns.${field} to choose)`,
    });
  }
  if (records.length === 1) {
    reading.fatal = "the file has a header but no people";
    return reading;
  }

  const width = header.fields.length;
  const hasStatus = mapping.index.status !== undefined;
  const employeeAt = mapping.index.employeeId!;
  for (let r = 1; r < records.length; r++) {
    const record = records[r]!;
    if ("error" in record) {
      reading.problems.push({ line: record.line, reason: record.error });
      continue;
    }
    const { fields, line } = record;
    const employeeId = fields[employeeAt]?.trim() || undefined;
    const withId = employeeId ? { employeeId } : {};
    if (fields.length !== width) {
      reading.problems.push({
        line,
        reason: `expected ${width} fields as in the header, got ${fields.length} (a comma in an unquoted value?)`,
        ...withId,
      });
      continue;
    }
    const raw: RawPerson = {};
    for (const field of PERSON_FIELDS) {
      const at = mapping.index[field];
      if (at !== undefined) raw[field] = fields[at]!;
    }
    const result = readPerson(raw, hasStatus, todayIso);
    if ("reason" in result) reading.problems.push({ line, reason: result.reason, ...withId });
    else reading.rows.push({ line, person: result.person });
  }
  return reading;
}
