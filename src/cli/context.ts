import { resolve } from "node:path";
import pino from "pino";
import { ConfigError, type LoadedConfig, loadConfig } from "../config/load.ts";
import { openStore, type StoreConnection } from "../store/connect.ts";

export function configPath(flag?: string): string {
  return flag ?? process.env.ROSTER_CONFIG ?? "roster.yaml";
}

/** Load the config and open the store it names (DATABASE_URL wins over the SQLite file). */
export async function openFromConfig(
  flag?: string,
): Promise<{ loaded: LoadedConfig; store: StoreConnection }> {
  const loaded = loadConfig(configPath(flag));
  const store = await openStore({
    databaseUrl: process.env.DATABASE_URL,
    sqlitePath: resolve(loaded.dir, loaded.config.store.sqlite),
  });
  return { loaded, store };
}

export function createLogger() {
  return pino({ level: process.env.ROSTER_LOG_LEVEL ?? "warn" }, pino.destination(2));
}

/** Print a user-facing error (config problems as they are, others with their message) and pick the exit code. */
export function reportError(err: unknown): number {
  if (err instanceof ConfigError) {
    console.error(err.message);
    return 2;
  }
  console.error(`roster: ${err instanceof Error ? err.message : String(err)}`);
  if (process.env.ROSTER_DEBUG && err instanceof Error) console.error(err.stack);
  return 1;
}
