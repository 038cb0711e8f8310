/**
 * `roster demo`: the whole pipeline on a fresh machine — start the five sandboxes with a generated company, sync
 * every app into the embedded store, import the HR export, link accounts to people, summarise the findings and
 * write the HTML report.
 */
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { Command } from "commander";
import { loadConfig } from "../../config/load.ts";
import type { RosterConfig } from "../../config/schema.ts";
import { analyze, importPeople } from "../../graph/index.ts";
import { findingsSummaryText, loadFindingsReport } from "../../report/index.ts";
import { createSandboxes, sandboxConfigYaml, startSandboxes } from "../../sandbox/registry.ts";
import { writeWorld } from "../../sandbox/world/index.ts";
import { openStore, type StoreConnection } from "../../store/connect.ts";
import { createLogger, reportError } from "../context.ts";
import { EXIT, paint, useColor } from "../output.ts";
import { importExitCode, printImportResult } from "./import.ts";
import { writeHtmlReport } from "./report.ts";
import { intOption, obtainWorld } from "./sandbox.ts";
import { exitCodeFor, printSyncSummary, syncTargets, syncWithProgress } from "./sync.ts";

interface DemoFlags {
  people: number;
  seed: number;
  dir: string;
  keep?: boolean;
}

export function registerDemoCommand(program: Command): void {
  program
    .command("demo")
    .description(
      "Start the sandboxes with a generated company, sync every app, import HR, analyse, write the HTML report",
    )
    .option("--people <n>", "people in the generated company", intOption("--people", 0), 300)
    .option("--seed <s>", "seed of the generated company", intOption("--seed", 0), 1)
    .option("--dir <dir>", "where the demo keeps its config, world and store", ".roster/demo")
    .option("--keep", "keep the sandboxes running after the demo (Ctrl+C stops them)")
    .action(async (flags: DemoFlags) => {
      process.exitCode = await runDemo(flags);
    });
}

async function runDemo(flags: DemoFlags): Promise<number> {
  const dir = resolve(flags.dir);
  const step = (text: string) => console.log(`\n${paint(text, "bold")}`);
  try {
    step(`1. Generating a company of ${flags.people} people (seed ${flags.seed}) and starting the sandboxes`);
    const world = obtainWorld(flags);
    const worldDir = join(dir, "world");
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    writeWorld(world, worldDir);
    const running = await startSandboxes(createSandboxes(world), 0);
    try {
      for (const [app, url] of Object.entries(running.urls)) console.log(`   ${app.padEnd(13)} ${url}`);
      const configFile = join(dir, "roster.yaml");
      writeFileSync(
        configFile,
        sandboxConfigYaml(world, running.urls, { hrPath: join(worldDir, "hr.csv"), sqlitePath: "roster.db" }),
      );
      console.log(`   config: ${configFile}`);

      step("2. Syncing every app into the embedded store");
      const { config } = loadConfig(configFile);
      const store = await openStore({ sqlitePath: join(dir, config.store.sqlite) });
      let code: number = EXIT.ok;
      try {
        const result = await syncWithProgress(
          store,
          syncTargets(config, undefined, { logger: createLogger() }),
        );
        printSyncSummary(result);
        code = exitCodeFor(result);
        if (result.status !== "failed")
          code = Math.max(code, await demoFindings(store, config, configFile, step));
      } finally {
        await store.close();
      }

      console.log(`\nStore: ${join(dir, "roster.db")}. Explore it with:`);
      console.log(`   npx roster report --config ${configFile}`);
      console.log(`   npx roster person --config ${configFile} <e-mail or employee id>`);
      console.log(`   npx roster app --config ${configFile} podio`);
      console.log(`   npx roster accounts --config ${configFile} --app podio`);
      console.log(`   npx roster groups --config ${configFile}`);
      if (flags.keep) {
        console.log(`\nSandboxes keep running (config ${configFile}); press Ctrl+C to stop.`);
        await new Promise<void>((done) => {
          process.once("SIGINT", () => done());
          process.once("SIGTERM", () => done());
        });
      }
      return code;
    } finally {
      await running.close();
    }
  } catch (err) {
    return reportError(err);
  }
}

/** Steps 3–5: the HR import, the analysis with its findings summary, and the HTML report. Returns an exit code. */
async function demoFindings(
  store: StoreConnection,
  config: RosterConfig,
  configFile: string,
  step: (text: string) => void,
): Promise<number> {
  const dir = dirname(configFile);
  step("3. Importing the HR export (the people every account is compared with)");
  const imported = await importPeople(store.db, config, dir);
  printImportResult(imported);
  if (imported.status === "failed") return importExitCode(imported);

  step("4. Linking every account to a person and looking for problems");
  const analysis = await analyze(store.db, config);
  const s = analysis.situations;
  console.log(
    `   ${analysis.persons} people, ${analysis.accounts} accounts: ${s.linked} linked to a person, ${s.unmatched} unmatched, ${s.disputed} disputed, ${s.unknown} unreadable`,
  );
  const report = await loadFindingsReport(store.db, { company: config.company.name, store: store.location });
  console.log(findingsSummaryText(report, useColor()));

  step("5. Writing the HTML report");
  const { path, matrix } = await writeHtmlReport(store, config.company.name, join(dir, "report.html"));
  console.log(
    `   ${report.findings.length} findings, ${matrix.rows.length} people × ${matrix.apps.length} apps`,
  );
  console.log(`   Open it in a browser: ${paint(pathToFileURL(path).href, "cyan")}`);
  const leaver = report.findings.find((f) => f.kind === "leaver-active" && f.person);
  if (leaver?.person)
    console.log(
      `   A leaver whose access is still active: npx roster person --config ${configFile} ${leaver.person.employeeId}`,
    );
  return importExitCode(imported);
}
