import type { ColumnDefinitionBuilder, Kysely, Migration, MigrationProvider } from "kysely";

export type DialectName = "sqlite" | "postgres";

/** Migrations in code, in order. Never edit a released one: add the next. */
function migrations(dialect: DialectName): Record<string, Migration> {
  // An auto-numbered key: SQLite spells it `integer primary key autoincrement`, PostgreSQL an identity column.
  const serial = (c: ColumnDefinitionBuilder) =>
    dialect === "sqlite" ? c.primaryKey().autoIncrement() : c.primaryKey().generatedByDefaultAsIdentity();
  return {
    "0001_identity_graph": {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable("runs")
          .addColumn("id", "text", (c) => c.primaryKey())
          .addColumn("kind", "text", (c) => c.notNull())
          .addColumn("status", "text", (c) => c.notNull())
          .addColumn("started_at", "text", (c) => c.notNull())
          .addColumn("finished_at", "text")
          .addColumn("summary", "text", (c) => c.notNull())
          .addColumn("error", "text")
          .execute();

        await db.schema
          .createTable("app_syncs")
          .addColumn("run_id", "text", (c) => c.notNull())
          .addColumn("app", "text", (c) => c.notNull())
          .addColumn("status", "text", (c) => c.notNull())
          .addColumn("complete", "integer", (c) => c.notNull())
          .addColumn("accounts_seen", "integer", (c) => c.notNull())
          .addColumn("groups_seen", "integer", (c) => c.notNull())
          .addColumn("grants_seen", "integer", (c) => c.notNull())
          .addColumn("accounts_gone", "integer", (c) => c.notNull())
          .addColumn("groups_gone", "integer", (c) => c.notNull())
          .addColumn("grants_gone", "integer", (c) => c.notNull())
          .addColumn("requests", "integer", (c) => c.notNull())
          .addColumn("retries", "integer", (c) => c.notNull())
          .addColumn("rate_limited", "integer", (c) => c.notNull())
          .addColumn("waited_ms", "integer", (c) => c.notNull())
          .addColumn("gone_skipped_reason", "text")
          .addColumn("error", "text")
          .addColumn("started_at", "text", (c) => c.notNull())
          .addColumn("finished_at", "text")
          .addPrimaryKeyConstraint("app_syncs_pk", ["run_id", "app"])
          .execute();

        await db.schema
          .createTable("accounts")
          .addColumn("app", "text", (c) => c.notNull())
          .addColumn("external_id", "text", (c) => c.notNull())
          .addColumn("username", "text")
          .addColumn("email", "text")
          .addColumn("email_norm", "text")
          .addColumn("display_name", "text")
          .addColumn("first_name", "text")
          .addColumn("last_name", "text")
          .addColumn("status", "text", (c) => c.notNull())
          .addColumn("roles", "text", (c) => c.notNull())
          .addColumn("privileged", "integer", (c) => c.notNull())
          .addColumn("last_activity_at", "text")
          .addColumn("created_at", "text")
          .addColumn("invited_at", "text")
          .addColumn("raw", "text", (c) => c.notNull())
          .addColumn("first_seen_run", "text", (c) => c.notNull())
          .addColumn("last_seen_run", "text", (c) => c.notNull())
          .addColumn("gone_run", "text")
          .addPrimaryKeyConstraint("accounts_pk", ["app", "external_id"])
          .execute();
        await db.schema.createIndex("accounts_email_norm").on("accounts").column("email_norm").execute();

        await db.schema
          .createTable("groups")
          .addColumn("app", "text", (c) => c.notNull())
          .addColumn("kind", "text", (c) => c.notNull())
          .addColumn("external_id", "text", (c) => c.notNull())
          .addColumn("name", "text", (c) => c.notNull())
          .addColumn("dynamic", "integer", (c) => c.notNull())
          .addColumn("parent_external_id", "text")
          .addColumn("raw", "text", (c) => c.notNull())
          .addColumn("first_seen_run", "text", (c) => c.notNull())
          .addColumn("last_seen_run", "text", (c) => c.notNull())
          .addColumn("gone_run", "text")
          .addPrimaryKeyConstraint("groups_pk", ["app", "kind", "external_id"])
          .execute();

        await db.schema
          .createTable("grants")
          .addColumn("app", "text", (c) => c.notNull())
          .addColumn("account_external_id", "text", (c) => c.notNull())
          .addColumn("group_kind", "text", (c) => c.notNull())
          .addColumn("group_external_id", "text", (c) => c.notNull())
          .addColumn("role", "text")
          .addColumn("derived", "integer", (c) => c.notNull())
          .addColumn("first_seen_run", "text", (c) => c.notNull())
          .addColumn("last_seen_run", "text", (c) => c.notNull())
          .addColumn("gone_run", "text")
          .addPrimaryKeyConstraint("grants_pk", [
            "app",
            "account_external_id",
            "group_kind",
            "group_external_id",
          ])
          .execute();

        await db.schema
          .createTable("persons")
          .addColumn("employee_id", "text", (c) => c.primaryKey())
          .addColumn("email", "text", (c) => c.notNull())
          .addColumn("email_norm", "text", (c) => c.notNull())
          .addColumn("aliases", "text", (c) => c.notNull())
          .addColumn("first_name", "text", (c) => c.notNull())
          .addColumn("last_name", "text", (c) => c.notNull())
          .addColumn("department", "text")
          .addColumn("title", "text")
          .addColumn("manager_id", "text")
          .addColumn("status", "text", (c) => c.notNull())
          .addColumn("start_date", "text")
          .addColumn("end_date", "text")
          .addColumn("source", "text", (c) => c.notNull())
          .addColumn("first_seen_run", "text", (c) => c.notNull())
          .addColumn("last_seen_run", "text", (c) => c.notNull())
          .addColumn("gone_run", "text")
          .execute();

        await db.schema
          .createTable("links")
          .addColumn("id", "integer", serial)
          .addColumn("app", "text", (c) => c.notNull())
          .addColumn("account_external_id", "text", (c) => c.notNull())
          .addColumn("employee_id", "text")
          .addColumn("matcher", "text", (c) => c.notNull())
          .addColumn("confidence", "real", (c) => c.notNull())
          .addColumn("decision", "text")
          .addColumn("created_at", "text", (c) => c.notNull())
          .execute();
        await db.schema
          .createIndex("links_account")
          .on("links")
          .columns(["app", "account_external_id"])
          .execute();

        await db.schema
          .createTable("findings")
          .addColumn("id", "integer", serial)
          .addColumn("run_id", "text", (c) => c.notNull())
          .addColumn("kind", "text", (c) => c.notNull())
          .addColumn("app", "text", (c) => c.notNull())
          .addColumn("external_id", "text")
          .addColumn("employee_id", "text")
          .addColumn("severity", "text", (c) => c.notNull())
          .addColumn("evidence", "text", (c) => c.notNull())
          .execute();
        await db.schema.createIndex("findings_run").on("findings").column("run_id").execute();
      },
    },
    "0002_correlation": {
      async up(db: Kysely<unknown>) {
        await db.schema.alterTable("links").addColumn("run_id", "text").execute();
        await db.schema.alterTable("links").addColumn("evidence", "text").execute();
        await db.schema.createIndex("links_employee").on("links").column("employee_id").execute();

        await db.schema
          .createTable("link_candidates")
          .addColumn("app", "text", (c) => c.notNull())
          .addColumn("account_external_id", "text", (c) => c.notNull())
          .addColumn("employee_id", "text", (c) => c.notNull())
          .addColumn("matcher", "text", (c) => c.notNull())
          .addColumn("confidence", "real", (c) => c.notNull())
          .addColumn("reason", "text", (c) => c.notNull())
          .addColumn("run_id", "text", (c) => c.notNull())
          .addColumn("evidence", "text", (c) => c.notNull())
          .execute();
        await db.schema
          .createIndex("link_candidates_account")
          .on("link_candidates")
          .columns(["app", "account_external_id"])
          .execute();
        await db.schema
          .createIndex("link_candidates_employee")
          .on("link_candidates")
          .column("employee_id")
          .execute();

        await db.schema
          .createIndex("findings_run_key")
          .on("findings")
          .columns(["run_id", "app", "kind"])
          .execute();
      },
    },
    "0003_run_locks": {
      async up(db: Kysely<unknown>) {
        // One row per thing only one run may change at a time (`sync:<app>`, `import`, `analyze`): see run-locks.ts.
        await db.schema
          .createTable("run_locks")
          .addColumn("key", "text", (c) => c.primaryKey())
          .addColumn("run_id", "text", (c) => c.notNull())
          .addColumn("acquired_at", "text", (c) => c.notNull())
          .addColumn("heartbeat_at", "text", (c) => c.notNull())
          .execute();
      },
    },
    "0004_id_map": {
      async up(db: Kysely<unknown>) {
        // Which person holds which account, as an ID map imported with the HR export says (hr.idMap).
        await db.schema
          .createTable("id_map")
          .addColumn("app", "text", (c) => c.notNull())
          .addColumn("external_id", "text", (c) => c.notNull())
          .addColumn("employee_id", "text", (c) => c.notNull())
          .addColumn("source", "text", (c) => c.notNull())
          .addColumn("line", "integer", (c) => c.notNull())
          .addPrimaryKeyConstraint("id_map_pk", ["app", "external_id"])
          .execute();
      },
    },
    "0005_pruned_analyses": {
      async up(db: Kysely<unknown>) {
        // Analyses whose findings were deleted to keep the store's size bounded (findings.keepAnalyses).
        await db.schema
          .createTable("pruned_analyses")
          .addColumn("run_id", "text", (c) => c.primaryKey())
          .addColumn("pruned_at", "text", (c) => c.notNull())
          .addColumn("kept", "integer", (c) => c.notNull())
          .addColumn("findings", "integer", (c) => c.notNull())
          .execute();
      },
    },
  };
}

export function migrationProvider(dialect: DialectName): MigrationProvider {
  return { getMigrations: async () => migrations(dialect) };
}
