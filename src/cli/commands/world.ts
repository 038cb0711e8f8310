/**
 * `roster world --people N --seed S --out DIR [--as-of ISO] [--coverage SHARE]`: write a synthetic company (HR export, each app's
 * initial state, answer key) and print what it contains.
 */
import { isAbsolute, relative, resolve } from "node:path";
import { type Command, InvalidArgumentError } from "commander";
import {
  DEFAULT_AS_OF,
  generateWorld,
  MAX_PEOPLE,
  WORLD_FILES,
  worldSummary,
  writeWorld,
} from "../../sandbox/world/index.ts";
import { APP_NAMES, type World } from "../../sandbox/world/types.ts";
import { paint, table } from "../output.ts";

const MAX_SEED = 0xffffffff;
const EARLIEST = Date.parse("2020-01-01T00:00:00.000Z");
const LATEST = Date.parse("2200-01-01T00:00:00.000Z");

function wholeNumber(flag: string, min: number, max: number) {
  return (value: string): number => {
    const n = /^\s*\d+\s*$/.test(value) ? Number(value) : Number.NaN;
    if (!Number.isSafeInteger(n) || n < min || n > max) {
      throw new InvalidArgumentError(`${flag} expects a whole number from ${min} to ${max}, got "${value}".`);
    }
    return n;
  };
}

/** `0.8` (every app) or `docebo=0.9,podio=0.3` (those apps; the rest keep their defaults). */
function coverage(value: string): number | Record<string, number> {
  const share = (text: string): number => {
    const n = /^\s*(0(\.\d+)?|1(\.0+)?|\.\d+)\s*$/.test(text) ? Number(text) : Number.NaN;
    if (!(n >= 0.01 && n <= 0.95))
      throw new InvalidArgumentError(
        `--coverage expects a share from 0.01 to 0.95 such as 0.8, or app=share pairs such as docebo=0.9,podio=0.3; got "${value}".`,
      );
    return n;
  };
  if (!value.includes("=")) return share(value);
  const shares: Record<string, number> = {};
  for (const pair of value.split(",")) {
    const [app = "", text = ""] = pair.split("=").map((s) => s.trim());
    if (!(APP_NAMES as readonly string[]).includes(app))
      throw new InvalidArgumentError(
        `--coverage names an unknown app "${app}" (apps: ${APP_NAMES.join(", ")}).`,
      );
    shares[app] = share(text);
  }
  return shares;
}

function instant(flag: string) {
  return (value: string): string => {
    const ms = /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(value.trim())
      ? Date.parse(value)
      : Number.NaN;
    if (Number.isNaN(ms) || ms < EARLIEST || ms > LATEST) {
      throw new InvalidArgumentError(
        `${flag} expects an ISO-8601 date or instant from 2020-01-01 to 2200-01-01 such as ${DEFAULT_AS_OF}, got "${value}".`,
      );
    }
    return new Date(ms).toISOString();
  };
}

interface WorldFlags {
  people: number;
  seed: number;
  out: string;
  asOf?: string;
  coverage?: number | Record<string, number>;
}

export function registerWorldCommand(program: Command, print: (line: string) => void = console.log): void {
  program
    .command("world")
    .description("Generate a synthetic company: HR export, each app's initial state, and the answer key")
    .requiredOption(
      "--people <n>",
      `people in HR (0 to ${MAX_PEOPLE})`,
      wholeNumber("--people", 0, MAX_PEOPLE),
    )
    .option(
      "--seed <s>",
      `seed (0 to ${MAX_SEED}); the same seed writes the same bytes`,
      wholeNumber("--seed", 0, MAX_SEED),
      1,
    )
    .requiredOption("--out <dir>", "folder to write world.json, hr.csv, apps/*.json and answer-key.json into")
    .option("--as-of <iso>", `the instant the world describes (default ${DEFAULT_AS_OF})`, instant("--as-of"))
    .option(
      "--coverage <share>",
      "share of people holding an account: one share for every app (0.8) or app=share pairs (docebo=0.9,podio=0.3); default each app's own",
      coverage,
    )
    .action((flags: WorldFlags) => {
      const world = generateWorld({
        people: flags.people,
        seed: flags.seed,
        ...(flags.asOf === undefined ? {} : { asOf: flags.asOf }),
        ...(flags.coverage === undefined ? {} : { coverage: flags.coverage }),
      });
      writeWorld(world, flags.out);
      for (const line of describeWorld(world, flags.out)) print(line);
    });
}

/** The command's summary: people, accounts per app, findings per kind, and where each file went. */
export function describeWorld(world: World, dir: string): string[] {
  const summary = worldSummary(world);
  const fromHere = relative(process.cwd(), dir);
  const shown =
    fromHere === "" ? "." : fromHere.startsWith("..") || isAbsolute(fromHere) ? resolve(dir) : fromHere;
  const rows = APP_NAMES.map((app) => {
    const { accounts, byStatus } = summary.apps[app];
    const capable = (byStatus.active ?? 0) + (byStatus.invited ?? 0);
    return [app, accounts, capable, summary.findings.byApp[app], WORLD_FILES.app(app)];
  });
  const kinds = Object.entries(summary.findings.byKind)
    .filter(([, count]) => count > 0)
    .map(([kind, count]) => `${kind} ${count}`)
    .join(", ");
  return [
    paint(`World written to ${shown} — seed ${world.seed}, as of ${world.asOf}`, "bold"),
    `People: ${summary.people} (${summary.hr.active} active, ${summary.hr.leave} on leave, ${summary.hr.terminated} terminated) → ${WORLD_FILES.hr}`,
    "",
    table(["app", "accounts", "active or invited", "findings", "file"], rows),
    "",
    `Answer key: ${summary.findings.total} findings → ${WORLD_FILES.answerKey}`,
    ...(kinds ? [`  ${kinds}`] : []),
    `Company: ${world.company.name} (${world.company.domains.join(", ")}) → ${WORLD_FILES.meta}`,
  ];
}
