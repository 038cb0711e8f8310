/** `roster accounts` and `roster groups`: what the store holds, filtered, as a table, JSON or CSV. */
import { type Command, Option } from "commander";
import { ACCOUNT_STATUSES, type AccountStatus, GROUP_KINDS, type GroupKind } from "../../core/account.ts";
import { listAccounts } from "../../store/repositories/accounts.ts";
import { listGroups } from "../../store/repositories/groups.ts";
import { openFromConfig, reportError } from "../context.ts";
import { csv, json, table } from "../output.ts";

interface ListFlags {
  config?: string;
  app?: string;
  search?: string;
  includeGone?: boolean;
  json?: boolean;
  csv?: boolean;
  limit?: string;
}

function addListFlags(command: Command): Command {
  return command
    .option("-c, --config <file>", "roster config (default roster.yaml or $ROSTER_CONFIG)")
    .option("--app <name>", "only this app instance")
    .option("--search <text>", "substring of e-mail, username or name")
    .option("--include-gone", "also list what a complete sync found gone")
    .option("--json", "print JSON")
    .option("--csv", "print CSV");
}

async function withStore(
  configFlag: string | undefined,
  body: (db: Awaited<ReturnType<typeof openFromConfig>>["store"]) => Promise<void>,
) {
  try {
    const { store } = await openFromConfig(configFlag);
    try {
      await body(store);
    } finally {
      await store.close();
    }
  } catch (err) {
    process.exitCode = reportError(err);
  }
}

export function registerInventoryCommands(program: Command): void {
  addListFlags(program.command("accounts").description("List stored accounts"))
    .addOption(new Option("--status <status>", "only this status").choices(ACCOUNT_STATUSES))
    .option("--privileged", "only admin-like accounts")
    .action(async (flags: ListFlags & { status?: AccountStatus; privileged?: boolean }) =>
      withStore(flags.config, async (store) => {
        let accounts = await listAccounts(store.db, {
          app: flags.app,
          status: flags.status,
          includeGone: flags.includeGone,
          search: flags.search,
        });
        if (flags.privileged) accounts = accounts.filter((a) => a.privileged);
        const headers = [
          "app",
          "external_id",
          "email",
          "username",
          "name",
          "status",
          "roles",
          "last_activity",
          "gone",
        ];
        const rows = accounts.map((a) => [
          a.app,
          a.externalId,
          a.email,
          a.username,
          a.displayName,
          a.status,
          a.roles,
          a.lastActivityAt,
          a.goneRun ? "yes" : "",
        ]);
        if (flags.json) console.log(json(accounts.map(({ raw: _raw, ...rest }) => rest)));
        else if (flags.csv) console.log(csv(headers, rows));
        else {
          console.log(
            table(
              headers,
              rows.map((r) => r.map((c) => (Array.isArray(c) ? c.join(",") : (c ?? "")))),
            ),
          );
          console.log(`${accounts.length} account(s)`);
        }
      }),
    );

  addListFlags(
    program.command("groups").description("List stored groups, teams, projects, spaces and branches"),
  )
    .addOption(new Option("--kind <kind>", "only this kind").choices(GROUP_KINDS))
    .action(async (flags: ListFlags & { kind?: GroupKind }) =>
      withStore(flags.config, async (store) => {
        const groups = await listGroups(store.db, {
          app: flags.app,
          kind: flags.kind,
          includeGone: flags.includeGone,
          search: flags.search,
        });
        const headers = ["app", "kind", "external_id", "name", "members", "dynamic", "gone"];
        const rows = groups.map((g) => [
          g.app,
          g.kind,
          g.externalId,
          g.name,
          g.members,
          g.dynamic ? "yes" : "",
          g.goneRun ? "yes" : "",
        ]);
        if (flags.json) console.log(json(groups.map(({ raw: _raw, ...rest }) => rest)));
        else if (flags.csv) console.log(csv(headers, rows));
        else {
          console.log(table(headers, rows));
          console.log(`${groups.length} group(s)`);
        }
      }),
    );
}
