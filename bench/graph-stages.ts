/**
 * The measured part of the graph benchmark, in a process of its own so its peak RSS is its own: the HR import of
 * hr.csv, then one analysis (correlation + findings) over the store bench/graph-setup.ts filled. Prints one JSON
 * line with the time (wall and CPU) per stage, the peak RSS, and how the findings compare with the answer key.
 */
import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { writeHtmlReport } from "../src/cli/commands/report.ts";
import type { RosterConfig } from "../src/config/schema.ts";
import { type FindingKey, findingKeyString } from "../src/core/finding.ts";
import { analyze, importPeople } from "../src/graph/index.ts";
import { APP_NAMES } from "../src/sandbox/world/types.ts";
import { openStore } from "../src/store/connect.ts";
import type { GraphSetupOptions } from "./graph-setup.ts";

export interface GraphStagesOptions extends GraphSetupOptions {
  asOf: string;
  domains: string[];
}

export interface GraphStageFigures {
  importMs: number;
  importCpuMs: number;
  correlationMs: number;
  findingsMs: number;
  writeMs: number;
  analyzeMs: number;
  analyzeCpuMs: number;
  totalMs: number;
  peakRssMb: number;
  reportHtmlMs: number;
  reportHtmlMb: number;
  reportPeakRssMb: number;
  findings: number;
  answerKey: number;
  missed: number;
  wrong: number;
}

const options = JSON.parse(process.argv[2] ?? "{}") as GraphStagesOptions;
// The apps are read from the store; the config only needs their types (for the activity rule) and the company.
const config = {
  company: { name: "Northwind", domains: options.domains },
  store: { sqlite: options.sqlitePath ?? "" },
  sync: { dropThreshold: 0.5 },
  hr: { path: join(options.dir, "hr.csv") },
  findings: { staleDays: 90, inviteDays: 30 },
  apps: Object.fromEntries(APP_NAMES.map((app) => [app, { type: app }])),
} as unknown as RosterConfig;

const store = await openStore({
  ...(options.databaseUrl ? { databaseUrl: options.databaseUrl, pgSchema: options.pgSchema } : {}),
  ...(options.sqlitePath ? { sqlitePath: options.sqlitePath } : {}),
});
const cpuMs = (since: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(since);
  return Math.round((used.user + used.system) / 1000);
};

let cpu = process.cpuUsage();
let started = performance.now();
const imported = await importPeople(store.db, config, options.dir, { asOf: new Date(options.asOf) });
if (imported.status !== "succeeded") throw new Error(`import ${imported.status}: ${imported.fatal ?? ""}`);
const importMs = performance.now() - started;
const importCpuMs = cpuMs(cpu);

cpu = process.cpuUsage();
started = performance.now();
const result = await analyze(store.db, config, { asOf: options.asOf });
const analyzeMs = performance.now() - started;
const analyzeCpuMs = cpuMs(cpu);
const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);

// Not part of the goal: the HTML report of this analysis (what `roster report --html` does), after the peak RSS of
// the stages was taken.
started = performance.now();
const html = await writeHtmlReport(store, "Northwind", join(options.dir, "report.html"));
const reportHtmlMs = performance.now() - started;
const reportPeakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
const reportHtmlMb = Math.round(statSync(html.path).size / 1e5) / 10;
await store.close();

const key = JSON.parse(readFileSync(join(options.dir, "answer-key.json"), "utf8")) as FindingKey[];
const want = new Set(key.map(findingKeyString));
const got = new Set(result.findings.map(findingKeyString));
const t = result.timings;
const figures: GraphStageFigures = {
  importMs: Math.round(importMs),
  importCpuMs,
  correlationMs: Math.round(t.loadMs + t.readMs + t.correlateMs),
  findingsMs: Math.round(t.findingsMs),
  writeMs: Math.round(t.writeMs),
  analyzeMs: Math.round(analyzeMs),
  analyzeCpuMs,
  totalMs: Math.round(importMs + analyzeMs),
  peakRssMb,
  reportHtmlMs: Math.round(reportHtmlMs),
  reportHtmlMb,
  reportPeakRssMb,
  findings: got.size,
  answerKey: want.size,
  missed: [...want].filter((k) => !got.has(k)).length,
  wrong: [...got].filter((k) => !want.has(k)).length,
};
console.log(JSON.stringify(figures));
