/**
 * The HR export as JSON: an array of people, or an object holding that array under `people`, `persons`,
 * `employees`, `workers`, `users` or `data`. Keys are matched like CSV column names (`employeeId`, `employee_id`,
 * `Employee ID`, `workEmail`, ...); aliases may be a list or one `;`-separated text. Problems carry the line the
 * person's object starts on.
 */
import { type ColumnOverrides, columnKey, mapColumns, PERSON_FIELDS } from "./columns.ts";
import { elementLines } from "./json-lines.ts";
import { type RawPerson, readPerson } from "./person-values.ts";
import type { SourceReading } from "./reading.ts";

const WRAPPER_KEYS = ["people", "persons", "employees", "workers", "users", "data"];

export function readHrJson(text: string, overrides: ColumnOverrides = {}, todayIso: string): SourceReading {
  const reading: SourceReading = { rows: [], problems: [], warnings: [] };
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === "") {
    reading.fatal = "the file is empty (expected a JSON array of people)";
    return reading;
  }
  let document: unknown;
  try {
    document = JSON.parse(body);
  } catch (err) {
    reading.fatal = `not valid JSON: ${(err as Error).message}`;
    return reading;
  }
  const positions = elementLines(body);
  let items: unknown[];
  let lines: number[];
  if (Array.isArray(document)) {
    items = document;
    lines = positions.top;
  } else if (document !== null && typeof document === "object") {
    const key = WRAPPER_KEYS.find((k) => Array.isArray((document as Record<string, unknown>)[k]));
    if (key === undefined) {
      reading.fatal = `expected an array of people, or an object with one under ${WRAPPER_KEYS.map((k) => `"${k}"`).join(", ")}`;
      return reading;
    }
    items = (document as Record<string, unknown[]>)[key]!;
    lines = positions.byKey.get(key) ?? [];
  } else {
    reading.fatal = "expected an array of people";
    return reading;
  }
  if (items.length === 0) {
    reading.fatal = "the file lists no people";
    return reading;
  }

  // People may spell their keys differently: one mapping per distinct set of keys, remarks collected once.
  const mappings = new Map<string, ReturnType<typeof mapColumns>>();
  const unknown = new Set<string>();
  const ambiguous = new Map<string, string>();
  const overrideSeen = new Set<string>();
  const mappingFor = (keys: string[]) => {
    const signature = keys.join("\u0000");
    let mapping = mappings.get(signature);
    if (!mapping) {
      const present = new Set(keys.map(columnKey));
      const applicable = Object.fromEntries(
        Object.entries(overrides).filter(([, name]) => name !== undefined && present.has(columnKey(name))),
      );
      for (const name of Object.values(applicable)) overrideSeen.add(name as string);
      mapping = mapColumns(keys, applicable);
      for (const name of mapping.unknown) unknown.add(name);
      for (const a of mapping.ambiguous)
        ambiguous.set(
          a.field,
          `keys "${a.used}" and "${a.ignored}" both look like ${a.field}: using "${a.used}" (set hr.columns.${a.field} to choose)`,
        );
      mappings.set(signature, mapping);
    }
    return mapping;
  };

  items.forEach((item, n) => {
    const line = lines[n] ?? 1;
    if (item === null || typeof item !== "object" || Array.isArray(item)) {
      reading.problems.push({ line, reason: `person ${n + 1} is not an object` });
      return;
    }
    const record = item as Record<string, unknown>;
    const keys = Object.keys(record);
    const mapping = mappingFor(keys);
    const raw: RawPerson = {};
    let bad: string | undefined;
    for (const field of PERSON_FIELDS) {
      const at = mapping.index[field];
      if (at === undefined) continue;
      const value = record[keys[at]!];
      if (value === undefined || value === null) raw[field] = null;
      else if (typeof value === "string") raw[field] = value;
      else if (typeof value === "number" || typeof value === "boolean") raw[field] = String(value);
      else if (field === "aliases" && Array.isArray(value) && value.every((v) => typeof v === "string"))
        raw[field] = value as string[];
      else bad ??= `${keys[at]}: expected text, got ${Array.isArray(value) ? "a list" : typeof value}`;
    }
    const id =
      typeof raw.employeeId === "string" && raw.employeeId.trim() ? raw.employeeId.trim() : undefined;
    const withId = id ? { employeeId: id } : {};
    if (mapping.errors.length > 0) {
      reading.problems.push({
        line,
        reason: mapping.errors.join("; ").replaceAll("column", "key"),
        ...withId,
      });
      return;
    }
    if (bad) {
      reading.problems.push({ line, reason: bad, ...withId });
      return;
    }
    const result = readPerson(raw, mapping.index.status !== undefined, todayIso);
    if ("reason" in result) reading.problems.push({ line, reason: result.reason, ...withId });
    else reading.rows.push({ line, person: result.person });
  });

  if (unknown.size > 0) {
    reading.warnings.push({
      line: null,
      reason: `unknown key${unknown.size > 1 ? "s" : ""} ${[...unknown].map((c) => `"${c}"`).join(", ")} ignored (name them in hr.columns if they hold a person field)`,
    });
  }
  for (const reason of ambiguous.values()) reading.warnings.push({ line: null, reason });
  for (const [field, name] of Object.entries(overrides)) {
    if (name !== undefined && !overrideSeen.has(name))
      reading.warnings.push({
        line: null,
        reason: `hr.columns.${field} names key "${name}", which no person has`,
      });
  }
  return reading;
}
