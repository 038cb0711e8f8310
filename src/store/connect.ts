import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import SqliteDatabase from "better-sqlite3";
import { Kysely, Migrator, PostgresDialect, SqliteDialect } from "kysely";
import pg from "pg";
import { type DialectName, migrationProvider } from "./migrations.ts";
import type { Database } from "./schema.ts";

export interface StoreOptions {
  /** PostgreSQL connection string; when set, PostgreSQL is used instead of the embedded SQLite file. */
  databaseUrl?: string;
  /** SQLite file (`:memory:` for a throw-away store). Default `.roster/roster.db`. */
  sqlitePath?: string;
  /** PostgreSQL schema to use (created when missing); default `public`. */
  pgSchema?: string;
}

export interface StoreConnection {
  db: Kysely<Database>;
  dialect: DialectName;
  /** Where the data lives, without credentials (for messages). */
  location: string;
  close(): Promise<void>;
}

/** Open the store and bring its schema up to date. */
export async function openStore(options: StoreOptions = {}): Promise<StoreConnection> {
  const connection = options.databaseUrl ? await openPostgres(options) : openSqlite(options);
  const migrator = new Migrator({
    db: connection.db,
    provider: migrationProvider(connection.dialect),
    // Kysely looks for its migration tables across every schema it can see: name ours, or a store in one schema
    // takes another schema's tables for its own (parallel test stores, several companies in one database).
    ...(connection.dialect === "postgres" && options.pgSchema
      ? { migrationTableSchema: options.pgSchema }
      : {}),
  });
  let { error, results } = await migrator.migrateToLatest();
  // Kysely checks for its migration tables by introspecting every schema of the database; a schema another
  // session drops meanwhile (another store in the same database) fails that check with "schema … does not
  // exist" although nothing is wrong with ours — look again.
  for (let attempt = 1; attempt < 5 && isOtherSchemaGone(error, options.pgSchema); attempt++) {
    ({ error, results } = await migrator.migrateToLatest());
  }
  if (error) {
    await connection.close();
    const failed = results?.find((r) => r.status === "Error")?.migrationName ?? "unknown";
    throw new Error(`store (${connection.location}): migration ${failed} failed: ${String(error)}`);
  }
  return connection;
}

function isOtherSchemaGone(error: unknown, ours: string | undefined): boolean {
  if ((error as { code?: string } | undefined)?.code !== "3F000") return false;
  const named = /schema "([^"]+)" does not exist/.exec((error as Error).message)?.[1];
  return named !== undefined && named !== ours;
}

const sqliteHandles = new WeakMap<Kysely<Database>, SqliteDatabase.Database>();

/**
 * The better-sqlite3 connection behind a store opened by `openStore` (undefined on PostgreSQL, or for a Kysely
 * instance made elsewhere). For the few bulk reads where Kysely's row objects cost more than the query: the same
 * connection, so statements run inside whatever transaction Kysely has open on it.
 */
export function sqliteHandle(db: Kysely<Database>): SqliteDatabase.Database | undefined {
  return sqliteHandles.get(db);
}

function openSqlite(options: StoreOptions): StoreConnection {
  const path = options.sqlitePath ?? ".roster/roster.db";
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  // Another process writing the same file (a sync while an analysis commits) is waited for, up to a minute,
  // rather than failing at once: SQLite has one writer at a time.
  const sqlite = new SqliteDatabase(path, { timeout: 60_000 });
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = NORMAL");
  sqlite.pragma("foreign_keys = ON");
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  sqliteHandles.set(db, sqlite);
  return { db, dialect: "sqlite", location: `sqlite:${path}`, close: () => db.destroy() };
}

async function openPostgres(options: StoreOptions): Promise<StoreConnection> {
  const url = new URL(options.databaseUrl!);
  const location = `postgres://${url.hostname}:${url.port || 5432}${url.pathname}`;
  const schema = options.pgSchema;
  if (schema && !/^[a-z_][a-z0-9_]*$/.test(schema))
    throw new Error(`store: invalid PostgreSQL schema name "${schema}"`);
  const pool = new pg.Pool({
    connectionString: options.databaseUrl,
    max: 4,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  try {
    const client = await pool.connect();
    try {
      if (schema) await client.query(`create schema if not exists ${schema}`);
    } finally {
      client.release();
    }
  } catch (err) {
    await pool.end();
    throw new Error(`store: cannot connect to ${location}: ${(err as Error).message}`);
  }
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, dialect: "postgres", location, close: () => db.destroy() };
}
