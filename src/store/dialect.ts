import type { Kysely } from "kysely";
import type { Database } from "./schema.ts";

/** Whether this Kysely instance speaks PostgreSQL (numbered `$1` parameters) rather than SQLite (`?`). */
export function isPostgres(db: Kysely<Database>): boolean {
  return db.selectFrom("runs").select("id").where("id", "=", "").compile().sql.includes("$1");
}
