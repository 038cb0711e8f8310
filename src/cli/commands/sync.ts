import type { Command } from "commander";
import type { RosterConfig } from "../../config/schema.ts";
import type { ConnectorDeps } from "../../connectors/contract.ts";
import { createConnector } from "../../connectors/registry.ts";
import type { StoreConnection } from "../../store/connect.ts";
import { runSync, type SyncProgress, type SyncResult, type SyncTarget } from "../../sync/run-sync.ts";
import { createLogger, openFromConfig, reportError } from "../context.ts";
import { EXIT, paint, table, useColor } from "../output.ts";

export function syncTargets(
  config: RosterConfig,
  only: string | undefined,
  deps: ConnectorDeps,
): SyncTarget[] {
  const names = Object.keys(config.apps).filter((name) => !only || name === only);
  if (only && names.length === 0) {
    throw new Error(
      `no app named "${only}" in the config; configured: ${Object.keys(config.apps).join(", ") || "none"}`,
    );
  }
  return names.map((name) => {
    const app = config.apps[name]!;
    return {
      app: name,
      connector: createConnector(name, app, deps),
      dropThreshold: app.dropThreshold ?? config.sync.dropThreshold,
    };
  });
}

/** Live progress: one line per app, redrawn on a terminal; a line per finished listing otherwise. */
export function progressPrinter(apps: string[], stream: NodeJS.WriteStream = process.stderr) {
  const latest = new Map<string, SyncProgress>();
  const live = Boolean(stream.isTTY);
  let drawn = 0;
  let last = 0;
  const line = (p: SyncProgress) =>
    `${p.app.padEnd(14)} ${p.listing.padEnd(9)} ${String(p.pages).padStart(5)} pages ${String(p.records).padStart(8)} records ${String(p.stats.requests).padStart(6)} requests ${String(p.stats.waits).padStart(4)} waits ${String(p.stats.rateLimited).padStart(3)} limited`;
  const draw = (force = false) => {
    const now = Date.now();
    if (!force && now - last < 150) return;
    last = now;
    if (drawn > 0) stream.write(`\u001b[${drawn}A`);
    const lines = apps.map((app) => {
      const p = latest.get(app);
      return `\u001b[2K${p ? line(p) : `${app.padEnd(14)} waiting`}`;
    });
    stream.write(`${lines.join("\n")}\n`);
    drawn = lines.length;
  };
  return {
    update(p: SyncProgress) {
      const previous = latest.get(p.app);
      if (!live && previous && previous.listing !== p.listing) stream.write(`${line(previous)}\n`);
      latest.set(p.app, p);
      if (live) draw();
    },
    done() {
      if (live) draw(true);
      else for (const p of latest.values()) stream.write(`${line(p)}\n`);
    },
  };
}

export function printSyncSummary(result: SyncResult, color = useColor()): void {
  const rows = result.apps.map((a) => [
    a.app,
    a.status === "succeeded"
      ? paint(a.status, "green", color)
      : paint(a.status, a.status === "failed" ? "red" : "yellow", color),
    a.listings.accounts.seen,
    a.listings.groups.seen,
    a.listings.grants.seen,
    a.listings.accounts.gone + a.listings.groups.gone + a.listings.grants.gone,
    a.stats.requests,
    a.stats.rateLimited,
    `${(a.durationMs / 1000).toFixed(1)}s`,
  ]);
  console.log(
    table(["app", "status", "accounts", "groups", "grants", "gone", "requests", "429/420", "time"], rows),
  );
  for (const a of result.apps) {
    for (const [listing, r] of Object.entries(a.listings)) {
      if (r.error) console.log(paint(`${a.app} ${listing}: ${r.error}`, "red", color));
      if (r.goneSkipped && r.complete)
        console.log(paint(`${a.app} ${listing}: ${r.goneSkipped}`, "yellow", color));
    }
    if (a.reverified > 0)
      console.log(`${a.app}: ${a.reverified} account(s) missed by paging were re-verified by direct lookup`);
  }
  console.log(`run ${result.runId}: ${result.status}`);
}

export async function syncWithProgress(store: StoreConnection, targets: SyncTarget[]): Promise<SyncResult> {
  const progress = progressPrinter(targets.map((t) => t.app));
  const result = await runSync(store.db, targets, (p) => progress.update(p));
  progress.done();
  return result;
}

export function exitCodeFor(result: SyncResult): number {
  return result.status === "succeeded" ? EXIT.ok : result.status === "partial" ? EXIT.partial : EXIT.failure;
}

export function registerSyncCommand(program: Command): void {
  program
    .command("sync")
    .description("Read every configured app's accounts, groups and grants into the store")
    .option("-c, --config <file>", "roster config (default roster.yaml or $ROSTER_CONFIG)")
    .option("--app <name>", "only this app instance")
    .action(async (flags: { config?: string; app?: string }) => {
      let code: number = EXIT.ok;
      try {
        const { loaded, store } = await openFromConfig(flags.config);
        try {
          const targets = syncTargets(loaded.config, flags.app, { logger: createLogger() });
          const result = await syncWithProgress(store, targets);
          printSyncSummary(result);
          code = exitCodeFor(result);
        } finally {
          await store.close();
        }
      } catch (err) {
        code = reportError(err);
      }
      process.exitCode = code;
    });
}
