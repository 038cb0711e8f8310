/**
 * `importPeople`: read the HR export named in roster.yaml (`hr.path`, CSV or JSON) into the persons table as one
 * `import` run. Idempotent: importing the same file again changes nothing but the sighting. Rows that cannot be
 * read are reported (file, line, reason) and skipped; the rest are imported. Persons missing from a complete,
 * plausible export are marked gone — never after an unreadable row whose employee id is unknown, and never when the
 * export shrank by more than the drop threshold (as with a sync).
 */
import { readFileSync } from "node:fs";
import { basename, extname, resolve } from "node:path";
import type { Kysely } from "kysely";
import type { RosterConfig } from "../../config/schema.ts";
import { normaliseEmail, type Person } from "../../core/person.ts";
import { finishRun, startRun } from "../../store/repositories/runs.ts";
import { withRunLocks } from "../../store/run-locks.ts";
import type { Database, PersonTable } from "../../store/schema.ts";
import { countLive, markUnseenGone, upsertSighted } from "../../store/sightings.ts";
import { RowWriter } from "../store/bulk-insert.ts";
import { readHrCsv } from "./hr-csv.ts";
import { readHrJson } from "./hr-json.ts";
import { type IdMapping, type IdMapReading, readIdMap } from "./id-map.ts";
import type { SourceProblem, SourceReading, SourceRow } from "./reading.ts";

export interface ImportOptions {
  /** Import this file instead of `hr.path` (resolved from the working directory). */
  file?: string;
  /** Force the format instead of `hr.format` / the file extension. */
  format?: "csv" | "json";
  /** "Today", for exports without a status column (an end date before it means terminated). Default now. */
  asOf?: Date;
}

export interface ImportProblem {
  file: string;
  /** Null for a problem with the whole file. */
  line: number | null;
  reason: string;
}

export interface ImportResult {
  runId: string;
  file: string;
  format: "csv" | "json";
  /** `succeeded`; `partial` when rows were rejected; `failed` when nothing could be imported. */
  status: "succeeded" | "partial" | "failed";
  /** Rows read and imported. */
  imported: number;
  /** Of those: persons new to the store (or back after being gone), changed, and unchanged. */
  created: number;
  updated: number;
  unchanged: number;
  /** Persons marked gone (no longer in the export). */
  gone: number;
  /** Accounts the ID map (hr.idMap) assigns to a person, when there is one and it could be read. */
  idMapped?: number;
  /** Why nothing was marked gone, when that happened. */
  goneSkipped?: string;
  /** Rows rejected (each line and reason); the import went on without them. */
  problems: ImportProblem[];
  /** Remarks that rejected nothing (unknown columns, shared primary addresses). */
  warnings: ImportProblem[];
  /** Why nothing at all was imported. */
  fatal?: string;
}

/** Where the config says the HR export is (relative paths resolve from the config's folder). */
export function hrSourceFile(config: RosterConfig, configDir: string): string {
  if (!config.hr) throw new Error("no HR source configured: add `hr: { path: ./hr.csv }` to roster.yaml");
  return resolve(configDir, config.hr.path);
}

export async function importPeople(
  db: Kysely<Database>,
  config: RosterConfig,
  configDir: string,
  options: ImportOptions = {},
): Promise<ImportResult> {
  const file = options.file ? resolve(options.file) : hrSourceFile(config, configDir);
  const format =
    options.format ?? config.hr?.format ?? (extname(file).toLowerCase() === ".json" ? "json" : "csv");
  const runId = await startRun(db, "import", { file, format });
  // One import at a time: a second one would mark gone the persons this one has just seen (and vice versa).
  const idMapFile = config.hr?.idMap ? resolve(configDir, config.hr.idMap) : undefined;
  return withRunLocks(db, runId, ["import"], () =>
    importRun(db, config, runId, file, format, idMapFile, options),
  );
}

async function importRun(
  db: Kysely<Database>,
  config: RosterConfig,
  runId: string,
  file: string,
  format: "csv" | "json",
  idMapFile: string | undefined,
  options: ImportOptions,
): Promise<ImportResult> {
  const label = basename(file);
  const today = (options.asOf ?? new Date()).toISOString().slice(0, 10);
  const result: ImportResult = {
    runId,
    file,
    format,
    status: "failed",
    imported: 0,
    created: 0,
    updated: 0,
    unchanged: 0,
    gone: 0,
    problems: [],
    warnings: [],
  };
  const located = (p: SourceProblem): ImportProblem => ({ file: label, line: p.line, reason: p.reason });

  try {
    let text: string;
    try {
      text = readFileSync(file, "utf8");
    } catch (err) {
      throw new FatalImport(`cannot read the file (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
    }
    const columns = config.hr?.columns ?? {};
    const reading = format === "json" ? readHrJson(text, columns, today) : readHrCsv(text, columns, today);
    result.warnings.push(...reading.warnings.map(located));
    if (reading.fatal) throw new FatalImport(reading.fatal);

    const { rows, duplicates, sharedPrimaries } = keepFirstOfEachId(reading);
    result.problems.push(...[...reading.problems, ...duplicates].sort(byLine).map(located));
    result.warnings.push(...sharedPrimaries.map(located));
    if (rows.length === 0) throw new FatalImport("no row could be read, so nothing was imported");

    const idMap = idMapFile ? readIdMapFile(idMapFile, rows, result) : undefined;
    await db.transaction().execute(async (trx) => {
      await writePersons(trx, runId, rows, `${format}:${label}`, result);
      await settleGone(trx, runId, reading, rows.length, config.sync.dropThreshold, result);
      if (idMap) await writeIdMap(trx, idMap.rows, basename(idMapFile!));
    });
    result.imported = rows.length;
    result.status = result.problems.length > 0 ? "partial" : "succeeded";
    await finishRun(db, runId, result.status, summaryOf(result));
    return result;
  } catch (err) {
    if (!(err instanceof FatalImport)) {
      await finishRun(db, runId, "failed", summaryOf(result), (err as Error).message).catch(() => {});
      throw err;
    }
    result.fatal = `${label}: ${err.message}`;
    result.goneSkipped = "nothing was imported, so nothing is marked gone";
    await finishRun(db, runId, "failed", summaryOf(result), result.fatal);
    return result;
  }
}

class FatalImport extends Error {}

/**
 * The ID map named by hr.idMap, read before anything is written: its unreadable rows join the import's problems
 * (under the map's file name), mappings to someone the export does not list its warnings. Undefined when the file
 * as a whole cannot be used — then the map stored before is kept as it was.
 */
function readIdMapFile(file: string, people: SourceRow[], result: ImportResult): IdMapReading | undefined {
  const label = basename(file);
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (err) {
    result.problems.push({
      file: label,
      line: null,
      reason: `cannot read the ID map (${(err as NodeJS.ErrnoException).code ?? String(err)}): the one imported before is kept`,
    });
    return undefined;
  }
  const reading = readIdMap(text);
  if (reading.fatal) {
    result.problems.push({
      file: label,
      line: null,
      reason: `${reading.fatal}: the ID map imported before is kept`,
    });
    return undefined;
  }
  for (const p of reading.problems) result.problems.push({ file: label, line: p.line, reason: p.reason });
  const listed = new Set(people.map((r) => r.person.employeeId));
  for (const row of reading.rows) {
    if (!listed.has(row.employeeId))
      result.warnings.push({
        file: label,
        line: row.line,
        reason: `employee id ${row.employeeId} is not in the HR export: ${row.app}:${row.externalId} stays unlinked by the map`,
      });
  }
  result.idMapped = reading.rows.length;
  return reading;
}

/** Replace the stored ID map with these rows. */
async function writeIdMap(db: Kysely<Database>, rows: IdMapping[], source: string): Promise<void> {
  await db.deleteFrom("id_map").execute();
  for (let start = 0; start < rows.length; start += 500) {
    await db
      .insertInto("id_map")
      .values(
        rows.slice(start, start + 500).map((r) => ({
          app: r.app,
          external_id: r.externalId,
          employee_id: r.employeeId,
          source,
          line: r.line,
        })),
      )
      .execute();
  }
}

function byLine(a: SourceProblem, b: SourceProblem): number {
  return (a.line ?? 0) - (b.line ?? 0);
}

/** Duplicate employee ids: the first row wins, each later one is reported. Shared primaries are remarked on. */
function keepFirstOfEachId(reading: SourceReading) {
  const firstLine = new Map<string, number>();
  const primaryOwner = new Map<string, SourceRow>();
  const rows: SourceRow[] = [];
  const duplicates: SourceProblem[] = [];
  const sharedPrimaries: SourceProblem[] = [];
  for (const row of reading.rows) {
    const id = row.person.employeeId;
    const first = firstLine.get(id);
    if (first !== undefined) {
      duplicates.push({
        line: row.line,
        reason: `employee id ${id} already appears on line ${first}: this row is ignored`,
      });
      continue;
    }
    firstLine.set(id, row.line);
    rows.push(row);
    const email = normaliseEmail(row.person.email);
    const owner = primaryOwner.get(email);
    if (owner) {
      sharedPrimaries.push({
        line: row.line,
        reason: `${row.person.email} is also the primary address of ${owner.person.employeeId} (line ${owner.line}): accounts under it will be disputed`,
      });
    } else primaryOwner.set(email, row);
  }
  return { rows, duplicates, sharedPrimaries };
}

export function personRow(p: Person, runId: string, source: string): PersonTable {
  return {
    employee_id: p.employeeId,
    email: p.email,
    email_norm: normaliseEmail(p.email),
    aliases: JSON.stringify(p.aliases),
    first_name: p.firstName,
    last_name: p.lastName,
    department: p.department,
    title: p.title,
    manager_id: p.managerId,
    status: p.status,
    start_date: p.startDate,
    end_date: p.endDate,
    source,
    first_seen_run: runId,
    last_seen_run: runId,
    gone_run: null,
  };
}

const COMPARED = [
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

function fingerprint(row: Pick<PersonTable, (typeof COMPARED)[number]>): string {
  return JSON.stringify(COMPARED.map((c) => row[c]));
}

const PERSON_COLUMNS = [
  "employee_id",
  "email",
  "email_norm",
  "aliases",
  "first_name",
  "last_name",
  "department",
  "title",
  "manager_id",
  "status",
  "start_date",
  "end_date",
  "source",
  "first_seen_run",
  "last_seen_run",
  "gone_run",
] as const;

/**
 * New persons are inserted, changed ones (or ones back after being gone) upserted, and unchanged ones only get
 * their sighting moved — so re-importing the same export writes almost nothing.
 */
async function writePersons(
  db: Kysely<Database>,
  runId: string,
  rows: SourceRow[],
  source: string,
  result: ImportResult,
): Promise<void> {
  const existing = new Map<string, { print: string; gone: boolean; source: string }>();
  const stored = await db
    .selectFrom("persons")
    .select(["employee_id", "gone_run", "source", ...COMPARED])
    .execute();
  for (const row of stored)
    existing.set(row.employee_id, {
      print: fingerprint(row),
      gone: row.gone_run !== null,
      source: row.source,
    });
  const inserts = new RowWriter(db, "persons", PERSON_COLUMNS);
  const upserts: PersonTable[] = [];
  const touched: string[] = [];
  for (const { person } of rows) {
    const row = personRow(person, runId, source);
    const before = existing.get(row.employee_id);
    if (!before) {
      result.created++;
      if (inserts.add(row)) await inserts.flush();
    } else if (before.gone || before.print !== fingerprint(row) || before.source !== source) {
      if (before.gone) result.created++;
      else if (before.print !== fingerprint(row)) result.updated++;
      else result.unchanged++;
      upserts.push(row);
    } else {
      result.unchanged++;
      touched.push(row.employee_id);
    }
  }
  await inserts.drain();
  await upsertSighted(db, "persons", upserts, ["employee_id"]);
  await touch(db, runId, touched);
}

/** Move the sighting of these (live) persons to `runId`, changing nothing else. */
async function touch(db: Kysely<Database>, runId: string, employeeIds: string[]): Promise<void> {
  for (let start = 0; start < employeeIds.length; start += 1000) {
    await db
      .updateTable("persons")
      .set({ last_seen_run: runId })
      .where("employee_id", "in", employeeIds.slice(start, start + 1000))
      .where("gone_run", "is", null)
      .execute();
  }
}

/** Mark gone whoever the export no longer lists — only after a complete, plausible read. */
async function settleGone(
  db: Kysely<Database>,
  runId: string,
  reading: SourceReading,
  imported: number,
  dropThreshold: number,
  result: ImportResult,
): Promise<void> {
  const unidentified = reading.problems.filter((p) => p.employeeId === undefined).length;
  if (unidentified > 0) {
    result.goneSkipped = `${unidentified} rejected row(s) have no readable employee id, so nobody is marked gone (fix the rows and import again)`;
    return;
  }
  // A rejected row with a readable employee id keeps that person as they were: seen, not gone.
  const kept = [...new Set(reading.problems.map((p) => p.employeeId!))];
  await touch(db, runId, kept);
  const previous = await countLive(db, "persons", undefined, runId);
  const seen = imported + kept.length;
  if (previous > 0 && seen < previous * (1 - dropThreshold)) {
    result.goneSkipped = `the export lists ${seen} people of ${previous} known (more than ${Math.round(dropThreshold * 100)}% fewer): suspicious, nobody marked gone`;
    return;
  }
  result.gone = await markUnseenGone(db, "persons", runId);
}

function summaryOf(r: ImportResult) {
  return {
    file: r.file,
    format: r.format,
    imported: r.imported,
    created: r.created,
    updated: r.updated,
    unchanged: r.unchanged,
    gone: r.gone,
    rejected: r.problems.length,
    warnings: r.warnings.length,
    ...(r.idMapped !== undefined ? { idMapped: r.idMapped } : {}),
    ...(r.goneSkipped ? { goneSkipped: r.goneSkipped } : {}),
  };
}
