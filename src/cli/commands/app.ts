/** `roster app NAME`: the app's accounts with the people they belong to (or nobody) and their findings. */
import type { Command } from "commander";
import { appCsv, appText, loadAppReport } from "../../report/index.ts";
import { csv, json, useColor } from "../output.ts";
// report.ts registers this command and this one uses its store helper: a cycle of hoisted functions only.
import { withConfigStore } from "./report.ts";

export function registerAppCommand(program: Command, print: (text: string) => void = console.log): void {
  program
    .command("app")
    .argument("<name>", "the app instance's name in the config")
    .description("An app's accounts with their people (or unmatched / disputed) and findings")
    .option("-c, --config <file>", "roster config (default roster.yaml or $ROSTER_CONFIG)")
    .option("--json", "print JSON")
    .option("--csv", "print CSV (one row per account)")
    .action(async (name: string, flags: { config?: string; json?: boolean; csv?: boolean }) => {
      process.exitCode = await withConfigStore(flags.config, async (loaded, store) => {
        const report = await loadAppReport(store.db, name, Object.keys(loaded.config.apps));
        if (flags.json) print(json(report));
        else if (flags.csv) {
          const t = appCsv(report);
          print(csv(t.headers, t.rows));
        } else print(appText(report, useColor()));
      });
    });
}
