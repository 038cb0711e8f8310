/**
 * A world on disk:
 *   world.json        seed, people, asOf, company, thresholds
 *   hr.csv            the HR export
 *   apps/<app>.json   each app's initial state
 *   answer-key.json   { asOf, thresholds, companyDomains, entries }
 * The same world always gives the same bytes (stable key order, two-space JSON, trailing newline).
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { z } from "zod";
import { formatHrCsv, HrCsvError, parseHrCsv } from "./hr-csv.ts";
import { AnswerKeyFileSchema, APP_STATE_SCHEMAS, WorldMetaSchema } from "./schema.ts";
import { type AnswerKeyEntry, APP_NAMES, type World } from "./types.ts";

export const WORLD_FILES = {
  meta: "world.json",
  hr: "hr.csv",
  answerKey: "answer-key.json",
  app: (app: string) => `apps/${app}.json`,
} as const;

/** A world file that is missing or malformed; the message starts with the file's name. */
export class WorldFileError extends Error {
  constructor(
    readonly file: string,
    problem: string,
  ) {
    super(`${file}: ${problem}`);
    this.name = "WorldFileError";
  }
}

function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** Write the world's files into `dir` (created if needed); returns the paths written. */
export function writeWorld(world: World, dir: string): string[] {
  mkdirSync(join(dir, "apps"), { recursive: true });
  const files: [string, string][] = [
    [
      WORLD_FILES.meta,
      json({
        seed: world.seed,
        people: world.people,
        asOf: world.asOf,
        company: world.company,
        thresholds: world.thresholds,
      }),
    ],
    [WORLD_FILES.hr, formatHrCsv(world.hr)],
    ...APP_NAMES.map((app): [string, string] => [WORLD_FILES.app(app), json(world.apps[app])]),
    [
      WORLD_FILES.answerKey,
      json({
        asOf: world.asOf,
        thresholds: world.thresholds,
        companyDomains: world.company.domains,
        entries: world.answerKey,
      }),
    ],
  ];
  const written: string[] = [];
  for (const [name, content] of files) {
    const path = join(dir, name);
    writeFileSync(path, content);
    written.push(path);
  }
  return written;
}

function readText(dir: string, file: string): string {
  try {
    return readFileSync(join(dir, file), "utf8");
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new WorldFileError(file, code === "ENOENT" ? "missing" : `cannot be read (${code ?? String(err)})`);
  }
}

function readJson<S extends z.ZodType>(dir: string, file: string, schema: S): z.output<S> {
  const text = readText(dir, file);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new WorldFileError(file, `not valid JSON (${(err as Error).message})`);
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .slice(0, 3)
      .map((issue) => `${pathText(issue.path)}: ${issue.message}`);
    const more = parsed.error.issues.length > 3 ? ` (and ${parsed.error.issues.length - 3} more)` : "";
    throw new WorldFileError(file, problems.join("; ") + more);
  }
  return parsed.data;
}

function pathText(path: readonly PropertyKey[]): string {
  if (path.length === 0) return "(top level)";
  return path
    .map((key, i) => (typeof key === "number" ? `[${key}]` : `${i === 0 ? "" : "."}${String(key)}`))
    .join("");
}

/** Read a world written by `writeWorld`, validating every file. */
export function readWorld(dir: string): World {
  const meta = readJson(dir, WORLD_FILES.meta, WorldMetaSchema);
  let hr: World["hr"];
  try {
    hr = parseHrCsv(readText(dir, WORLD_FILES.hr));
  } catch (err) {
    if (err instanceof HrCsvError) throw new WorldFileError(WORLD_FILES.hr, err.message);
    throw err;
  }
  if (hr.length !== meta.people) {
    throw new WorldFileError(WORLD_FILES.hr, `has ${hr.length} people but world.json says ${meta.people}`);
  }
  const apps = {
    productboard: readJson(dir, WORLD_FILES.app("productboard"), APP_STATE_SCHEMAS.productboard),
    productive: readJson(dir, WORLD_FILES.app("productive"), APP_STATE_SCHEMAS.productive),
    proofhub: readJson(dir, WORLD_FILES.app("proofhub"), APP_STATE_SCHEMAS.proofhub),
    podio: readJson(dir, WORLD_FILES.app("podio"), APP_STATE_SCHEMAS.podio),
    docebo: readJson(dir, WORLD_FILES.app("docebo"), APP_STATE_SCHEMAS.docebo),
  } satisfies World["apps"];
  const key = readJson(dir, WORLD_FILES.answerKey, AnswerKeyFileSchema);
  if (Date.parse(key.asOf) !== Date.parse(meta.asOf)) {
    throw new WorldFileError(
      WORLD_FILES.answerKey,
      `asOf ${key.asOf} does not match world.json's ${meta.asOf}`,
    );
  }
  const answerKey: AnswerKeyEntry[] = key.entries.map((entry) => {
    const out: AnswerKeyEntry = { kind: entry.kind, app: entry.app };
    if (entry.externalId !== undefined) out.externalId = entry.externalId;
    if (entry.employeeId !== undefined) out.employeeId = entry.employeeId;
    if (entry.note !== undefined) out.note = entry.note;
    return out;
  });
  return {
    seed: meta.seed,
    people: meta.people,
    asOf: meta.asOf,
    company: meta.company,
    thresholds: meta.thresholds,
    hr,
    apps,
    answerKey,
  };
}
