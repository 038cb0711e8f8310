/**
 * `npm run bench [-- <benchmark>... --flag value]`: runs the benchmarks, prints their figures with the ratio to
 * each goal (or to a baseline measured in the same run), and exits 0 — benchmarks report, they do not fail CI.
 * See bench/README.md.
 */
import { cpus, freemem, loadavg, totalmem } from "node:os";
import { parseArgs } from "node:util";
import { APP_NAMES } from "../src/sandbox/world/types.ts";
import { type GraphBenchOptions, runGraphBench } from "./graph.ts";
import { type BenchResult, resultText } from "./result.ts";
import { runSandboxBench } from "./sandboxes.ts";
import { runScimBench } from "./scim.ts";
import { runSyncBench } from "./sync.ts";

const BENCHMARKS = ["sandboxes", "sync", "scim", "graph"] as const;
type Benchmark = (typeof BENCHMARKS)[number];

const HELP = `npm run bench [-- <benchmark>...] [options]

benchmarks: ${BENCHMARKS.join(", ")} (default: all)

options:
  --people <n>        sandboxes: people in the world (default 100000)
  --apps <a,b>        sandboxes and sync: only these apps (default all five)
  --duration <ms>     sandboxes and scim: measured time per load scenario (default 3000)
  --connections <n>   sandboxes and scim: keep-alive connections of the load generator (default 16)
  --sync-people <n>   sync: people in the world (default 10000)
  --time-scale <x>    sync: every rate-limit window is divided by x (default 1: the apps' real windows)
  --no-naive          sync: skip the naive baseline
  --scim-users <n>    scim: users in the store (default 100000)
  --graph-people <n>  graph: people in the company (default 100000)
  --graph-coverage <x> graph: share of people holding an account in each app (default 0.82: ≈ 4 accounts a
                      person, 400,000 for 100,000 people; the world's own mix is ≈ 2.6)
  --graph-store <s>   graph: sqlite, postgres or both (default both; PostgreSQL from BENCH_DATABASE_URL,
                      skipped with a note when unreachable)
  --seed <n>          world seed (default 1)
  --profile           CPU profiles: the sandbox process per scenario, the sync process per run
  -h, --help`;

interface Flags {
  people: number;
  apps: string[] | undefined;
  durationMs: number;
  connections: number;
  syncPeople: number;
  timeScale: number;
  naive: boolean;
  scimUsers: number;
  graphPeople: number | undefined;
  graphCoverage: number | undefined;
  graphStore: GraphBenchOptions["dialect"];
  seed: number;
  profile: boolean;
}

function numberFlag(name: string, value: string | undefined, fallback: number, min: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n < min) throw new Error(`--${name} expects a number ≥ ${min}, got "${value}"`);
  return n;
}

function parseFlags(argv: string[]): { benchmarks: Benchmark[]; flags: Flags } | undefined {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      people: { type: "string" },
      apps: { type: "string" },
      duration: { type: "string" },
      connections: { type: "string" },
      "sync-people": { type: "string" },
      "time-scale": { type: "string" },
      "no-naive": { type: "boolean", default: false },
      "scim-users": { type: "string" },
      "graph-people": { type: "string" },
      "graph-coverage": { type: "string" },
      "graph-store": { type: "string" },
      seed: { type: "string" },
      profile: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) return undefined;
  const unknown = positionals.filter((p) => !(BENCHMARKS as readonly string[]).includes(p));
  if (unknown.length > 0)
    throw new Error(`unknown benchmark ${unknown.join(", ")}; expected ${BENCHMARKS.join(", ")}`);
  return {
    benchmarks: positionals.length > 0 ? (positionals as Benchmark[]) : [...BENCHMARKS],
    flags: {
      people: numberFlag("people", values.people, 100_000, 0),
      apps: appsFlag(values.apps),
      durationMs: numberFlag("duration", values.duration, 3000, 100),
      connections: numberFlag("connections", values.connections, 16, 1),
      syncPeople: numberFlag("sync-people", values["sync-people"], 10_000, 0),
      timeScale: numberFlag("time-scale", values["time-scale"], 1, 0.001),
      naive: !values["no-naive"],
      scimUsers: numberFlag("scim-users", values["scim-users"], 100_000, 1),
      graphPeople:
        values["graph-people"] === undefined
          ? undefined
          : numberFlag("graph-people", values["graph-people"], 0, 0),
      graphCoverage:
        values["graph-coverage"] === undefined
          ? undefined
          : numberFlag("graph-coverage", values["graph-coverage"], 0.82, 0.01),
      graphStore: graphStore(values["graph-store"]),
      seed: numberFlag("seed", values.seed, 1, 0),
      profile: values.profile,
    },
  };
}

function appsFlag(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  const apps = value.split(",").map((a) => a.trim());
  const unknown = apps.filter((a) => !(APP_NAMES as readonly string[]).includes(a));
  if (unknown.length > 0)
    throw new Error(`--apps expects some of ${APP_NAMES.join(", ")}, got "${unknown.join(", ")}"`);
  return apps;
}

function graphStore(value: string | undefined): GraphBenchOptions["dialect"] {
  if (value === undefined || value === "sqlite" || value === "postgres" || value === "both") return value;
  throw new Error(`--graph-store expects sqlite, postgres or both, got "${value}"`);
}

function machine(): string {
  const cores = cpus();
  const load = loadavg().map((l) => l.toFixed(2));
  return `${new Date().toISOString()} · node ${process.version} · ${cores.length} × ${cores[0]?.model ?? "cpu"} · load ${load.join(" ")} · memory ${Math.round(freemem() / 1_073_741_824)} of ${Math.round(totalmem() / 1_073_741_824)} GB free`;
}

async function run(benchmark: Benchmark, flags: Flags): Promise<BenchResult[]> {
  switch (benchmark) {
    case "sandboxes":
      return runSandboxBench({
        people: flags.people,
        seed: flags.seed,
        durationMs: flags.durationMs,
        connections: flags.connections,
        ...(flags.apps ? { apps: flags.apps } : {}),
        profile: flags.profile,
      });
    case "sync":
      return runSyncBench({
        people: flags.syncPeople,
        seed: flags.seed,
        timeScale: flags.timeScale,
        profiles: flags.naive ? ["tuned", "naive"] : ["tuned"],
        ...(flags.apps ? { apps: flags.apps } : {}),
        profile: flags.profile,
      });
    case "scim":
      return runScimBench({
        users: flags.scimUsers,
        durationMs: flags.durationMs,
        connections: flags.connections,
      });
    case "graph":
      return runGraphBench({
        seed: flags.seed,
        ...(flags.graphPeople !== undefined ? { people: flags.graphPeople } : {}),
        ...(flags.graphCoverage !== undefined ? { coverage: flags.graphCoverage } : {}),
        ...(flags.graphStore ? { dialect: flags.graphStore } : {}),
      });
  }
}

async function main(): Promise<void> {
  let parsed: ReturnType<typeof parseFlags>;
  try {
    parsed = parseFlags(process.argv.slice(2));
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${HELP}`);
    process.exitCode = 2;
    return;
  }
  if (!parsed) {
    console.log(HELP);
    return;
  }
  const { benchmarks, flags } = parsed;
  console.log(`roster benchmarks: ${benchmarks.join(", ")}\nmachine: ${machine()}\n`);
  const failed: string[] = [];
  const started = performance.now();
  for (const benchmark of benchmarks) {
    const t0 = performance.now();
    console.log(`== ${benchmark}`);
    try {
      for (const result of await run(benchmark, flags)) console.log(resultText(result));
    } catch (error) {
      failed.push(benchmark);
      console.log(`ERROR: the ${benchmark} benchmark did not finish: ${(error as Error).stack ?? error}`);
    }
    console.log(
      `(${benchmark}: ${((performance.now() - t0) / 1000).toFixed(0)} s; load now ${loadavg()[0]?.toFixed(2)})\n`,
    );
  }
  console.log(`done in ${((performance.now() - started) / 1000).toFixed(0)} s · machine: ${machine()}`);
  if (failed.length > 0) console.log(`benchmarks that did not finish: ${failed.join(", ")}`);
}

await main();
