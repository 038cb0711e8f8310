/**
 * One sync run: every configured app in parallel, each listing page upserted as it arrives, and — only after a
 * complete, plausible enumeration — what was not seen marked gone.
 */
import type { Kysely } from "kysely";
import type { Connector, ConnectorStats } from "../connectors/contract.ts";
import type { Account } from "../core/account.ts";
import { isHttpError } from "../http/errors.ts";
import { upsertAccounts } from "../store/repositories/accounts.ts";
import { upsertGrants, upsertGroups } from "../store/repositories/groups.ts";
import { finishRun, recordAppSync, startRun } from "../store/repositories/runs.ts";
import { withRunLocks } from "../store/run-locks.ts";
import type { Database } from "../store/schema.ts";
import { countLive, markUnseenGone } from "../store/sightings.ts";

export type Listing = "accounts" | "groups" | "grants";
const LISTINGS: Listing[] = ["accounts", "groups", "grants"];
/** Credentials refused: retrying other listings would only repeat it (and risk locking the account). */
const APP_WIDE_FAILURES = new Set(["unauthenticated"]);
const TABLE = { accounts: "accounts", groups: "groups", grants: "grants" } as const;

export interface SyncTarget {
  app: string;
  connector: Connector;
  /** Fraction by which a listing may shrink versus the live rows before it is suspicious (default 0.5). */
  dropThreshold?: number;
}

export interface SyncProgress {
  app: string;
  listing: Listing;
  pages: number;
  records: number;
  stats: ConnectorStats;
}

export interface ListingResult {
  complete: boolean;
  pages: number;
  seen: number;
  gone: number;
  /** Why nothing was marked gone although the listing ran (incomplete, empty, suspiciously small). */
  goneSkipped?: string;
  error?: string;
}

export interface AppSyncResult {
  app: string;
  status: "succeeded" | "partial" | "failed";
  listings: Record<Listing, ListingResult>;
  /** Accounts a listing missed but a direct GET found (offset drift). */
  reverified: number;
  stats: ConnectorStats;
  durationMs: number;
}

export interface SyncResult {
  runId: string;
  status: "succeeded" | "partial" | "failed";
  apps: AppSyncResult[];
}

export async function runSync(
  db: Kysely<Database>,
  targets: SyncTarget[],
  onProgress: (progress: SyncProgress) => void = () => {},
): Promise<SyncResult> {
  const runId = await startRun(db, "sync", { apps: targets.map((t) => t.app) });
  // One sync per app at a time: a second one would mark gone what this one has just seen (and vice versa).
  const keys = targets.map((t) => `sync:${t.app}`);
  return withRunLocks(db, runId, keys, async () => {
    const apps = await Promise.all(targets.map((target) => syncApp(db, runId, target, onProgress)));
    const status = apps.every((a) => a.status === "succeeded")
      ? "succeeded"
      : apps.every((a) => a.status === "failed")
        ? "failed"
        : "partial";
    await finishRun(db, runId, status, {
      apps: Object.fromEntries(apps.map((a) => [a.app, { status: a.status, ...a.stats }])),
    });
    return { runId, status, apps };
  });
}

async function syncApp(
  db: Kysely<Database>,
  runId: string,
  target: SyncTarget,
  onProgress: (progress: SyncProgress) => void,
): Promise<AppSyncResult> {
  const started = performance.now();
  const startedAt = new Date().toISOString();
  const { app, connector } = target;
  const listings = {} as Record<Listing, ListingResult>;
  let reverified = 0;

  let unreachable: string | undefined;
  for (const listing of LISTINGS) {
    const result: ListingResult = { complete: false, pages: 0, seen: 0, gone: 0 };
    listings[listing] = result;
    if (unreachable) {
      // The app refused us or is down: the other listings would only repeat the same failure.
      result.error = `skipped: ${unreachable}`;
      result.goneSkipped =
        "the listing did not finish (skipped: the credentials were refused), so nothing is marked gone";
      continue;
    }
    const seen = new Set<string>();
    const pages = iterate(connector, listing)[Symbol.asyncIterator]();
    try {
      let pending = pages.next();
      for (;;) {
        const step = await pending;
        if (step.done) break;
        // Ask for the next page before storing this one, so its request travels while the page is written.
        pending = pages.next();
        pending.catch(() => {}); // a failure surfaces when it is awaited above
        const page = step.value;
        result.pages += 1;
        await store(db, runId, listing, page as never[]);
        for (const item of page) seen.add(identity(listing, item));
        result.seen = seen.size;
        onProgress({ app, listing, pages: result.pages, records: result.seen, stats: connector.stats() });
      }
      result.complete = true;
    } catch (err) {
      await pages.return?.(undefined).catch(() => {});
      result.error = err instanceof Error ? err.message : String(err);
      if (isHttpError(err) && APP_WIDE_FAILURES.has(err.code))
        unreachable = `${listing} failed: ${result.error}`;
    }
    if (listing === "accounts" && result.complete && connector.getAccount) {
      const found = await reverifyMissing(db, runId, app, connector, seen);
      reverified = found;
      result.seen += found;
    }
    await settleGone(db, runId, app, listing, result, target.dropThreshold ?? 0.5);
  }

  const complete = LISTINGS.every((l) => listings[l].complete);
  const anyComplete = LISTINGS.some((l) => listings[l].complete);
  const status = complete ? "succeeded" : anyComplete ? "partial" : "failed";
  const stats = connector.stats();
  const goneSkipped = LISTINGS.map(
    (l) => listings[l].goneSkipped && `${l}: ${listings[l].goneSkipped}`,
  ).filter(Boolean);
  const errors = LISTINGS.map((l) => listings[l].error && `${l}: ${listings[l].error}`).filter(Boolean);
  await recordAppSync(db, {
    run_id: runId,
    app,
    status,
    complete: complete ? 1 : 0,
    accounts_seen: listings.accounts.seen,
    groups_seen: listings.groups.seen,
    grants_seen: listings.grants.seen,
    accounts_gone: listings.accounts.gone,
    groups_gone: listings.groups.gone,
    grants_gone: listings.grants.gone,
    requests: stats.requests,
    retries: stats.retries,
    rate_limited: stats.rateLimited,
    waited_ms: Math.round(stats.waitedMs),
    gone_skipped_reason: goneSkipped.length ? goneSkipped.join("; ") : null,
    error: errors.length ? errors.join("; ") : null,
    started_at: startedAt,
    finished_at: new Date().toISOString(),
  });
  return { app, status, listings, reverified, stats, durationMs: performance.now() - started };
}

function iterate(connector: Connector, listing: Listing): AsyncIterable<unknown[]> {
  if (listing === "accounts") return connector.listAccounts();
  if (listing === "groups") return connector.listGroups();
  return connector.listGrants();
}

async function store(db: Kysely<Database>, runId: string, listing: Listing, page: never[]): Promise<void> {
  if (listing === "accounts") await upsertAccounts(db, runId, page);
  else if (listing === "groups") await upsertGroups(db, runId, page);
  else await upsertGrants(db, runId, page);
}

function identity(listing: Listing, item: unknown): string {
  const record = item as Record<string, string>;
  if (listing === "accounts") return record.externalId!;
  if (listing === "groups") return `${record.kind}:${record.externalId}`;
  return `${record.accountExternalId}:${record.groupKind}:${record.groupExternalId}`;
}

/**
 * Offset paging skips records when others are removed mid-walk: before anything is marked gone, every live
 * account the listing did not return is fetched directly, and kept if it still exists.
 */
async function reverifyMissing(
  db: Kysely<Database>,
  runId: string,
  app: string,
  connector: Connector,
  seen: Set<string>,
): Promise<number> {
  const live = await db
    .selectFrom("accounts")
    .select("external_id")
    .where("app", "=", app)
    .where("gone_run", "is", null)
    .execute();
  const missing = live.map((r) => r.external_id).filter((id) => !seen.has(id));
  const found: Account[] = [];
  for (const id of missing) {
    const account = await connector.getAccount!(id);
    if (account) found.push(account);
  }
  await upsertAccounts(db, runId, found);
  for (const account of found) seen.add(account.externalId);
  return found.length;
}

async function settleGone(
  db: Kysely<Database>,
  runId: string,
  app: string,
  listing: Listing,
  result: ListingResult,
  dropThreshold: number,
): Promise<void> {
  const table = TABLE[listing];
  if (!result.complete) {
    result.goneSkipped = "the listing did not finish, so nothing is marked gone";
    return;
  }
  // Known before this run = live rows first seen in an earlier run; a first sync has nothing to compare with.
  const previous = await countLive(db, table, app, runId);
  if (previous > 0 && result.seen === 0) {
    result.goneSkipped = `the listing came back empty although ${previous} were known: suspicious (lost permissions?), nothing marked gone`;
    return;
  }
  if (previous > 0 && result.seen < previous * (1 - dropThreshold)) {
    result.goneSkipped = `the listing returned ${result.seen} of ${previous} known (more than ${Math.round(dropThreshold * 100)}% fewer): suspicious, nothing marked gone`;
    return;
  }
  result.gone = await markUnseenGone(db, table, runId, app);
}
