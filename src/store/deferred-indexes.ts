/**
 * Bulk rewrites with the secondary indexes built once at the end instead of row by row: a table that is emptied
 * and refilled with hundreds of thousands of rows (computed links, candidates) is written 2–3× faster when its
 * indexes are dropped first and created again after the last row (measured: 400,000 links on PostgreSQL 3.3 s
 * with live indexes, 1.1 s deferred; on SQLite 2.0 s and 1.3 s).
 *
 * Must run inside the caller's transaction: both SQLite and PostgreSQL roll DDL back with it, so a failed
 * rewrite leaves the indexes (and rows) as they were. Indexes that back a primary key or unique constraint are
 * left alone. On PostgreSQL, dropping an index locks its table until the transaction ends: readers of those tables
 * wait for the rewrite to commit (they never see it half done).
 */
import { CompiledQuery, type Kysely } from "kysely";
import { isPostgres } from "./dialect.ts";
import type { Database } from "./schema.ts";

interface IndexDefinition {
  name: string;
  /** The statement that creates it, as the database reports it. */
  sql: string;
}

export async function withIndexesDeferred<T>(
  trx: Kysely<Database>,
  tables: readonly string[],
  write: () => Promise<T>,
): Promise<T> {
  const postgres = isPostgres(trx);
  const indexes = postgres ? await postgresIndexes(trx, tables) : await sqliteIndexes(trx, tables);
  if (postgres) await dropWithin(trx, indexes, LOCK_TIMEOUT);
  else for (const index of indexes) await trx.executeQuery(CompiledQuery.raw(`drop index "${index.name}"`));
  const result = await write();
  for (const index of indexes) await trx.executeQuery(CompiledQuery.raw(index.sql));
  return result;
}

/** How long a drop may wait for readers of the table (each waiting drop also holds up every new reader). */
const LOCK_TIMEOUT = "15s";

async function dropWithin(trx: Kysely<Database>, indexes: IndexDefinition[], timeout: string): Promise<void> {
  const { rows } = await trx.executeQuery<{ previous: string }>(
    CompiledQuery.raw(
      "select current_setting('lock_timeout') as previous, set_config('lock_timeout', $1, true)",
      [timeout],
    ),
  );
  try {
    for (const index of indexes) await trx.executeQuery(CompiledQuery.raw(`drop index "${index.name}"`));
  } catch (err) {
    if ((err as { code?: string }).code === "55P03")
      throw new Error(
        `another session kept its hold on the table of index ${indexes[0]?.name ?? "?"} for ${timeout} (a long report or query?): nothing was changed; try again when it is done`,
      );
    throw err;
  }
  await trx.executeQuery(
    CompiledQuery.raw("select set_config('lock_timeout', $1, true)", [rows[0]!.previous]),
  );
}

async function sqliteIndexes(db: Kysely<Database>, tables: readonly string[]): Promise<IndexDefinition[]> {
  const { rows } = await db.executeQuery<IndexDefinition>(
    CompiledQuery.raw(
      `select name, sql from sqlite_master where type = 'index' and sql is not null and tbl_name in (${tables
        .map(() => "?")
        .join(", ")}) order by name`,
      [...tables],
    ),
  );
  return rows;
}

async function postgresIndexes(db: Kysely<Database>, tables: readonly string[]): Promise<IndexDefinition[]> {
  const { rows } = await db.executeQuery<IndexDefinition>(
    CompiledQuery.raw(
      `select i.indexname as name, i.indexdef as sql
         from pg_indexes i
        where i.schemaname = current_schema() and i.tablename = any($1::text[])
          and not exists (
            select 1 from pg_constraint c
             where c.conindid = (quote_ident(i.schemaname) || '.' || quote_ident(i.indexname))::regclass)
        order by i.indexname`,
      [[...tables]],
    ),
  );
  return rows;
}
