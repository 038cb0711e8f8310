import type { Command } from "commander";
import { type ImportResult, importPeople } from "../../graph/index.ts";
import { openFromConfig, reportError } from "../context.ts";
import { EXIT, json, paint, useColor } from "../output.ts";

function where(p: { file: string; line: number | null }): string {
  return p.line === null ? p.file : `${p.file}:${p.line}`;
}

export function printImportResult(r: ImportResult, color = useColor()): void {
  if (r.fatal) {
    console.log(paint(`${r.fatal}`, "red", color));
  } else {
    console.log(
      `${r.file}: ${r.imported} people imported — ${r.created} new, ${r.updated} updated, ${r.unchanged} unchanged, ${r.gone} gone`,
    );
    if (r.idMapped !== undefined) console.log(`ID map: ${r.idMapped} account(s) assigned to a person`);
  }
  if (r.problems.length > 0) {
    console.log(paint(`${r.problems.length} row(s) rejected (the rest were imported):`, "yellow", color));
    for (const p of r.problems) console.log(`  ${where(p)}: ${p.reason}`);
  }
  if (r.warnings.length > 0) {
    console.log(`${r.warnings.length} warning(s):`);
    for (const w of r.warnings) console.log(`  ${where(w)}: ${w.reason}`);
  }
  if (r.goneSkipped) console.log(paint(`nobody marked gone: ${r.goneSkipped}`, "yellow", color));
  console.log(`import run ${r.runId}: ${r.status}`);
}

export function importExitCode(r: ImportResult): number {
  if (r.status === "failed") return EXIT.failure;
  return r.problems.length > 0 ? EXIT.partial : EXIT.ok;
}

export function registerImportCommand(program: Command): void {
  program
    .command("import")
    .description(
      "Import the HR export (hr.path in roster.yaml) into the people roster compares accounts with",
    )
    .option("-c, --config <file>", "roster config (default roster.yaml or $ROSTER_CONFIG)")
    .option("--file <path>", "import this file instead of hr.path")
    .option("--format <format>", "csv or json (default: hr.format, else from the file extension)")
    .option("--json", "print the result as JSON")
    .action(async (flags: { config?: string; file?: string; format?: string; json?: boolean }) => {
      let code: number = EXIT.ok;
      try {
        if (flags.format !== undefined && flags.format !== "csv" && flags.format !== "json") {
          console.error(`roster: --format expects csv or json, got "${flags.format}"`);
          process.exitCode = EXIT.usage;
          return;
        }
        const { loaded, store } = await openFromConfig(flags.config);
        try {
          const result = await importPeople(store.db, loaded.config, loaded.dir, {
            ...(flags.file ? { file: flags.file } : {}),
            ...(flags.format ? { format: flags.format as "csv" | "json" } : {}),
          });
          if (flags.json) console.log(json(result));
          else printImportResult(result);
          code = importExitCode(result);
        } finally {
          await store.close();
        }
      } catch (err) {
        code = reportError(err);
      }
      process.exitCode = code;
    });
}
