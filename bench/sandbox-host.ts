/**
 * The sandboxes' side of bench/sandboxes.ts and bench/sync.ts, run as its own process so its memory and CPU are its
 * own: generates a world, starts the five sandboxes on 127.0.0.1 (plus, on request, a trivial Hono route as the
 * machine baseline) and prints one JSON line (`HostReady`). Afterwards every line `stats` on stdin is answered with
 * one JSON line of `HostStats` (`stats-after-gc`: `HostMemory` after two full collections); `profile-start` / `profile-stop` take a CPU profile in between and answer
 * `{ "text": <summary> }` on stop; `exit` (or stdin closing) stops it.
 * Run: `node --expose-gc --enable-source-maps --import tsx bench/sandbox-host.ts '<json HostOptions>'`. Its stdout is a pipe read by the
 * parent benchmark only: it carries sandbox credentials (to obtain tokens) and is never printed.
 */
import { createInterface } from "node:readline";
import { Hono } from "hono";
import { startServer } from "../src/sandbox/kit/transport.ts";
import {
  createSandboxes,
  type SandboxConfigOptions,
  sandboxConfigYaml,
  sandboxEndpoints,
  startSandboxes,
} from "../src/sandbox/registry.ts";
import { type AppName, generateWorld, shiftWorldTimes, type World } from "../src/sandbox/world/index.ts";
import { Profiler, summarizeProfile } from "./cpu-profile.ts";
import { type MinimumRequests, minimumRequests } from "./sync-minimum.ts";

export interface HostOptions {
  people: number;
  seed: number;
  /** false: no rate limits (throughput bench); true: the apps' real budgets divided by `timeScale`. */
  rateLimits: boolean;
  timeScale: number;
  /** Also serve a trivial Hono route (machine baseline). */
  baseline: boolean;
  /** Include the roster.yaml for these sandboxes and the minimum request counts (sync bench). */
  sync?: SandboxConfigOptions;
}

/** Records per list, for the load generator to pick pages and offsets from. */
export interface ListSizes {
  productboardMembers: number;
  productivePeople: number;
  productiveUsers: number;
  proofhubPeople: number;
  podioMembers: number;
  doceboUsers: number;
}

export interface HostMemory {
  rssMb: number;
  heapUsedMb: number;
  externalMb: number;
  /** Peak RSS since the process started (includes generating the world). */
  peakRssMb: number;
}

export interface HostReady {
  urls: Record<AppName, string>;
  baselineUrl?: string;
  endpoints: ReturnType<typeof sandboxEndpoints>;
  sizes: ListSizes;
  generateMs: number;
  createMs: number;
  /** Heap the sandboxes added over the loaded world (after GC). */
  sandboxesHeapMb: number;
  /** With the world object still referenced, after GC. */
  withWorld: HostMemory;
  /** World object dropped (only what the sandboxes keep), after GC: the steady state. */
  memory: HostMemory;
  configYaml?: string;
  minimum?: MinimumRequests;
}

export interface HostStats extends HostMemory {
  cpuUserUs: number;
  cpuSystemUs: number;
  /** Requests each sandbox served and their statuses (from its request log). */
  served: Record<AppName, { total: number; byStatus: Record<string, number> }>;
}

const MB = 1_048_576;
const mb = (bytes: number) => Math.round((bytes / MB) * 10) / 10;

function collect(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) {
    gc();
    gc();
  }
}

export function memory(): HostMemory {
  const usage = process.memoryUsage();
  return {
    rssMb: mb(usage.rss),
    heapUsedMb: mb(usage.heapUsed),
    externalMb: mb(usage.external + usage.arrayBuffers),
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  };
}

function listSizes(world: World): ListSizes {
  const { productboard, productive, proofhub, podio, docebo } = world.apps;
  return {
    productboardMembers: productboard.members.length,
    productivePeople: productive.people.length,
    productiveUsers: productive.users.length,
    proofhubPeople: proofhub.people.length,
    podioMembers: podio.members.length,
    doceboUsers: docebo.users.length,
  };
}

/** A JSON array of person-like records of about `bytes` (one record ≈ 200 bytes). */
function staticBody(bytes: number): string {
  const records = [];
  for (let i = 0; records.length * 200 < bytes; i++) {
    records.push({
      id: String(100000 + i),
      first_name: `First${i}`,
      last_name: `Last${i}`,
      email: `first${i}.last${i}@northwind.example`,
      status: "1",
      created_at: "2026-10-08T12:47:57.000Z",
      last_seen_at: "2026-10-30T17:02:11.000Z",
    });
  }
  return JSON.stringify({ data: records });
}

async function main(options: HostOptions): Promise<void> {
  let started = performance.now();
  let world: World | undefined = shiftWorldTimes(
    generateWorld({ people: options.people, seed: options.seed }),
    Date.now(),
  );
  const generateMs = Math.round(performance.now() - started);
  collect();
  const heapBefore = process.memoryUsage().heapUsed;
  started = performance.now();
  const set = createSandboxes(world, { rateLimits: options.rateLimits, timeScale: options.timeScale });
  const createMs = Math.round(performance.now() - started);
  collect();
  const sandboxesHeapMb = mb(process.memoryUsage().heapUsed - heapBefore);
  const withWorld = memory();

  const running = await startSandboxes(set);
  let baselineUrl: string | undefined;
  if (options.baseline) {
    // The same stack (Hono on @hono/node-server) with no work: what this machine allows right now.
    const baseline = new Hono();
    baseline.get("/ping", (c) => c.json({ ok: true }));
    // A pre-serialized JSON body of about `bytes`: the cost of moving a list page's bytes, without building it.
    const bodies = new Map<number, string>();
    baseline.get("/static", (c) => {
      const bytes = Math.min(10_000_000, Math.max(0, Number(c.req.query("bytes")) || 0));
      let body = bodies.get(bytes);
      if (body === undefined) {
        body = staticBody(bytes);
        bodies.set(bytes, body);
      }
      return c.body(body, 200, { "content-type": "application/json; charset=UTF-8" });
    });
    baselineUrl = (await startServer(baseline)).url;
  }
  const ready: HostReady = {
    urls: running.urls,
    ...(baselineUrl ? { baselineUrl } : {}),
    endpoints: sandboxEndpoints(world, running.urls),
    sizes: listSizes(world),
    generateMs,
    createMs,
    sandboxesHeapMb,
    withWorld,
    memory: withWorld,
    ...(options.sync
      ? {
          configYaml: sandboxConfigYaml(world, running.urls, options.sync),
          minimum: minimumRequests(world),
        }
      : {}),
  };
  world = undefined;
  collect();
  ready.memory = memory();
  process.stdout.write(`${JSON.stringify(ready)}\n`);

  const lines = createInterface({ input: process.stdin });
  const profiler = new Profiler();
  const answer = (value: unknown) => process.stdout.write(`${JSON.stringify(value)}\n`);
  for await (const line of lines) {
    const command = line.trim();
    if (command === "exit") break;
    if (command === "profile-start") {
      await profiler.start();
      answer({ started: true });
    }
    if (command === "profile-stop") answer({ text: summarizeProfile(await profiler.stop()) });
    if (command === "stats-after-gc") {
      collect();
      answer(memory());
    }
    if (command === "stats") {
      const cpu = process.cpuUsage();
      const served = Object.fromEntries(
        Object.entries(set).map(([name, sandbox]) => [name, sandbox.ctx.log.summary()]),
      ) as HostStats["served"];
      const stats: HostStats = { ...memory(), cpuUserUs: cpu.user, cpuSystemUs: cpu.system, served };
      answer(stats);
    }
  }
  await running.close();
  process.exit(0);
}

const argument = process.argv[2];
if (argument) await main(JSON.parse(argument) as HostOptions);
