/**
 * `roster demo`: the whole pipeline on a fresh machine — start the five sandboxes with a generated company, sync
 * every app into the embedded store, and print what was read.
 */
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { Command } from "commander";
import { loadConfig } from "../../config/load.ts";
import { createSandboxes, sandboxConfigYaml, startSandboxes } from "../../sandbox/registry.ts";
import { writeWorld } from "../../sandbox/world/index.ts";
import { openStore } from "../../store/connect.ts";
import { createLogger, reportError } from "../context.ts";
import { EXIT, paint } from "../output.ts";
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
      "Start the sandboxes with a generated company, sync every app into the embedded store, summarise",
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
      } finally {
        await store.close();
      }

      console.log(`\nStore: ${join(dir, "roster.db")}. Explore it with:`);
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
