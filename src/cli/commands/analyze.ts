/** `roster analyze`: link every stored account to a person and record this run's findings. */
import type { Command } from "commander";
import { analyze } from "../../graph/index.ts";
import { loadFindingsReport } from "../../report/index.ts";
import { findingsSummaryText } from "../../report/text.ts";
import { openFromConfig, reportError } from "../context.ts";
import { EXIT, json, useColor } from "../output.ts";

interface AnalyzeFlags {
  config?: string;
  asOf?: string;
  json?: boolean;
  allowEmptyHr?: boolean;
}

export function registerAnalyzeCommand(program: Command): void {
  program
    .command("analyze")
    .description(
      "Correlate every stored account with the imported people and record the findings of this run",
    )
    .option("-c, --config <file>", "roster config (default roster.yaml or $ROSTER_CONFIG)")
    .option(
      "--as-of <instant>",
      "measure ages (stale, old invitations) at this ISO-8601 instant instead of now",
    )
    .option(
      "--allow-empty-hr",
      "analyse even though no person was imported (every account becomes an orphan)",
    )
    .option("--json", "print the analysis as JSON")
    .action(async (flags: AnalyzeFlags) => {
      let code: number = EXIT.ok;
      try {
        if (flags.asOf !== undefined && Number.isNaN(Date.parse(flags.asOf))) {
          console.error(
            `roster: --as-of expects an ISO-8601 instant such as 2026-11-01T00:00:00Z, got "${flags.asOf}"`,
          );
          process.exitCode = EXIT.usage;
          return;
        }
        const { loaded, store } = await openFromConfig(flags.config);
        try {
          const result = await analyze(store.db, loaded.config, {
            ...(flags.asOf ? { asOf: flags.asOf } : {}),
            ...(flags.allowEmptyHr ? { allowEmptyHr: true } : {}),
          });
          if (flags.json) {
            const { findings: _findings, ...summary } = result;
            console.log(json(summary));
          } else {
            const s = result.situations;
            console.log(
              `${result.persons} people, ${result.accounts} accounts: ${s.linked} linked, ${s.unmatched} unmatched, ${s.disputed} disputed, ${s.unknown} unreadable`,
            );
            for (const note of result.notes) console.log(`note: ${note}`);
            const report = await loadFindingsReport(store.db, {
              company: loaded.config.company.name,
              store: store.location,
            });
            console.log(findingsSummaryText(report, useColor()));
            console.log(
              `analysis run ${result.runId} (${(result.timings.totalMs / 1000).toFixed(1)}s). Details: roster report`,
            );
          }
        } finally {
          await store.close();
        }
      } catch (err) {
        code = reportError(err);
      }
      process.exitCode = code;
    });
}
