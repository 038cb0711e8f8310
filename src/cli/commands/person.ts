/** `roster person EMAIL|EMPLOYEE_ID`: the person's HR card and every account, role and group they hold. */
import type { Command } from "commander";
import { loadPersonReport, personCsv, personText } from "../../report/index.ts";
import { csv, json, useColor } from "../output.ts";
// report.ts registers this command and this one uses its store helper: a cycle of hoisted functions only.
import { withConfigStore } from "./report.ts";

export function registerPersonCommand(program: Command, print: (text: string) => void = console.log): void {
  program
    .command("person")
    .argument("<who>", "the person's e-mail (primary or alias) or employee id")
    .description("A person's HR record and every account, role and group they hold, with how each was linked")
    .option("-c, --config <file>", "roster config (default roster.yaml or $ROSTER_CONFIG)")
    .option("--json", "print JSON")
    .option("--csv", "print CSV (one row per account)")
    .action(async (who: string, flags: { config?: string; json?: boolean; csv?: boolean }) => {
      process.exitCode = await withConfigStore(flags.config, async (_loaded, store) => {
        const report = await loadPersonReport(store.db, who);
        if (flags.json) print(json(report));
        else if (flags.csv) {
          const t = personCsv(report);
          print(csv(t.headers, t.rows));
        } else print(personText(report, useColor()));
      });
    });
}
