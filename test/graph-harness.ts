/**
 * A generated company run through the real pipeline, in-process: the five sandboxes (rate limits off, virtual
 * time), each app's real connector through the real sync into a store of either dialect, the world's hr.csv
 * written with writeWorld and imported, and the analysis at the world's (shifted) asOf.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseConfig } from "../src/config/load.ts";
import type { RosterConfig } from "../src/config/schema.ts";
import { createConnector } from "../src/connectors/registry.ts";
import { type FindingKey, findingKeyString } from "../src/core/finding.ts";
import { type AnalyzeResult, analyze } from "../src/graph/analyze.ts";
import { type ImportResult, importPeople } from "../src/graph/sources/import.ts";
import { virtualTime } from "../src/http/testing/virtual-time.ts";
import { ManualClock } from "../src/sandbox/kit/clock.ts";
import { createSandboxes, sandboxConfigYaml } from "../src/sandbox/registry.ts";
import { generateWorld, shiftWorldTimes, writeWorld } from "../src/sandbox/world/index.ts";
import { APP_NAMES, type AppName, type World } from "../src/sandbox/world/types.ts";
import type { StoreConnection } from "../src/store/connect.ts";
import { runSync, type SyncResult } from "../src/sync/run-sync.ts";

const URLS = Object.fromEntries(APP_NAMES.map((a) => [a, `http://${a}.sandbox.test`])) as Record<
  AppName,
  string
>;

export interface GraphWorld {
  world: World;
  config: RosterConfig;
  /** Folder holding the written world (hr.csv, apps/, answer-key.json). */
  dir: string;
  sync(served?: World): Promise<SyncResult>;
  importHr(): Promise<ImportResult>;
  analyze(): Promise<AnalyzeResult>;
  cleanup(): void;
}

/** The config `roster sandbox` writes for this world, plus Productive's roles (its API cannot list them). */
export function worldConfig(world: World, hrPath: string): RosterConfig {
  const config = parseConfig(sandboxConfigYaml(world, URLS, { hrPath }), "roster.yaml");
  const productive = config.apps.productive;
  if (productive?.type === "productive" && productive.roles === undefined) {
    productive.roles = world.apps.productive.roles.map((r) => ({ id: r.id, name: r.name, admin: r.admin }));
  }
  return config;
}

export function openGraphWorld(
  store: StoreConnection,
  options: { people: number; seed: number; coverage?: number; nowMs?: number },
): GraphWorld {
  const world = shiftWorldTimes(
    generateWorld({
      people: options.people,
      seed: options.seed,
      ...(options.coverage === undefined ? {} : { coverage: options.coverage }),
    }),
    options.nowMs ?? Date.now(),
  );
  const dir = mkdtempSync(join(tmpdir(), "roster-graph-"));
  writeWorld(world, dir);
  const config = worldConfig(world, join(dir, "hr.csv"));
  const clock = new ManualClock(Date.parse(world.asOf));
  return {
    world,
    config,
    dir,
    async sync(served = world) {
      const sandboxes = createSandboxes(served, { rateLimits: false, clock });
      const time = virtualTime({ clock });
      const targets = APP_NAMES.map((app) => ({
        app,
        connector: createConnector(app, config.apps[app]!, {
          fetch: sandboxes[app].fetch,
          clock: time.clock,
          sleep: time.sleep,
        }),
      }));
      return runSync(store.db, targets);
    },
    importHr: () => importPeople(store.db, config, dir, { asOf: new Date(world.asOf) }),
    analyze: () => analyze(store.db, config, { asOf: world.asOf }),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export interface KeyComparison {
  missing: string[];
  extra: string[];
}

/** Finding keys in `expected` but not `actual` (missed) and the other way round (reported wrongly). */
export function compareKeys(expected: FindingKey[], actual: FindingKey[]): KeyComparison {
  const want = new Set(expected.map(findingKeyString));
  const got = new Set(actual.map(findingKeyString));
  return {
    missing: [...want].filter((k) => !got.has(k)).sort(),
    extra: [...got].filter((k) => !want.has(k)).sort(),
  };
}
