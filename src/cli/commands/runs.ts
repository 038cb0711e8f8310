/**
 * `roster runs`: the history of syncs, imports and analyses — when each ran, how it ended, what it did, and why it
 * failed (including runs abandoned by a process that died: see docs/operations.md).
 */
import { type Command, InvalidArgumentError, Option } from "commander";
import { listRuns, type RunKind } from "../../store/repositories/runs.ts";
import type { RunTable } from "../../store/schema.ts";
import { EXIT, json, paint, table, useColor } from "../output.ts";
import { withConfigStore } from "./report.ts";

const KINDS: RunKind[] = ["sync", "import", "analyze", "apply"];

function limit(value: string): number {
  const n = /^\s*\d+\s*$/.test(value) ? Number(value) : Number.NaN;
  if (!(n >= 1 && n <= 10_000))
    throw new InvalidArgumentError(`--limit expects a whole number from 1 to 10000, got "${value}".`);
  return n;
}

/** What the run did, in a few words, from its recorded summary. */
export function runOutline(run: RunTable): string {
  let summary: Record<string, unknown>;
  try {
    summary = JSON.parse(run.summary) as Record<string, unknown>;
  } catch {
    return "";
  }
  if (
    run.kind === "sync" &&
    summary.apps &&
    typeof summary.apps === "object" &&
    !Array.isArray(summary.apps)
  ) {
    const apps = Object.entries(summary.apps as Record<string, { status?: string }>);
    const statuses = new Set(apps.map(([, a]) => a.status));
    if (statuses.size === 1)
      return `${apps.length} app${apps.length === 1 ? "" : "s"} ${apps[0]![1].status ?? "?"}`;
    return apps.map(([app, a]) => `${app} ${a.status ?? "?"}`).join(", ");
  }
  if (run.kind === "sync" && Array.isArray(summary.apps)) return (summary.apps as string[]).join(", ");
  if (run.kind === "import" && typeof summary.imported === "number") {
    const rejected =
      typeof summary.rejected === "number" && summary.rejected > 0 ? `, ${summary.rejected} rejected` : "";
    return `${summary.imported} people${rejected}, ${summary.gone ?? 0} gone`;
  }
  if (run.kind === "analyze" && summary.findings && typeof summary.findings === "object") {
    const byKind = (summary.findings as { byKind?: Record<string, number> }).byKind ?? {};
    const total = Object.values(byKind).reduce((a, b) => a + b, 0);
    return `${summary.accounts ?? "?"} accounts, ${total} findings`;
  }
  return "";
}

function duration(run: RunTable): string {
  if (!run.finished_at) return "";
  const ms = Date.parse(run.finished_at) - Date.parse(run.started_at);
  return ms < 1000
    ? `${ms} ms`
    : ms < 120_000
      ? `${(ms / 1000).toFixed(1)} s`
      : `${Math.round(ms / 60_000)} min`;
}

export function registerRunsCommand(program: Command): void {
  program
    .command("runs")
    .description(
      "List recent syncs, imports and analyses: when, how they ended, what they did, why they failed",
    )
    .option("-c, --config <file>", "roster config (default roster.yaml or $ROSTER_CONFIG)")
    .addOption(new Option("--kind <kind>", "only runs of this kind").choices(KINDS))
    .option("--limit <n>", "how many, newest first (default 20)", limit, 20)
    .option("--json", "print JSON (the recorded summaries in full)")
    .action(async (flags: { config?: string; kind?: RunKind; limit: number; json?: boolean }) => {
      process.exitCode = await withConfigStore(flags.config, async (_loaded, store) => {
        const runs = await listRuns(store.db, flags.kind, flags.limit);
        if (flags.json) {
          console.log(json(runs.map((r) => ({ ...r, summary: JSON.parse(r.summary) as unknown }))));
          return;
        }
        if (runs.length === 0) {
          console.log(flags.kind ? `no ${flags.kind} run yet` : "no run yet: start with roster sync");
          return;
        }
        const color = useColor();
        const status = (s: string) =>
          paint(
            s,
            s === "succeeded" ? "green" : s === "running" ? "bold" : s === "partial" ? "yellow" : "red",
            color,
          );
        console.log(
          table(
            ["started", "kind", "status", "took", "what", "id"],
            runs.map((r) => [
              r.started_at.replace("T", " ").slice(0, 19),
              r.kind,
              status(r.status),
              duration(r),
              runOutline(r),
              r.id,
            ]),
          ),
        );
        for (const r of runs.filter((run) => run.error))
          console.log(`${r.id.slice(0, 8)} ${r.kind} ${r.status}: ${r.error}`);
      });
      if (process.exitCode === undefined) process.exitCode = EXIT.ok;
    });
}
