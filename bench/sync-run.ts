/**
 * One sync for bench/sync.ts, in its own process so that its peak RSS is the sync's own: reads a `SyncRunInput`
 * JSON on stdin (roster.yaml for the running sandboxes, the profile, the time scale), builds every connector with
 * `createConnector`, runs `runSync` into a fresh SQLite file and prints one JSON line of `SyncRunOutput`. Every
 * request goes through a counting `fetch`, so requests are known per app and endpoint, with their statuses.
 */
import { rmSync } from "node:fs";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import { parseConfig } from "../src/config/load.ts";
import type { AppConfig } from "../src/config/schema.ts";
import type { ConnectorDeps } from "../src/connectors/contract.ts";
import { createConnector } from "../src/connectors/registry.ts";
import { openStore } from "../src/store/connect.ts";
import { runSync } from "../src/sync/run-sync.ts";
import { Profiler, summarizeProfile } from "./cpu-profile.ts";
import { endpointOf } from "./sync-minimum.ts";

export type SyncProfile = "tuned" | "naive";

export interface SyncRunInput {
  configYaml: string;
  profile: SyncProfile;
  /**
   * Budgets the tuned connectors are told (`rateLimit` in roster.yaml): the apps' known budgets in the sandboxes'
   * scaled time. Not used by the naive profile, which knows no budget.
   */
  budgets: Record<string, { limit: number; windowMs: number }[]>;
  sqlitePath: string;
  /** Only these app instances (default: every app in the config). */
  apps?: string[];
  /** Take a CPU profile of the sync and return its summary. */
  profileCpu?: boolean;
}

export interface EndpointCount {
  requests: number;
  byStatus: Record<string, number>;
}

export interface AppRun {
  app: string;
  status: string;
  durationMs: number;
  accounts: number;
  groups: number;
  grants: number;
  requests: number;
  retries: number;
  rateLimited: number;
  waitedMs: number;
  error?: string;
  /** Requests the counting fetch saw, per endpoint label (`GET /space/{id}/member/`); token requests apart. */
  endpoints: Record<string, EndpointCount>;
  tokenRequests: number;
  /** Round trip of the API requests as the sync saw them (queueing in the sandbox process included). */
  latencyP50Ms: number;
  latencyP99Ms: number;
}

export interface SyncRunOutput {
  profile: SyncProfile;
  wallMs: number;
  apps: AppRun[];
  /** RSS before the sync started (the Node + tsx + modules floor) and the peak over the whole process. */
  startRssMb: number;
  peakRssMb: number;
  /** CPU time of this process during the sync: near `wallMs` means the sync itself, not the budgets, was the limit. */
  cpuMs: number;
  /**
   * How long the event loop was blocked (p99 and max of the loop delay): synchronous work — SQLite writes, parsing
   * a big page — holds up every app's requests in flight, which shows up as latency and wall time.
   */
  loopDelayP99Ms: number;
  loopDelayMaxMs: number;
  /** The longest stalls of the event loop, with what the sync reported last before each ended. */
  stalls: string[];
  cpuProfile?: string;
}

const TOKEN_PATHS = new Set(["/oauth/token", "/oauth/token/v2", "/oauth2/token"]);

/** A fetch that counts every exchange by app (told apart by origin) and endpoint, and times it. */
function countingFetch(
  origins: Map<string, string>,
  counts: Map<string, AppRun>,
  latencies: Map<string, number[]>,
): ConnectorDeps["fetch"] {
  return async (input, init) => {
    const started = performance.now();
    const request = input instanceof Request ? input : undefined;
    const url = request ? request.url : String(input);
    const method = (init?.method ?? request?.method ?? "GET").toUpperCase();
    const run = counts.get(origins.get(new URL(url).origin) ?? "");
    const response = await fetch(input, init);
    if (run) {
      if (TOKEN_PATHS.has(new URL(url).pathname)) run.tokenRequests += 1;
      else {
        latencies.get(run.app)?.push(performance.now() - started);
        const label = endpointOf(method, url);
        const entry = run.endpoints[label] ?? { requests: 0, byStatus: {} };
        run.endpoints[label] = entry;
        entry.requests += 1;
        entry.byStatus[response.status] = (entry.byStatus[response.status] ?? 0) + 1;
      }
    }
    return response;
  };
}

export async function runSyncOnce(input: SyncRunInput): Promise<SyncRunOutput> {
  const startRssMb = Math.round(process.memoryUsage().rss / 1_048_576);
  const config = parseConfig(input.configYaml, "sandboxes.yaml");
  if (input.apps?.length) {
    config.apps = Object.fromEntries(
      Object.entries(config.apps).filter(([app]) => input.apps?.includes(app)),
    );
  }
  const runs = new Map<string, AppRun>();
  const origins = new Map<string, string>();
  for (const [app, appConfig] of Object.entries(config.apps)) {
    origins.set(new URL(appConfig.baseUrl).origin, app);
    runs.set(app, {
      app,
      status: "not run",
      durationMs: 0,
      accounts: 0,
      groups: 0,
      grants: 0,
      requests: 0,
      retries: 0,
      rateLimited: 0,
      waitedMs: 0,
      endpoints: {},
      tokenRequests: 0,
      latencyP50Ms: 0,
      latencyP99Ms: 0,
    });
  }
  const latencies = new Map([...runs.keys()].map((app) => [app, [] as number[]]));
  const fetch = countingFetch(origins, runs, latencies);
  const targets = Object.entries(config.apps).map(([app, appConfig]) => {
    const tuned: AppConfig =
      input.profile === "tuned" && input.budgets[appConfig.type]
        ? { ...appConfig, rateLimit: input.budgets[appConfig.type] }
        : appConfig;
    return { app, connector: createConnector(app, tuned, { fetch, profile: input.profile }) };
  });

  rmSync(input.sqlitePath, { force: true });
  const store = await openStore({ sqlitePath: input.sqlitePath });
  const profiler = input.profileCpu ? new Profiler() : undefined;
  await profiler?.start();
  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  loopDelay.enable();
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  let wallMs = 0;
  let cpuMs = 0;
  let cpuProfile: string | undefined;
  let stalls: string[] = [];
  try {
    // Stalls: a 5 ms ticker that notes every gap over 100 ms and the progress event that came just before it.
    let lastTick = performance.now();
    let lastProgress = "start";
    const gaps: { ms: number; at: number; during: string }[] = [];
    const ticker = setInterval(() => {
      const now = performance.now();
      if (now - lastTick > 100) gaps.push({ ms: now - lastTick, at: now - started, during: lastProgress });
      lastTick = now;
    }, 5);
    const result = await runSync(store.db, targets, (p) => {
      lastProgress = `${p.app} ${p.listing} page ${p.pages}`;
    });
    clearInterval(ticker);
    stalls = gaps
      .sort((a, b) => b.ms - a.ms)
      .slice(0, 5)
      .map((g) => `${Math.round(g.ms)} ms at ${(g.at / 1000).toFixed(1)} s (last progress: ${g.during})`);
    wallMs = Math.round(performance.now() - started);
    loopDelay.disable();
    const cpu = process.cpuUsage(cpuBefore);
    cpuMs = Math.round((cpu.user + cpu.system) / 1000);
    if (profiler) cpuProfile = summarizeProfile(await profiler.stop(), 30);
    for (const a of result.apps) {
      const run = runs.get(a.app)!;
      const errors = Object.entries(a.listings)
        .filter(([, listing]) => listing.error)
        .map(([name, listing]) => `${name}: ${listing.error}`);
      Object.assign(run, {
        status: a.status,
        durationMs: Math.round(a.durationMs),
        accounts: a.listings.accounts.seen,
        groups: a.listings.groups.seen,
        grants: a.listings.grants.seen,
        requests: a.stats.requests,
        retries: a.stats.retries,
        rateLimited: a.stats.rateLimited,
        waitedMs: Math.round(a.stats.waitedMs),
        latencyP50Ms: percentile(latencies.get(a.app) ?? [], 0.5),
        latencyP99Ms: percentile(latencies.get(a.app) ?? [], 0.99),
        ...(errors.length ? { error: errors.join("; ") } : {}),
      });
    }
  } finally {
    await store.close();
    for (const suffix of ["", "-wal", "-shm"]) rmSync(`${input.sqlitePath}${suffix}`, { force: true });
  }
  return {
    profile: input.profile,
    wallMs,
    apps: [...runs.values()],
    startRssMb,
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    cpuMs,
    loopDelayP99Ms: Math.round(loopDelay.percentile(99) / 1e6),
    loopDelayMaxMs: Math.round(loopDelay.max / 1e6),
    stalls,
    ...(cpuProfile ? { cpuProfile } : {}),
  };
}

function percentile(values: number[], fraction: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)]! * 10) / 10;
}

async function readStdin(): Promise<string> {
  let text = "";
  for await (const chunk of process.stdin) text += (chunk as Buffer).toString();
  return text;
}

const invokedDirectly =
  process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (invokedDirectly) {
  const output = await runSyncOnce(JSON.parse(await readStdin()) as SyncRunInput);
  process.stdout.write(`${JSON.stringify(output)}\n`);
}
