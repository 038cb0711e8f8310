/**
 * Identity-graph benchmark: a company of 100,000 people and its five apps' accounts on the embedded store
 * (SQLite) and on PostgreSQL — HR import + correlation + findings, each stage timed, against the goals
 * "< 10 s and < 1 GB peak RSS". Setup (world, hr.csv, accounts inserted straight into a fresh store) and the
 * measured stages run in processes of their own (bench/graph-setup.ts, bench/graph-stages.ts), so the peak RSS is
 * the stages' alone.
 * Run directly: `node --import tsx bench/graph.ts [people] [sqlite|postgres|both]`.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { runScript } from "./child-process.ts";
import type { GraphSetupOptions, GraphSetupResult } from "./graph-setup.ts";
import type { GraphStageFigures, GraphStagesOptions } from "./graph-stages.ts";
import { type BenchResult, printResults } from "./result.ts";

export const GRAPH_DATABASE_URL = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const GOAL_MS = 10_000;
const GOAL_RSS_MB = 1024;
const DEFAULT_COVERAGE = 0.82;

export interface GraphBenchOptions {
  /** People in the generated company (default 100,000). */
  people?: number;
  /** Store to run on; default both (PostgreSQL skipped with a note when unreachable). */
  dialect?: "sqlite" | "postgres" | "both";
  seed?: number;
  /**
   * Share of people holding an account in each app. Default 0.82: 100,000 people then hold ≈ 400,000 accounts,
   * the size (the world's own defaults give ≈ 257,000).
   */
  coverage?: number;
}

/**
 * A fixed piece of JavaScript work (a Map of 1,000,000 string keys, filled and read) timed in this process just
 * before the stages: on a shared machine the times above mean little without it — compare it across machines.
 */
export function machineBaselineMs(): number {
  const started = performance.now();
  const map = new Map<string, number>();
  for (let i = 0; i < 1_000_000; i++) map.set(`k${i}`, i);
  let sum = 0;
  for (let i = 0; i < 1_000_000; i++) sum += map.get(`k${i}`)!;
  if (sum < 0) throw new Error("unreachable");
  return Math.round(performance.now() - started);
}

async function postgresReachable(): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: GRAPH_DATABASE_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    return undefined;
  } catch (err) {
    return (err as Error).message;
  } finally {
    await client.end().catch(() => {});
  }
}

async function dropSchema(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: GRAPH_DATABASE_URL });
  await client.connect();
  await client.query(`drop schema if exists ${schema} cascade`);
  await client.end();
}

async function runOne(
  people: number,
  seed: number,
  coverage: number,
  dialect: "sqlite" | "postgres",
): Promise<BenchResult> {
  const dir = mkdtempSync(join(tmpdir(), "roster-bench-graph-"));
  const schema = `roster_bench_${randomBytes(4).toString("hex")}`;
  const store: Partial<GraphSetupOptions> =
    dialect === "sqlite"
      ? { sqlitePath: join(dir, "roster.db") }
      : { databaseUrl: GRAPH_DATABASE_URL, pgSchema: schema };
  try {
    const setupOptions: GraphSetupOptions = { people, seed, coverage, dir, ...store };
    const setup = await runScript<GraphSetupResult>("graph-setup.ts", {
      args: [JSON.stringify(setupOptions)],
    });
    const stagesOptions: GraphStagesOptions = { ...setupOptions, asOf: setup.asOf, domains: setup.domains };
    const load = loadavg()[0]!;
    const baseline = machineBaselineMs();
    const s = await runScript<GraphStageFigures>("graph-stages.ts", {
      args: [JSON.stringify(stagesOptions)],
    });
    return {
      name: `graph on ${dialect}: ${people.toLocaleString("en")} people, ${setup.accounts.toLocaleString("en")} accounts in 5 apps`,
      figures: {
        import_ms: s.importMs,
        correlation_ms: s.correlationMs,
        findings_ms: s.findingsMs,
        write_ms: s.writeMs,
        analyze_ms: s.analyzeMs,
        total_ms: s.totalMs,
        cpu_ms: s.importCpuMs + s.analyzeCpuMs,
        peak_rss_mb: s.peakRssMb,
        report_html_ms: s.reportHtmlMs,
        report_html_mb: s.reportHtmlMb,
        report_peak_rss_mb: s.reportPeakRssMb,
        findings: s.findings,
        answer_key: s.answerKey,
        missed: s.missed,
        wrong: s.wrong,
        setup_ms: setup.setupMs,
        load_avg_1m: Math.round(load * 10) / 10,
        baseline_map_1m_ms: baseline,
      },
      checks: [
        {
          label: "import + correlation + findings",
          value: s.totalMs / 1000,
          limit: GOAL_MS / 1000,
          unit: "s",
        },
        { label: "peak RSS", value: s.peakRssMb, limit: GOAL_RSS_MB, unit: "MB" },
      ],
      text: [
        "correlation = loading persons and decisions + reading accounts + matching; write = links, candidates and findings written, then the indexes of links and candidates built (on PostgreSQL the writes go on on their own connection while accounts stream from a second one: write is what was still to be written after the last page, plus the index builds)",
        "report_html_*: then `roster report --html` of that analysis (time, file size, peak RSS of the process by then) — informational, not part of the goal",
        "baseline_map_1m_ms: a fixed JavaScript workload timed just before the stages — compare it across machines to read the times",
      ].join("\n"),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
    if (dialect === "postgres") await dropSchema(schema).catch(() => {});
  }
}

export async function runGraphBench(opts: GraphBenchOptions = {}): Promise<BenchResult[]> {
  const people = opts.people ?? 100_000;
  const seed = opts.seed ?? 42;
  const dialects: ("sqlite" | "postgres")[] =
    opts.dialect === "sqlite"
      ? ["sqlite"]
      : opts.dialect === "postgres"
        ? ["postgres"]
        : ["sqlite", "postgres"];
  const results: BenchResult[] = [];
  for (const dialect of dialects) {
    if (dialect === "postgres") {
      const unreachable = await postgresReachable();
      if (unreachable) {
        results.push({ name: `graph on postgres: skipped — ${unreachable}`, figures: {} });
        continue;
      }
    }
    results.push(await runOne(people, seed, opts.coverage ?? DEFAULT_COVERAGE, dialect));
  }
  return results;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const people = process.argv[2] ? Number(process.argv[2]) : undefined;
  const dialect = process.argv[3] as GraphBenchOptions["dialect"];
  printResults(await runGraphBench({ ...(people ? { people } : {}), ...(dialect ? { dialect } : {}) }));
}
