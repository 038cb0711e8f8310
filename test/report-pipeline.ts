/**
 * The real pipeline on a small generated company, in-process: the five sandboxes (rate limits off, virtual time),
 * each app's real connector through the real sync into a SQLite file, the HR import and the analysis. The config
 * and store sit in a temporary folder, so CLI commands can be pointed at them.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type LoadedConfig, loadConfig } from "../src/config/load.ts";
import { createConnector } from "../src/connectors/registry.ts";
import { type AnalyzeResult, analyze, importPeople } from "../src/graph/index.ts";
import { virtualTime } from "../src/http/testing/virtual-time.ts";
import { ManualClock } from "../src/sandbox/kit/clock.ts";
import { createSandboxes, sandboxConfigYaml } from "../src/sandbox/registry.ts";
import { formatHrCsv, generateWorld, shiftWorldTimes } from "../src/sandbox/world/index.ts";
import { APP_NAMES, type AppName, type World } from "../src/sandbox/world/types.ts";
import { openStore, type StoreConnection } from "../src/store/connect.ts";
import { runSync, type SyncResult } from "../src/sync/run-sync.ts";

export interface Pipeline {
  dir: string;
  configFile: string;
  loaded: LoadedConfig;
  store: StoreConnection;
  /** The world the sandboxes serve (shifted to now). */
  world: World;
  /** Sync every app from sandboxes built over `world` (default: the pipeline's). */
  sync(world?: World): Promise<SyncResult>;
  /** Write `world.hr` as the HR export and import it. */
  importHr(world?: World): Promise<void>;
  analyze(): Promise<AnalyzeResult>;
  close(): Promise<void>;
}

const URLS = Object.fromEntries(APP_NAMES.map((a) => [a, `http://${a}.sandbox.test`])) as Record<
  AppName,
  string
>;

export async function openPipeline(options: { people: number; seed: number }): Promise<Pipeline> {
  const dir = mkdtempSync(join(tmpdir(), "roster-report-"));
  const world = shiftWorldTimes(generateWorld(options), Date.now());
  const hrPath = join(dir, "hr.csv");
  const configFile = join(dir, "roster.yaml");
  writeFileSync(configFile, sandboxConfigYaml(world, URLS, { hrPath, sqlitePath: "roster.db" }));
  const loaded = loadConfig(configFile);
  const store = await openStore({ sqlitePath: join(dir, "roster.db") });
  const clock = new ManualClock(Date.now());

  return {
    dir,
    configFile,
    loaded,
    store,
    world,
    async sync(served = world) {
      const sandboxes = createSandboxes(served, { rateLimits: false, clock });
      const time = virtualTime({ clock });
      const targets = APP_NAMES.map((app) => ({
        app,
        connector: createConnector(app, loaded.config.apps[app]!, {
          fetch: sandboxes[app].fetch,
          clock: time.clock,
          sleep: time.sleep,
        }),
      }));
      return runSync(store.db, targets);
    },
    async importHr(source = world) {
      writeFileSync(hrPath, formatHrCsv(source.hr));
      const result = await importPeople(store.db, loaded.config, loaded.dir);
      if (result.status !== "succeeded") throw new Error(`HR import ${result.status}: ${result.fatal ?? ""}`);
    },
    analyze: () => analyze(store.db, loaded.config),
    async close() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
