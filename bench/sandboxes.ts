/**
 * Sandbox throughput and memory (issue: with a 100,000-person world loaded, each sandbox serves list pages at
 * ≥ 2,000 requests/s on this 2-core machine with rate limits off, and all five together hold < 500 MB RSS).
 *
 * Process 1 (bench/sandbox-host.ts) generates the world, starts the five sandboxes with `rateLimits: false` and a
 * trivial Hono route (the machine baseline), and reports its memory and CPU time. Process 2 (bench/list-load.ts,
 * one run per scenario) drives keep-alive GETs of list pages at random pages/offsets against one sandbox at a
 * time, at the app's largest page size and at its default page size. This process only prepares (tokens,
 * Productboard cursors) and reports.
 * Run directly: `node --import tsx bench/sandboxes.ts [people] [durationMs] [connections]`.
 */
import { pathToFileURL } from "node:url";
import { runScript, ScriptSession } from "./child-process.ts";
import type { ListLoadFigures, ListLoadOptions } from "./list-load.ts";
import type { BenchResult } from "./result.ts";
import type { HostMemory, HostOptions, HostReady, HostStats } from "./sandbox-host.ts";

export interface SandboxBenchOptions {
  people: number;
  seed: number;
  durationMs: number;
  connections: number;
  /** Only these apps (default all five). */
  apps?: string[];
  /** Profile the sandbox process during each scenario and print where its time went. */
  profile?: boolean;
}

/** The issue's goals. */
export const SANDBOX_GOAL_RPS = 2000;
export const SANDBOX_RSS_LIMIT_MB = 500;

interface Scenario {
  app: string;
  name: string;
  origin: string;
  headers: Record<string, string>;
  paths: string[];
  pageSize: string;
}

const range = (count: number) => Array.from({ length: Math.max(1, count) }, (_, i) => i);
const pagesOf = (records: number, size: number) => range(Math.ceil(records / size));

async function postForm(url: string, fields: Record<string, string>): Promise<{ access_token: string }> {
  const response = await fetch(url, { method: "POST", body: new URLSearchParams(fields) });
  if (!response.ok) throw new Error(`token request to ${new URL(url).pathname} answered ${response.status}`);
  return (await response.json()) as { access_token: string };
}

/** Every page cursor of the member list, by walking it once (cursors are opaque). */
async function productboardPages(origin: string, headers: Record<string, string>): Promise<string[]> {
  const paths: string[] = [];
  let next: string | null = `${origin}/v2/members?includeDisabled=true&includeInvited=true`;
  while (next) {
    const url: URL = new URL(next);
    paths.push(`${url.pathname}${url.search}`);
    const response = await fetch(url, { headers });
    if (!response.ok) throw new Error(`productboard: GET /v2/members answered ${response.status}`);
    next = ((await response.json()) as { links: { next: string | null } }).links.next;
  }
  return paths;
}

async function scenarios(ready: HostReady): Promise<Scenario[]> {
  const { endpoints: e, sizes, urls } = ready;
  const list: Scenario[] = [];

  const pb = { Authorization: `Bearer ${e.productboard.restToken}` };
  list.push({
    app: "productboard",
    name: "GET /v2/members (cursor)",
    origin: urls.productboard,
    headers: pb,
    paths: await productboardPages(urls.productboard, pb),
    pageSize: "100 (fixed: default = max)",
  });

  const productive = { "X-Auth-Token": e.productive.token, "X-Organization-Id": e.productive.organizationId };
  const people = "/api/v2/people";
  list.push(
    {
      app: "productive",
      name: `GET ${people}`,
      origin: urls.productive,
      headers: productive,
      paths: pagesOf(sizes.productivePeople, 200).map(
        (p) => `${people}?page[number]=${p + 1}&page[size]=200`,
      ),
      pageSize: "200 (max)",
    },
    {
      app: "productive",
      name: `GET ${people}`,
      origin: urls.productive,
      headers: productive,
      paths: pagesOf(sizes.productivePeople, 30).map((p) => `${people}?page[number]=${p + 1}`),
      pageSize: "30 (default)",
    },
  );

  const proofhub = { "X-API-KEY": e.proofhub.apiKey, "User-Agent": "roster-bench (bench@example.com)" };
  list.push(
    {
      app: "proofhub",
      name: "GET /api/v3/people",
      origin: urls.proofhub,
      headers: proofhub,
      paths: pagesOf(sizes.proofhubPeople, 100).map((p) => `/api/v3/people?start=${p * 100}&limit=100`),
      pageSize: "100 (max)",
    },
    {
      app: "proofhub",
      name: "GET /api/v3/people",
      origin: urls.proofhub,
      headers: proofhub,
      paths: pagesOf(sizes.proofhubPeople, 25).map((p) => `/api/v3/people?start=${p * 25}`),
      pageSize: "25 (default)",
    },
  );

  const podioToken = await postForm(`${urls.podio}/oauth/token`, {
    grant_type: "password",
    client_id: e.podio.clientId,
    client_secret: e.podio.clientSecret,
    username: e.podio.username,
    password: e.podio.password,
  });
  const podio = { Authorization: `OAuth2 ${podioToken.access_token}` };
  const members = `/org/${e.podio.orgId}/member/`;
  list.push(
    {
      app: "podio",
      name: "GET /org/{id}/member/",
      origin: urls.podio,
      headers: podio,
      paths: pagesOf(sizes.podioMembers, 100).map((p) => `${members}?limit=100&offset=${p * 100}`),
      pageSize: "100 (max)",
    },
    {
      app: "podio",
      name: "GET /org/{id}/member/",
      origin: urls.podio,
      headers: podio,
      paths: pagesOf(sizes.podioMembers, 20).map((p) => `${members}?offset=${p * 20}`),
      pageSize: "20 (default)",
    },
  );

  const doceboToken = await postForm(`${urls.docebo}/oauth2/token`, {
    grant_type: "client_credentials",
    client_id: e.docebo.clientId,
    client_secret: e.docebo.clientSecret,
    scope: "api",
  });
  list.push({
    app: "docebo",
    name: "GET /manage/v1/user",
    origin: urls.docebo,
    headers: { Authorization: `Bearer ${doceboToken.access_token}` },
    paths: pagesOf(sizes.doceboUsers, 200).map((p) => `/manage/v1/user?page=${p + 1}&page_size=200`),
    pageSize: "200 (default = max)",
  });
  return list;
}

const ratio = (value: number, goal: number) => Math.round((value / goal) * 100) / 100;

export async function runSandboxBench(opts: SandboxBenchOptions): Promise<BenchResult[]> {
  const hostOptions: HostOptions = {
    people: opts.people,
    seed: opts.seed,
    rateLimits: false,
    timeScale: 1,
    baseline: true,
  };
  const host = await ScriptSession.start<HostReady>("sandbox-host.ts", {
    nodeFlags: ["--expose-gc", "--enable-source-maps"],
    args: [JSON.stringify(hostOptions)],
  });
  const results: BenchResult[] = [];
  try {
    const ready = host.ready;
    const all = await scenarios(ready);
    const chosen = opts.apps?.length ? all.filter((s) => opts.apps!.includes(s.app)) : all;
    const baseline: Scenario = {
      app: "baseline",
      name: "trivial Hono GET /ping (same stack, same machine, same moment)",
      origin: ready.baselineUrl!,
      headers: {},
      paths: ["/ping"],
      pageSize: "-",
    };
    // Moving a page's bytes without building it: what the transport alone costs at the size of a big page.
    const staticBody: Scenario = {
      app: "baseline",
      name: "pre-serialized 100 KB JSON body (transport cost of a big page)",
      origin: ready.baselineUrl!,
      headers: {},
      paths: ["/static?bytes=100000"],
      pageSize: "-",
    };
    let seed = 0;
    const measure = async (scenario: Scenario, durationMs: number, warmupMs = 500) => {
      const profiled = opts.profile === true && scenario.app !== "baseline";
      if (profiled) await host.ask("profile-start");
      const before = await host.ask<HostStats>("stats");
      const load: ListLoadOptions = {
        origin: scenario.origin,
        paths: scenario.paths,
        headers: scenario.headers,
        durationMs,
        warmupMs,
        connections: opts.connections,
        seed: ++seed,
      };
      const figures = await runScript<ListLoadFigures>("list-load.ts", { input: JSON.stringify(load) });
      const after = await host.ask<HostStats>("stats");
      const profile = profiled ? (await host.ask<{ text: string }>("profile-stop")).text : undefined;
      const cpuUs = after.cpuUserUs + after.cpuSystemUs - before.cpuUserUs - before.cpuSystemUs;
      // Server CPU per request: what a request costs the sandbox process. 1e6 / this is the rate one fully
      // available core would sustain (contention inflates it somewhat, far less than it cuts req/s).
      const cpuPerRequest = Math.round(cpuUs / Math.max(1, figures.allRequests));
      return { figures, cpuPerRequest, profile };
    };
    const row = (scenario: Scenario, m: Awaited<ReturnType<typeof measure>>): BenchResult => ({
      name: `${scenario.app === "baseline" ? "baseline" : `sandbox ${scenario.app}`}: ${scenario.name}`,
      figures: {
        pageSize: scenario.pageSize,
        pagesWalked: scenario.paths.length,
        connections: opts.connections,
        rps: m.figures.rps,
        p50Ms: m.figures.p50Ms,
        p99Ms: m.figures.p99Ms,
        errors: m.figures.errors,
        ...(m.figures.firstError ? { firstError: m.figures.firstError } : {}),
        meanKb: Math.round(m.figures.meanBytes / 102.4) / 10,
        serverCpuUsPerRequest: m.cpuPerRequest,
        oneCoreCapacityRps: Math.round(1e6 / Math.max(1, m.cpuPerRequest)),
      },
      ...(m.profile
        ? { text: `CPU profile of the sandbox process during this scenario:\n${m.profile}` }
        : {}),
    });

    const first = await measure(baseline, Math.min(opts.durationMs, 2000));
    results.push(row(baseline, first));
    for (const scenario of chosen) {
      // A short baseline right before each scenario: the machine's load changes by the second.
      const nearby = await measure(baseline, 1000, 300);
      const m = await measure(scenario, opts.durationMs);
      const result = row(scenario, m);
      result.figures.baselineRpsJustBefore = nearby.figures.rps;
      result.figures.vsBaseline = ratio(m.figures.rps, nearby.figures.rps);
      result.checks = [
        {
          label: "req/s vs goal",
          value: m.figures.rps,
          limit: SANDBOX_GOAL_RPS,
          unit: "req/s",
          higherIsBetter: true,
        },
      ];
      results.push(result);
    }
    results.push(row(staticBody, await measure(staticBody, Math.min(opts.durationMs, 2000))));
    const last = await measure(baseline, Math.min(opts.durationMs, 2000));
    results.push(row(baseline, last));
    const baselineRps = [first.figures.rps, last.figures.rps];
    const end = await host.ask<HostStats>("stats");
    // What the sandboxes really keep (fragment caches included) once the load's garbage is collected.
    const kept = await host.ask<HostMemory>("stats-after-gc");
    results.push({
      name: `sandbox process memory (${opts.people.toLocaleString("en")}-person world, five sandboxes)`,
      figures: {
        generateWorldMs: ready.generateMs,
        createSandboxesMs: ready.createMs,
        sandboxesHeapOverWorldMb: ready.sandboxesHeapMb,
        rssWithWorldObjectMb: ready.withWorld.rssMb,
        rssLoadedMb: ready.memory.rssMb,
        heapUsedLoadedMb: ready.memory.heapUsedMb,
        rssAfterLoadMb: end.rssMb,
        heapUsedAfterLoadMb: end.heapUsedMb,
        rssAfterLoadAndGcMb: kept.rssMb,
        heapUsedAfterLoadAndGcMb: kept.heapUsedMb,
        peakRssMb: end.peakRssMb,
        baselineRpsStart: baselineRps[0] ?? 0,
        baselineRpsEnd: baselineRps[1] ?? 0,
      },
      checks: [
        { label: "RSS after load vs limit", value: end.rssMb, limit: SANDBOX_RSS_LIMIT_MB, unit: "MB" },
      ],
    });
  } finally {
    await host.close();
  }
  return results;
}

const invokedDirectly =
  process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (invokedDirectly) {
  const { printResults } = await import("./result.ts");
  const [people = "100000", durationMs = "3000", connections = "16"] = process.argv.slice(2);
  printResults(
    await runSandboxBench({
      people: Number(people),
      seed: 1,
      durationMs: Number(durationMs),
      connections: Number(connections),
    }),
  );
}
