/**
 * SCIM engine benchmark: the engine over MemoryScimStore with N users, served on a real port in this process,
 * loaded from a second process (bench/scim-load.ts) with concurrent keep-alive clients.
 *   GET /Users?filter=userName eq "..."   (the IdP existence check; index lookup + derived groups)
 *   PATCH /Users/{id}                     (single-user replace of one attribute)
 * plus a baseline (a trivial Hono route on the same stack) to read the figures against on a shared machine.
 * Run directly: `node --import tsx bench/scim.ts [users] [durationMs] [connections]`.
 */
import { spawn } from "node:child_process";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Hono } from "hono";
import { startServer } from "../src/sandbox/kit/transport.ts";
import { createScimApp, MemoryScimStore, tokenMatcher, USER_SCHEMA } from "../src/scim/index.ts";
import type { LoadFigures } from "./scim-load.ts";

export interface ScimBenchOptions {
  users: number;
  durationMs: number;
  connections: number;
}

export interface BenchResult {
  name: string;
  figures: Record<string, number | string>;
}

const TOKEN = "bench-token";
const LOAD_SCRIPT = fileURLToPath(new URL("./scim-load.ts", import.meta.url));

/** Fills a store with `count` users shaped as the engine stores them (ids `user-<i>` so the load can address them). */
export async function seedUsers(store: MemoryScimStore, count: number): Promise<void> {
  const created = "2026-11-01T00:00:00.000Z";
  for (let i = 0; i < count; i++) {
    const id = `user-${i}`;
    await store.create("User", {
      schemas: [USER_SCHEMA],
      id,
      externalId: `ext-${i}`,
      userName: `user${i}@example.com`,
      name: { givenName: `Given${i}`, familyName: `Family${i}` },
      displayName: `User ${i}`,
      active: true,
      emails: [{ value: `user${i}@example.com`, type: "work", primary: true }],
      meta: { resourceType: "User", created, lastModified: created, location: "", version: 'W/"1"' },
    });
  }
}

function runLoad(options: Record<string, unknown>): Promise<LoadFigures> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", LOAD_SCRIPT, JSON.stringify(options)], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.on("error", reject);
    child.on("exit", (code) => {
      if (code !== 0) return reject(new Error(`bench/scim-load.ts exited with ${code}`));
      try {
        resolve(JSON.parse(output.trim().split("\n").at(-1) ?? "") as LoadFigures);
      } catch (error) {
        reject(error);
      }
    });
  });
}

export async function runScimBench(opts: ScimBenchOptions): Promise<BenchResult[]> {
  const store = new MemoryScimStore();
  const seedStarted = performance.now();
  await seedUsers(store, opts.users);
  const seedMs = Math.round(performance.now() - seedStarted);
  const app = new Hono();
  app.route("/scim/v2", createScimApp({ store, authenticate: tokenMatcher([TOKEN]), maxResults: 1000 }));
  const server = await startServer(app);
  // A trivial route on the same stack: what the machine allows at this moment, to read the figures against.
  const baselineApp = new Hono();
  baselineApp.get("/scim/v2/Users", (c) =>
    c.json({ totalResults: 0, itemsPerPage: 0, startIndex: 1, Resources: [] }),
  );
  const baseline = await startServer(baselineApp);
  const rssMb = Math.round(process.memoryUsage().rss / 1_048_576);
  const results: BenchResult[] = [];
  try {
    const scenarios = [
      ["filter", 'scim GET /Users?filter=userName eq "..."', server.url, opts.durationMs],
      ["patch", "scim PATCH /Users/{id} (replace title)", server.url, opts.durationMs],
      [
        "filter",
        "baseline: trivial Hono GET on the same machine",
        baseline.url,
        Math.min(opts.durationMs, 2000),
      ],
    ] as const;
    for (const [scenario, name, url, durationMs] of scenarios) {
      const cpuBefore = process.cpuUsage();
      const { allRequests, ...figures } = await runLoad({
        url: `${url}/scim/v2`,
        token: TOKEN,
        scenario,
        users: opts.users,
        durationMs,
        warmupMs: Math.min(500, Math.round(opts.durationMs / 5)),
        connections: opts.connections,
      });
      const cpu = process.cpuUsage(cpuBefore);
      results.push({
        name,
        figures: {
          users: opts.users,
          connections: opts.connections,
          ...figures,
          // Server CPU per request: the engine's cost independent of how busy the machine is.
          serverCpuUsPerRequest: Math.round((cpu.user + cpu.system) / Math.max(allRequests, 1)),
          seedMs,
          serverRssMb: rssMb,
        },
      });
    }
  } finally {
    await server.close();
    await baseline.close();
  }
  return results;
}

const invokedDirectly =
  process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (invokedDirectly) {
  const [users = "100000", durationMs = "4000", connections = "16"] = process.argv.slice(2);
  const results = await runScimBench({
    users: Number(users),
    durationMs: Number(durationMs),
    connections: Number(connections),
  });
  for (const result of results) {
    const figures = Object.entries(result.figures)
      .map(([key, value]) => `${key}=${value}`)
      .join(" ");
    console.log(`${result.name}\n  ${figures}`);
  }
}
