/**
 * Load generator for bench/sandboxes.ts, run as a second process so the client's work does not share the
 * sandboxes' event loop: `node --import tsx bench/list-load.ts` with one JSON `ListLoadOptions` on stdin (the page
 * list can be long, and it carries an auth header: neither belongs on a command line). Opens `connections`
 * concurrent loops of keep-alive GETs, each to a random path of `paths`, for `durationMs` after a warm-up, and
 * prints one JSON line of `ListLoadFigures`. `node:http` with a keep-alive agent, not `fetch`: far less client
 * CPU, which matters when client and server share two cores.
 */
import { Agent, request as httpRequest } from "node:http";
import { pathToFileURL } from "node:url";

export interface ListLoadOptions {
  /** Origin of the server, e.g. `http://127.0.0.1:41234`. */
  origin: string;
  /** Path plus query of each request; picked at random (seeded) per request. */
  paths: string[];
  headers: Record<string, string>;
  durationMs: number;
  warmupMs: number;
  connections: number;
  seed?: number;
}

export interface ListLoadFigures {
  /** Requests completed in the measured window (after warm-up). */
  requests: number;
  /** Including warm-up: to divide the server's CPU time by. */
  allRequests: number;
  /** Answers other than 200, and transport errors, in the measured window. */
  errors: number;
  /** First non-200 status seen, to say what went wrong. */
  firstError?: string;
  seconds: number;
  rps: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Mean response body size. */
  meanBytes: number;
}

/** Small deterministic generator (mulberry32), so runs pick the same pages. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function percentile(sorted: number[], fraction: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)]!;
}

interface Reply {
  status: number;
  bytes: number;
}

export async function runListLoad(options: ListLoadOptions): Promise<ListLoadFigures> {
  if (options.paths.length === 0) throw new Error("list-load: no paths to request");
  const agent = new Agent({ keepAlive: true, maxSockets: options.connections });
  const origin = new URL(options.origin);
  const get = (path: string): Promise<Reply> =>
    new Promise((resolve, reject) => {
      const outgoing = httpRequest(
        { host: origin.hostname, port: origin.port, method: "GET", path, headers: options.headers, agent },
        (incoming) => {
          let bytes = 0;
          incoming.on("data", (chunk: Buffer) => {
            bytes += chunk.length;
          });
          incoming.on("end", () => resolve({ status: incoming.statusCode ?? 0, bytes }));
          incoming.on("error", reject);
        },
      );
      outgoing.on("error", reject);
      outgoing.end();
    });

  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  let allRequests = 0;
  let bytes = 0;
  const warmupEnds = performance.now() + options.warmupMs;
  const ends = warmupEnds + options.durationMs;

  const loop = async (seed: number) => {
    const next = random(seed);
    while (performance.now() < ends) {
      const path = options.paths[Math.floor(next() * options.paths.length)]!;
      const started = performance.now();
      let reply: Reply | undefined;
      let failure: string | undefined;
      try {
        reply = await get(path);
        if (reply.status !== 200) failure = `HTTP ${reply.status} on ${path.split("?")[0]}`;
      } catch (error) {
        failure = (error as Error).message;
      }
      allRequests++;
      if (started >= warmupEnds) {
        latencies.push(performance.now() - started);
        bytes += reply?.bytes ?? 0;
        if (failure) {
          errors++;
          firstError ??= failure;
        }
      }
    }
  };
  const base = options.seed ?? 1;
  await Promise.all(Array.from({ length: options.connections }, (_, i) => loop(base * 1000 + i + 1)));
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const seconds = options.durationMs / 1000;
  const round = (value: number) => Math.round(value * 100) / 100;
  return {
    requests: latencies.length,
    allRequests,
    errors,
    ...(firstError ? { firstError } : {}),
    seconds: round(seconds),
    rps: Math.round(latencies.length / seconds),
    p50Ms: round(percentile(latencies, 0.5)),
    p99Ms: round(percentile(latencies, 0.99)),
    maxMs: round(latencies.at(-1) ?? 0),
    meanBytes: Math.round(bytes / Math.max(1, latencies.length)),
  };
}

async function readStdin(): Promise<string> {
  let text = "";
  for await (const chunk of process.stdin) text += (chunk as Buffer).toString();
  return text;
}

const invokedDirectly =
  process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (invokedDirectly) {
  const figures = await runListLoad(JSON.parse(await readStdin()) as ListLoadOptions);
  process.stdout.write(`${JSON.stringify(figures)}\n`);
}
