/**
 * `roster report`: the findings of the latest analysis — summary by kind × app, the list, and what changed since
 * the previous analysis — as text, JSON, CSV or a self-contained HTML file. Also registers `roster person` and
 * `roster app` (person.ts, app.ts).
 */
import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { type Command, Option } from "commander";
import type { LoadedConfig } from "../../config/load.ts";
import { FINDING_KINDS, type FindingKind } from "../../core/finding.ts";
import {
  appInStore,
  findingsCsv,
  findingsJson,
  findingsReportText,
  loadAccessMatrix,
  loadFindingsReport,
  ReportError,
  renderHtmlReport,
} from "../../report/index.ts";
import type { StoreConnection } from "../../store/connect.ts";
import { openFromConfig, reportError } from "../context.ts";
import { csv, EXIT, json, useColor } from "../output.ts";
import { registerAppCommand } from "./app.ts";
import { registerPersonCommand } from "./person.ts";

interface ReportFlags {
  config?: string;
  json?: boolean;
  csv?: boolean;
  html?: string;
  app?: string;
  kind?: FindingKind;
  sincePrevious?: boolean;
  run?: string;
}

/** Open the store of the config, run `body`, close; errors become a message and an exit code. */
export async function withConfigStore(
  configFlag: string | undefined,
  body: (loaded: LoadedConfig, store: StoreConnection) => Promise<void>,
): Promise<number> {
  try {
    const { loaded, store } = await openFromConfig(configFlag);
    try {
      await body(loaded, store);
      return EXIT.ok;
    } finally {
      await store.close();
    }
  } catch (err) {
    return reportError(err);
  }
}

/** Write the HTML report of the latest analysis to `file`; returns what was written. */
export async function writeHtmlReport(
  store: StoreConnection,
  company: string,
  file: string,
  filters: { app?: string; kind?: FindingKind; runId?: string } = {},
) {
  const report = await loadFindingsReport(store.db, { company, store: store.location, ...filters });
  const matrix = await loadAccessMatrix(store.db, {
    findings: report.findings,
    ...(filters.app ? { app: filters.app } : {}),
  });
  const path = resolve(file);
  writeFileSync(path, renderHtmlReport({ report, matrix }));
  return { path, report, matrix };
}

export function registerReportCommands(program: Command, print: (text: string) => void = console.log): void {
  program
    .command("report")
    .description("Findings of the latest analysis: summary by kind and app, the list, and what changed")
    .option("-c, --config <file>", "roster config (default roster.yaml or $ROSTER_CONFIG)")
    .addOption(new Option("--json", "print JSON").conflicts(["csv", "html"]))
    .addOption(new Option("--csv", "print CSV (one row per finding)").conflicts(["html"]))
    .option("--html <file>", "write a self-contained HTML report (summary, access matrix, findings) to FILE")
    .option("--app <name>", "only findings in this app")
    .addOption(new Option("--kind <kind>", "only findings of this kind").choices(FINDING_KINDS))
    .option("--since-previous", "only what changed since the previous analysis (new and fixed)")
    .option("--run <id>", "report on this analysis run instead of the latest")
    .action(async (flags: ReportFlags) => {
      process.exitCode = await withConfigStore(flags.config, async (loaded, store) => {
        const company = loaded.config.company.name;
        const configured = Object.keys(loaded.config.apps);
        if (flags.app && !configured.includes(flags.app) && !(await appInStore(store.db, flags.app)))
          throw new ReportError(
            `no app named "${flags.app}" in the config or the store; configured: ${configured.join(", ") || "none"}`,
          );
        const filters = {
          ...(flags.app ? { app: flags.app } : {}),
          ...(flags.kind ? { kind: flags.kind } : {}),
          ...(flags.run ? { runId: flags.run } : {}),
        };
        if (flags.html) {
          const { path, report, matrix } = await writeHtmlReport(store, company, flags.html, filters);
          print(
            `HTML report written to ${path}: ${report.findings.length} findings, ${matrix.rows.length} people × ${matrix.apps.length} apps${matrix.omitted > 0 ? ` (${matrix.omitted} people without findings left out)` : ""}`,
          );
          return;
        }
        const report = await loadFindingsReport(store.db, { company, store: store.location, ...filters });
        const since = flags.sincePrevious === true;
        if (flags.json) print(json(findingsJson(report, since)));
        else if (flags.csv) {
          const t = findingsCsv(report, since);
          print(csv(t.headers, t.rows));
        } else print(findingsReportText(report, useColor(), since));
      });
    });
  registerPersonCommand(program, print);
  registerAppCommand(program, print);
}
