/**
 * Run a real connector against its sandbox (in-process) through the real sync into a throw-away store, and read
 * back what was stored. Connector suites compare that with the sandbox's own state.
 */
import type { Connector } from "../../src/connectors/contract.ts";
import type { Grant } from "../../src/core/account.ts";
import { openStore, type StoreConnection } from "../../src/store/connect.ts";
import { listAccounts, type StoredAccount } from "../../src/store/repositories/accounts.ts";
import { listGrants, listGroups, type StoredGroup } from "../../src/store/repositories/groups.ts";
import { listAppSyncs } from "../../src/store/repositories/runs.ts";
import { runSync, type SyncResult } from "../../src/sync/run-sync.ts";

export interface Stored {
  accounts: StoredAccount[];
  groups: StoredGroup[];
  grants: (Grant & { goneRun: string | null })[];
}

export class SyncHarness {
  private constructor(readonly store: StoreConnection) {}

  static async open(): Promise<SyncHarness> {
    return new SyncHarness(await openStore({ sqlitePath: ":memory:" }));
  }

  /** One sync run of `connector` as app `app`. */
  async sync(app: string, connector: Connector, dropThreshold = 0.5): Promise<SyncResult> {
    return runSync(this.store.db, [{ app, connector, dropThreshold }]);
  }

  /** What the store holds for `app` (live rows only unless `includeGone`). */
  async stored(app: string, includeGone = false): Promise<Stored> {
    return {
      accounts: await listAccounts(this.store.db, { app, includeGone }),
      groups: await listGroups(this.store.db, { app, includeGone }),
      grants: await listGrants(this.store.db, { app, includeGone }),
    };
  }

  async appSyncs(runId: string) {
    return listAppSyncs(this.store.db, runId);
  }

  /** Every text column of every table, for scanning for secrets. */
  async dump(): Promise<string> {
    const tables = ["runs", "app_syncs", "accounts", "groups", "grants"] as const;
    const parts: string[] = [];
    for (const table of tables)
      parts.push(JSON.stringify(await this.store.db.selectFrom(table).selectAll().execute()));
    return parts.join("\n");
  }

  close(): Promise<void> {
    return this.store.close();
  }
}

/** What the sandbox still holds, as the keys the store uses (`kind:id` for groups, `account:kind:group` for grants). */
export interface LiveKeys {
  accounts: string[];
  groups: string[];
  grants: string[];
}

/** Rows a sync marked gone although the sandbox still holds them — must be empty after any sync, faults or not. */
export function goneButLive(all: Stored, live: LiveKeys) {
  const accounts = new Set(live.accounts);
  const groups = new Set(live.groups);
  const grants = new Set(live.grants);
  return {
    accounts: all.accounts
      .filter((a) => a.goneRun !== null && accounts.has(a.externalId))
      .map((a) => a.externalId),
    groups: all.groups
      .filter((g) => g.goneRun !== null)
      .map((g) => `${g.kind}:${g.externalId}`)
      .filter((key) => groups.has(key)),
    grants: all.grants
      .filter((g) => g.goneRun !== null)
      .map((g) => `${g.accountExternalId}:${g.groupKind}:${g.groupExternalId}`)
      .filter((key) => grants.has(key)),
  };
}
