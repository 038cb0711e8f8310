/**
 * Load generator for bench/scim.ts, run as a second process so the client's work does not share the server's
 * event loop: `node --import tsx bench/scim-load.ts '<json options>'`. Opens `connections` concurrent loops of
 * keep-alive requests for `durationMs` (after a short warm-up) and prints one JSON line of figures.
 * Uses `node:http` with a keep-alive agent rather than `fetch`: it costs the client far less CPU, which matters
 * when client and server share two cores.
 */
import { Agent, request as httpRequest } from "node:http";

interface LoadOptions {
  url: string;
  token: string;
  scenario: "filter" | "patch";
  users: number;
  durationMs: number;
  warmupMs: number;
  connections: number;
}

export interface LoadFigures {
  /** Requests completed in the measured window (after warm-up). */
  requests: number;
  /** Requests completed including warm-up (to divide server CPU time by). */
  allRequests: number;
  errors: number;
  seconds: number;
  rps: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

/** Small deterministic generator (mulberry32), so runs pick the same users. */
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
}

async function run(options: LoadOptions): Promise<LoadFigures> {
  const agent = new Agent({ keepAlive: true, maxSockets: options.connections });
  const base = new URL(options.url);
  const send = (method: string, path: string, body?: string): Promise<Reply> =>
    new Promise((resolve, reject) => {
      const headers: Record<string, string | number> = { authorization: `Bearer ${options.token}` };
      if (body !== undefined) {
        headers["content-type"] = "application/scim+json";
        headers["content-length"] = Buffer.byteLength(body);
      }
      const outgoing = httpRequest(
        { host: base.hostname, port: base.port, method, path: `${base.pathname}${path}`, headers, agent },
        (incoming) => {
          incoming.on("data", () => {});
          incoming.on("end", () => resolve({ status: incoming.statusCode ?? 0 }));
          incoming.on("error", reject);
        },
      );
      outgoing.on("error", reject);
      outgoing.end(body);
    });
  const request = (next: () => number): Promise<Reply> => {
    const index = Math.floor(next() * options.users);
    if (options.scenario === "filter") {
      const filter = encodeURIComponent(`userName eq "user${index}@example.com"`);
      return send("GET", `/Users?filter=${filter}&startIndex=1&count=100`);
    }
    return send(
      "PATCH",
      `/Users/user-${index}`,
      JSON.stringify({
        schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
        Operations: [{ op: "replace", path: "title", value: `Title ${Math.floor(next() * 1e6)}` }],
      }),
    );
  };

  const latencies: number[] = [];
  let errors = 0;
  let allRequests = 0;
  const warmupEnds = performance.now() + options.warmupMs;
  const ends = warmupEnds + options.durationMs;

  const loop = async (seed: number) => {
    const next = random(seed);
    while (performance.now() < ends) {
      const started = performance.now();
      let ok = false;
      try {
        const response = await request(next);
        ok = response.status === 200;
      } catch {
        ok = false;
      }
      allRequests++;
      if (started >= warmupEnds) {
        latencies.push(performance.now() - started);
        if (!ok) errors++;
      }
    }
  };
  await Promise.all(Array.from({ length: options.connections }, (_, i) => loop(i + 1)));
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const seconds = options.durationMs / 1000;
  const round = (value: number) => Math.round(value * 100) / 100;
  return {
    requests: latencies.length,
    allRequests,
    errors,
    seconds: round(seconds),
    rps: Math.round(latencies.length / seconds),
    p50Ms: round(percentile(latencies, 0.5)),
    p99Ms: round(percentile(latencies, 0.99)),
    maxMs: round(latencies.at(-1) ?? 0),
  };
}

const argument = process.argv[2];
if (argument) {
  const figures = await run(JSON.parse(argument) as LoadOptions);
  process.stdout.write(`${JSON.stringify(figures)}\n`);
}
