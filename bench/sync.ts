/**
 * Sync efficiency (issue: on a 10,000-person world with the sandboxes' real rate limits scaled by a stated factor —
 * requests used ÷ the minimum possible, goal 1.00; wall time ÷ the rate-limit floor, goal ≤ 1.10; 429/420 answers
 * when the budget is known, goal 0; peak RSS of the sync process; and a naive baseline in the same run).
 *
 * Process 1 (bench/sandbox-host.ts) serves the five sandboxes with their real budgets, every window divided by
 * `timeScale`, and computes the minimum requests from the world. Process 2 (bench/sync-run.ts), once per profile,
 * builds the connectors from the sandboxes' roster.yaml and runs `runSync` into a fresh SQLite file:
 * - tuned: the connectors as shipped, told the apps' budgets in the scaled time (`rateLimit`);
 * - naive: default page sizes, one request at a time, no pacing — it learns of a limit from a 429/420 and waits
 *   what the server says (`Retry-After`), the way a simple client does.
 * The sandboxes' rate-limit counters and request logs are reset between the runs.
 * Run directly: `node --import tsx bench/sync.ts [people] [timeScale]`.
 */
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { runScript, ScriptSession } from "./child-process.ts";
import type { BenchResult } from "./result.ts";
import type { HostOptions, HostReady, HostStats } from "./sandbox-host.ts";
import type { EndpointMinimum } from "./sync-minimum.ts";
import type { AppRun, SyncProfile, SyncRunInput, SyncRunOutput } from "./sync-run.ts";

export interface SyncBenchOptions {
  people: number;
  seed: number;
  /** Divides every rate-limit window (and token lifetime) of the sandboxes; the limits stay the apps' own. */
  timeScale: number;
  profiles: SyncProfile[];
  /** Only these apps (default all five): one app alone shows its pacing without the others' load. */
  apps?: string[];
  /** Profile the sync process (CPU) and print where its time went. */
  profile?: boolean;
}

interface RateWindow {
  limit: number;
  windowMs: number;
}

/**
 * The sandboxes' default budgets, real time (docs/sandbox/<app>.md; the same numbers as src/connectors). Productboard:
 * per token, and the REST and SCIM tokens are separate budgets.
 */
export const APP_BUDGETS: Record<string, RateWindow[]> = {
  productboard: [{ limit: 50, windowMs: 1000 }],
  productive: [
    { limit: 100, windowMs: 10_000 },
    { limit: 4000, windowMs: 1_800_000 },
  ],
  proofhub: [{ limit: 25, windowMs: 10_000 }],
  podio: [{ limit: 1000, windowMs: 3_600_000 }],
  docebo: [{ limit: 1000, windowMs: 3_600_000 }],
};

export const SYNC_GOALS = { requestsRatio: 1.0, floorRatio: 1.1, rateLimited: 0 };

const scaled = (windows: RateWindow[], timeScale: number) =>
  windows.map((w) => ({ limit: w.limit, windowMs: Math.max(1, Math.round(w.windowMs / timeScale)) }));

/** The floor: requests ÷ allowed rate, in the binding (slowest) window. */
export function steadyFloorMs(requests: number, windows: RateWindow[]): number {
  return Math.max(0, ...windows.map((w) => (requests * w.windowMs) / w.limit));
}

/**
 * The least time any client can take against fixed windows that open at its first request: the last request can
 * go at the start of window floor((requests − 1) ÷ limit). 0 when every request fits in the first window.
 */
export function burstFloorMs(requests: number, windows: RateWindow[]): number {
  if (requests <= 0) return 0;
  return Math.max(0, ...windows.map((w) => Math.floor((requests - 1) / w.limit) * w.windowMs));
}

/** Budget groups of one app: Productboard's SCIM token has its own budget beside the REST token's. */
function budgetKey(app: string, endpoint: string): string {
  return app === "productboard" && endpoint.includes(" /scim/") ? "scim" : "api";
}

interface AppFigures {
  app: string;
  status: string;
  requests: number;
  minimum: number;
  wallMs: number;
  steadyFloorMs: number;
  burstFloorMs: number;
  rateLimited: number;
  tokenRequests: number;
  latency: string;
  records: string;
  extra: string[];
  error?: string;
}

type Served = HostStats["served"][keyof HostStats["served"]];

function appFigures(
  run: AppRun,
  minimum: EndpointMinimum[],
  windows: RateWindow[],
  served: Served | undefined,
) {
  const mine = minimum.filter((m) => m.app === run.app);
  const requests = Object.values(run.endpoints).reduce((sum, e) => sum + e.requests, 0);
  const perKey = new Map<string, number>();
  for (const [endpoint, count] of Object.entries(run.endpoints)) {
    const key = budgetKey(run.app, endpoint);
    perKey.set(key, (perKey.get(key) ?? 0) + count.requests);
  }
  const keys = [...perKey.values()];
  // What differs from the minimum, endpoint by endpoint (and endpoints the minimum does not know).
  const extra: string[] = [];
  const labels = new Set([...mine.map((m) => m.endpoint), ...Object.keys(run.endpoints)]);
  for (const label of labels) {
    const used = run.endpoints[label]?.requests ?? 0;
    const least = mine.find((m) => m.endpoint === label)?.minimum ?? 0;
    if (used !== least) extra.push(`${label}: ${used} vs minimum ${least}`);
  }
  const refused = (served?.byStatus["429"] ?? 0) + (served?.byStatus["420"] ?? 0);
  const figures: AppFigures = {
    app: run.app,
    status: run.status,
    requests,
    minimum: mine.reduce((sum, m) => sum + m.minimum, 0),
    wallMs: run.durationMs,
    steadyFloorMs: Math.max(0, ...keys.map((n) => steadyFloorMs(n, windows))),
    burstFloorMs: Math.max(0, ...keys.map((n) => burstFloorMs(n, windows))),
    rateLimited: Math.max(refused, run.rateLimited),
    tokenRequests: run.tokenRequests,
    latency: `${run.latencyP50Ms}/${run.latencyP99Ms}ms`,
    records: `${run.accounts}/${run.groups}/${run.grants}`,
    extra,
    ...(run.error ? { error: run.error } : {}),
  };
  return figures;
}

const round2 = (value: number) => Math.round(value * 100) / 100;
const seconds = (ms: number) => round2(ms / 1000);

async function admin(url: string, method: string, path: string): Promise<Response> {
  const response = await fetch(`${url}/_sandbox${path}`, { method });
  if (!response.ok) throw new Error(`${method} ${url}/_sandbox${path} answered ${response.status}`);
  return response;
}

export async function runSyncBench(opts: SyncBenchOptions): Promise<BenchResult[]> {
  const hostOptions: HostOptions = {
    people: opts.people,
    seed: opts.seed,
    rateLimits: true,
    timeScale: opts.timeScale,
    baseline: false,
    sync: {},
  };
  const host = await ScriptSession.start<HostReady>("sandbox-host.ts", {
    nodeFlags: ["--expose-gc"],
    args: [JSON.stringify(hostOptions)],
  });
  const results: BenchResult[] = [];
  const runs = new Map<SyncProfile, { output: SyncRunOutput; apps: AppFigures[]; hostCpuMs: number }>();
  try {
    const { urls, configYaml = "" } = host.ready;
    const minimum = (host.ready.minimum ?? []).filter((m) => !opts.apps?.length || opts.apps.includes(m.app));
    const budgets = Object.fromEntries(
      Object.entries(APP_BUDGETS).map(([app, windows]) => [app, scaled(windows, opts.timeScale)]),
    );
    for (const profile of opts.profiles) {
      for (const url of Object.values(urls)) {
        await admin(url, "POST", "/rate-limits/reset");
        await admin(url, "DELETE", "/requests");
      }
      const input: SyncRunInput = {
        configYaml,
        profile,
        budgets,
        sqlitePath: join(tmpdir(), `roster-bench-sync-${process.pid}-${profile}.db`),
        ...(opts.profile ? { profileCpu: true } : {}),
        ...(opts.apps?.length ? { apps: opts.apps } : {}),
      };
      const hostBefore = await host.ask<HostStats>("stats");
      const output = await runScript<SyncRunOutput>("sync-run.ts", {
        nodeFlags: ["--enable-source-maps"],
        input: JSON.stringify(input),
      });
      const hostAfter = await host.ask<HostStats>("stats");
      const served = hostAfter.served;
      const hostCpuMs =
        (hostAfter.cpuUserUs + hostAfter.cpuSystemUs - hostBefore.cpuUserUs - hostBefore.cpuSystemUs) / 1000;
      const apps = output.apps.map((run) =>
        appFigures(run, minimum, budgets[run.app] ?? [], served[run.app as keyof typeof served]),
      );
      runs.set(profile, { output, apps, hostCpuMs });
    }

    results.push({
      name: `sync: minimum requests for the ${opts.people.toLocaleString("en")}-person world (Σ pages at the largest page size)`,
      figures: {},
      text: minimum
        .map(
          (m) =>
            `${m.app.padEnd(12)} ${m.endpoint.padEnd(36)} lists=${m.lists} records=${m.records} pageSize=${m.pageSize} minimum=${m.minimum}`,
        )
        .join("\n"),
    });
    for (const [profile, { output, apps, hostCpuMs }] of runs) {
      const requests = apps.reduce((sum, a) => sum + a.requests, 0);
      const least = apps.reduce((sum, a) => sum + a.minimum, 0);
      const refused = apps.reduce((sum, a) => sum + a.rateLimited, 0);
      const floor = Math.max(...apps.map((a) => a.burstFloorMs));
      const steady = Math.max(...apps.map((a) => a.steadyFloorMs));
      const bound = apps.reduce((worst, a) => (a.burstFloorMs > worst.burstFloorMs ? a : worst), apps[0]!);
      const wall = Math.max(...apps.map((a) => a.wallMs));
      const lines = apps.map((a) =>
        [
          `${a.app.padEnd(12)} ${a.status.padEnd(9)}`,
          `records(acc/grp/grant)=${a.records}`,
          `requests=${a.requests} minimum=${a.minimum} ratio=${round2(a.requests / Math.max(1, a.minimum))}`,
          `wall=${seconds(a.wallMs)}s burstFloor=${seconds(a.burstFloorMs)}s steadyFloor=${seconds(a.steadyFloorMs)}s`,
          a.burstFloorMs > 0
            ? `wall/burstFloor=${round2(a.wallMs / a.burstFloorMs)}`
            : "not rate-bound (every request fits in the first window)",
          `wall/steadyFloor=${round2(a.wallMs / Math.max(1, a.steadyFloorMs))}`,
          `429/420=${a.rateLimited} tokens=${a.tokenRequests} latency(p50/p99)=${a.latency}`,
          ...(a.extra.length ? [`\n${" ".repeat(14)}off the minimum: ${a.extra.join("; ")}`] : []),
          ...(a.error ? [`\n${" ".repeat(14)}error: ${a.error}`] : []),
        ].join(" "),
      );
      results.push({
        name: `sync (${profile}): ${opts.people.toLocaleString("en")} people, real budgets, timeScale ${opts.timeScale}`,
        figures: {
          requests,
          minimum: least,
          rateLimited: refused,
          wallS: seconds(wall),
          burstFloorS: seconds(floor),
          bindingApp: floor > 0 ? bound.app : "none",
          steadyFloorS: seconds(steady),
          syncProcessWallS: seconds(output.wallMs),
          syncProcessCpuS: seconds(output.cpuMs),
          sandboxProcessCpuS: seconds(hostCpuMs),
          syncLoopDelayP99Ms: output.loopDelayP99Ms,
          syncLoopDelayMaxMs: output.loopDelayMaxMs,
          startRssMb: output.startRssMb,
          peakRssMb: output.peakRssMb,
        },
        checks: [
          {
            label: "requests ÷ minimum",
            value: round2(requests / Math.max(1, least)),
            limit: SYNC_GOALS.requestsRatio,
            unit: "",
          },
          ...(floor > 0
            ? [
                {
                  label: "wall ÷ rate-limit floor (burst-aware)",
                  value: round2(wall / floor),
                  limit: SYNC_GOALS.floorRatio,
                  unit: "",
                },
              ]
            : []),
          {
            label: "wall ÷ steady floor (requests ÷ allowed rate)",
            value: round2(wall / Math.max(1, steady)),
            limit: SYNC_GOALS.floorRatio,
            unit: "",
          },
          ...(profile === "tuned"
            ? [{ label: "429/420 received", value: refused, limit: SYNC_GOALS.rateLimited, unit: "" }]
            : []),
        ],
        text: [
          ...lines,
          ...(output.stalls.length
            ? [`longest event-loop stalls of the sync: ${output.stalls.join("; ")}`]
            : []),
          ...(output.cpuProfile ? [`CPU profile of the sync process:`, output.cpuProfile] : []),
        ].join("\n"),
      });
    }
    const tuned = runs.get("tuned");
    const naive = runs.get("naive");
    if (tuned && naive) {
      const total = (apps: AppFigures[], key: "requests" | "rateLimited") =>
        apps.reduce((s, a) => s + a[key], 0);
      const wall = (r: { output: SyncRunOutput; apps: AppFigures[] }) =>
        Math.max(...r.apps.map((a) => a.wallMs));
      results.push({
        name: "sync: tuned vs naive baseline (same sandboxes, same run)",
        figures: {
          requestsNaiveOverTuned: round2(
            total(naive.apps, "requests") / Math.max(1, total(tuned.apps, "requests")),
          ),
          wallNaiveOverTuned: round2(wall(naive) / Math.max(1, wall(tuned))),
          rateLimitedTuned: total(tuned.apps, "rateLimited"),
          rateLimitedNaive: total(naive.apps, "rateLimited"),
          peakRssTunedMb: tuned.output.peakRssMb,
          peakRssNaiveMb: naive.output.peakRssMb,
        },
        text: tuned.apps
          .map((t) => {
            const n = naive.apps.find((a) => a.app === t.app);
            if (!n) return `${t.app}: no naive run`;
            return `${t.app.padEnd(12)} requests ${n.requests}/${t.requests} = ${round2(n.requests / Math.max(1, t.requests))}×  wall ${seconds(n.wallMs)}s/${seconds(t.wallMs)}s = ${round2(n.wallMs / Math.max(1, t.wallMs))}×  429/420 ${n.rateLimited} vs ${t.rateLimited}`;
          })
          .join("\n"),
      });
    }
  } finally {
    await host.close();
  }
  return results;
}

const invokedDirectly =
  process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (invokedDirectly) {
  const { printResults } = await import("./result.ts");
  const [people = "10000", timeScale = "1"] = process.argv.slice(2);
  printResults(
    await runSyncBench({
      people: Number(people),
      seed: 1,
      timeScale: Number(timeScale),
      profiles: ["tuned", "naive"],
    }),
  );
}
