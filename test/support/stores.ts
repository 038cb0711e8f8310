/**
 * The store suites run against every dialect: the embedded SQLite default and PostgreSQL.
 * PostgreSQL comes from TEST_DATABASE_URL (default: the local server at 127.0.0.1:5432, database `test`). When it
 * cannot be reached the PostgreSQL variants are skipped with a message — unless ROSTER_REQUIRE_POSTGRES=1 (CI),
 * where they fail instead.
 */
import { randomBytes } from "node:crypto";
import pg from "pg";
import { openStore, type StoreConnection } from "../../src/store/connect.ts";

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";

export interface StoreDialect {
  name: "sqlite" | "postgres";
  /** Why this dialect is skipped, or undefined when it runs. */
  skip: string | undefined;
  open(): Promise<StoreConnection>;
}

async function postgresReachable(): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query("select 1");
    return undefined;
  } catch (err) {
    const reason = `PostgreSQL not reachable at ${new URL(TEST_DATABASE_URL).host}: ${(err as Error).message}`;
    if (process.env.ROSTER_REQUIRE_POSTGRES === "1") throw new Error(`${reason} (ROSTER_REQUIRE_POSTGRES=1)`);
    console.warn(`skipping PostgreSQL store tests — ${reason}`);
    return reason;
  } finally {
    await client.end().catch(() => {});
  }
}

const pgSkip = await postgresReachable();

/** Each PostgreSQL store gets its own schema, dropped on close. */
async function openPostgresStore(): Promise<StoreConnection> {
  const schema = `roster_t_${randomBytes(5).toString("hex")}`;
  const dropSchema = async () => {
    const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await client.connect();
    try {
      await client.query(`drop schema if exists ${schema} cascade`);
    } finally {
      await client.end();
    }
  };
  let store: StoreConnection;
  try {
    store = await openStore({ databaseUrl: TEST_DATABASE_URL, pgSchema: schema });
  } catch (err) {
    await dropSchema().catch(() => {});
    throw err;
  }
  return {
    ...store,
    close: async () => {
      await store.close();
      await dropSchema();
    },
  };
}

export const STORE_DIALECTS: StoreDialect[] = [
  { name: "sqlite", skip: undefined, open: () => openStore({ sqlitePath: ":memory:" }) },
  { name: "postgres", skip: pgSkip, open: openPostgresStore },
];
