/**
 * `hr.csv`: the HR export as RFC 4180 CSV (fields with commas, quotes or line breaks are quoted, quotes doubled;
 * lines end with `\n`, `\r\n` is accepted on input). Aliases are joined with `;`; empty manager or end date = none.
 */
import { z } from "zod";
import { PERSON_STATUSES } from "../../core/person.ts";
import type { HrRecord } from "./types.ts";

export const HR_CSV_HEADER = [
  "employee_id",
  "email",
  "aliases",
  "first_name",
  "last_name",
  "department",
  "title",
  "manager_id",
  "status",
  "start_date",
  "end_date",
] as const;

function field(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

export function formatHrCsv(hr: readonly HrRecord[]): string {
  const lines = [HR_CSV_HEADER.join(",")];
  for (const p of hr) {
    lines.push(
      [
        p.employeeId,
        p.email,
        p.aliases.join(";"),
        p.firstName,
        p.lastName,
        p.department,
        p.title,
        p.managerId ?? "",
        p.status,
        p.startDate,
        p.endDate ?? "",
      ]
        .map(field)
        .join(","),
    );
  }
  return `${lines.join("\n")}\n`;
}

/** A malformed HR export; the message names the line and the problem. */
export class HrCsvError extends Error {
  constructor(
    readonly line: number,
    problem: string,
  ) {
    super(`line ${line}: ${problem}`);
    this.name = "HrCsvError";
  }
}

/** RFC 4180 records with the line each starts on (blank lines are skipped). */
export function parseCsv(text: string): { line: number; fields: string[] }[] {
  const rows: { line: number; fields: string[] }[] = [];
  let pos = 0;
  let line = 1;
  while (pos < text.length) {
    let end = text.indexOf("\n", pos);
    if (end < 0) end = text.length;
    const raw = text.slice(pos, end > pos && text[end - 1] === "\r" ? end - 1 : end);
    if (!raw.includes('"')) {
      // Fast path: no quoting on this line.
      if (raw !== "") rows.push({ line, fields: raw.split(",") });
      pos = end + 1;
      line++;
      continue;
    }
    const record = quotedRecord(text, pos, line);
    rows.push({ line, fields: record.fields });
    pos = record.next;
    line = record.nextLine;
  }
  return rows;
}

/** One record that contains quotes, possibly spanning lines; returns where the next record starts. */
function quotedRecord(text: string, start: number, startLine: number) {
  const fields: string[] = [];
  let value = "";
  let quoted = false;
  let afterQuote = false;
  let line = startLine;
  let i = start;
  for (; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch !== '"') {
        if (ch === "\n") line++;
        value += ch;
      } else if (text[i + 1] === '"') {
        value += '"';
        i++;
      } else {
        quoted = false;
        afterQuote = true;
      }
    } else if (ch === ",") {
      fields.push(value);
      value = "";
      afterQuote = false;
    } else if (ch === "\n" || ch === "\r") {
      break;
    } else if (ch === '"' && value === "" && !afterQuote) {
      quoted = true;
    } else if (afterQuote) {
      throw new HrCsvError(line, `unexpected ${JSON.stringify(ch)} after a closing quote`);
    } else if (ch === '"') {
      throw new HrCsvError(line, "a quote inside an unquoted field (quote the field and double the quote)");
    } else {
      value += ch;
    }
  }
  if (quoted) throw new HrCsvError(startLine, "a quoted field is never closed");
  fields.push(value);
  if (text[i] === "\r" && text[i + 1] === "\n") i++;
  return { fields, next: i + 1, nextLine: line + 1 };
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const HrRow = z.object({
  employeeId: z.string().min(1, "employee_id is empty"),
  email: z.string().min(1, "email is empty"),
  aliases: z.array(z.string().min(1)),
  firstName: z.string(),
  lastName: z.string(),
  department: z.string(),
  title: z.string(),
  managerId: z.string().min(1).nullable(),
  status: z.enum(PERSON_STATUSES),
  startDate: z.string().regex(DATE, "start_date must be YYYY-MM-DD"),
  endDate: z.string().regex(DATE, "end_date must be YYYY-MM-DD").nullable(),
});

export function parseHrCsv(text: string): HrRecord[] {
  const rows = parseCsv(text);
  const header = rows[0];
  if (header === undefined) throw new HrCsvError(1, "the file is empty (expected a header row)");
  if (header.fields.join(",") !== HR_CSV_HEADER.join(",")) {
    throw new HrCsvError(
      header.line,
      `header must be ${HR_CSV_HEADER.join(",")}, got ${header.fields.join(",")}`,
    );
  }
  const people: HrRecord[] = [];
  for (let r = 1; r < rows.length; r++) {
    const { line, fields } = rows[r]!;
    if (fields.length !== HR_CSV_HEADER.length) {
      throw new HrCsvError(line, `expected ${HR_CSV_HEADER.length} fields, got ${fields.length}`);
    }
    const [
      employeeId,
      email,
      aliases,
      firstName,
      lastName,
      department,
      title,
      managerId,
      status,
      start,
      end,
    ] = fields as [string, string, string, string, string, string, string, string, string, string, string];
    const parsed = HrRow.safeParse({
      employeeId,
      email,
      aliases: aliases === "" ? [] : aliases.split(";"),
      firstName,
      lastName,
      department,
      title,
      managerId: managerId === "" ? null : managerId,
      status,
      startDate: start,
      endDate: end === "" ? null : end,
    });
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new HrCsvError(line, `${columnName(issue.path[0])}: ${issue.message}`);
    }
    people.push(parsed.data);
  }
  return people;
}

const COLUMNS: Record<string, string> = {
  employeeId: "employee_id",
  email: "email",
  aliases: "aliases",
  firstName: "first_name",
  lastName: "last_name",
  department: "department",
  title: "title",
  managerId: "manager_id",
  status: "status",
  startDate: "start_date",
  endDate: "end_date",
};

function columnName(key: PropertyKey | undefined): string {
  return typeof key === "string" ? (COLUMNS[key] ?? key) : "row";
}
