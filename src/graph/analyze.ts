/**
 * `analyze`: one pass of correlation and findings over the whole store, recorded as an `analyze` run.
 *
 * Persons are loaded into maps (PersonIndex); accounts stream app by app in keyset pages; each account is
 * correlated (a manual decision wins, else the ordered matchers) and judged; computed links and candidates are
 * replaced and the run's findings written in batches — all in one transaction, so readers see the previous
 * analysis or this one, never half of each. Manual decisions are read, never written.
 */
import type SqliteDatabase from "better-sqlite3";
import type { Kysely } from "kysely";
import type { RosterConfig } from "../config/schema.ts";
import { FINDING_KINDS, type FindingKind } from "../core/finding.ts";
import { sqliteHandle } from "../store/connect.ts";
import { withIndexesDeferred } from "../store/deferred-indexes.ts";
import { isPostgres } from "../store/dialect.ts";
import { finishRun, startRun } from "../store/repositories/runs.ts";
import { withRunLocks } from "../store/run-locks.ts";
import type { Database } from "../store/schema.ts";
import type { AccountFacts } from "./correlation/account-facts.ts";
import {
  type Correlation,
  correlate,
  type ManualDecision,
  SITUATIONS,
  type Situation,
} from "./correlation/correlate.ts";
import { nameGuesses } from "./correlation/matchers.ts";
import { PersonIndex } from "./correlation/person-index.ts";
import { decisionKey, loadDecisions } from "./decisions.ts";
import { accountFindings, type FindingRules } from "./findings/account-findings.ts";
import { activityKind, payloadMayCarryEmployeeId } from "./findings/app-profiles.ts";
import { DuplicateTracker } from "./findings/duplicates.ts";
import { type Finding, SEVERITIES, type Severity } from "./findings/types.ts";
import { latestAnalysisRun } from "./history.ts";
import { type Pruned, pruneFindings } from "./retention.ts";
import { accountPages, appsInStore, readAccounts, readDetails } from "./store/account-pages.ts";
import { RowWriter } from "./store/bulk-insert.ts";

export interface AnalyzeOptions {
  /** The instant ages are measured at (stale, pending invites, passed end dates). Default now. */
  asOf?: Date | string | number;
  /** Analyse even when no person has been imported (every account would be an orphan). Default false. */
  allowEmptyHr?: boolean;
}

export interface AppAnalysis {
  app: string;
  /** App type from the config, or null for an app no longer configured. */
  type: string | null;
  accounts: number;
  /** Accounts that are active or invited (the only ones findings are about). */
  accessCapable: number;
  situations: Record<Situation, number>;
  findings: Partial<Record<FindingKind, number>>;
}

export interface StageTimings {
  loadMs: number;
  readMs: number;
  correlateMs: number;
  findingsMs: number;
  writeMs: number;
  totalMs: number;
}

export interface AnalyzeResult {
  runId: string;
  /** The analysis before this one (what `findingsDiff` compares with), or null for the first. */
  previousRunId: string | null;
  asOf: string;
  persons: number;
  accounts: number;
  situations: Record<Situation, number>;
  apps: AppAnalysis[];
  findingCounts: { byKind: Record<FindingKind, number>; bySeverity: Record<Severity, number> };
  findings: Finding[];
  /** Remarks about the analysis itself (e.g. no company domains, so no `external` findings). */
  notes: string[];
  /** Older analyses whose findings were deleted afterwards (findings.keepAnalyses), when the setting is on. */
  pruned?: Pruned;
  timings: StageTimings;
}

export class AnalyzeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "AnalyzeError";
  }
}

function asOfMs(value: AnalyzeOptions["asOf"]): number {
  if (value === undefined) return Date.now();
  const ms = value instanceof Date ? value.getTime() : typeof value === "number" ? value : Date.parse(value);
  if (!Number.isFinite(ms)) throw new AnalyzeError(`asOf is not a valid instant: ${String(value)}`);
  return ms;
}

const zeroSituations = (): Record<Situation, number> =>
  Object.fromEntries(SITUATIONS.map((s) => [s, 0])) as Record<Situation, number>;

export async function analyze(
  db: Kysely<Database>,
  config: RosterConfig,
  options: AnalyzeOptions = {},
): Promise<AnalyzeResult> {
  const started = performance.now();
  const now = asOfMs(options.asOf);
  const asOf = new Date(now).toISOString();
  const previous = await latestAnalysisRun(db);
  const runId = await startRun(db, "analyze", { asOf });
  const run = (read: Kysely<Database>, write: Kysely<Database>) =>
    new Analysis(read, write, runId, config, now, sqliteHandle(db)).run(options);
  // One analysis at a time: each rewrites every computed link.
  return withRunLocks(db, runId, ["analyze"], async () => {
    try {
      // PostgreSQL: the accounts stream from a read-only snapshot on a second connection while the rewrite goes on
      // in the write transaction — two server processes instead of one queue. SQLite has one connection for both.
      const result = isPostgres(db)
        ? await db
            .transaction()
            .setIsolationLevel("repeatable read")
            .setAccessMode("read only")
            .execute((read) => db.transaction().execute((write) => run(read, write)))
        : await db.transaction().execute((trx) => run(trx, trx));
      result.previousRunId = previous?.id ?? null;
      result.timings.totalMs = performance.now() - started;
      await finishRun(db, runId, "succeeded", summaryOf(result));
      await pruneAfter(db, config, result);
      return result;
    } catch (err) {
      await finishRun(db, runId, "failed", { asOf }, (err as Error).message).catch(() => {});
      throw err;
    }
  });
}

/** findings.keepAnalyses: delete older analyses' findings; a failure here only becomes a note (the analysis stands). */
async function pruneAfter(db: Kysely<Database>, config: RosterConfig, result: AnalyzeResult): Promise<void> {
  const keep = config.findings.keepAnalyses;
  if (keep === undefined) return;
  try {
    result.pruned = await pruneFindings(db, keep);
    if (result.pruned.analyses > 0)
      result.notes.push(
        `deleted the findings of ${result.pruned.analyses} older analyses (${result.pruned.findings} rows): findings.keepAnalyses keeps the newest ${keep}`,
      );
  } catch (err) {
    result.notes.push(
      `could not delete older analyses' findings (findings.keepAnalyses): ${(err as Error).message}`,
    );
  }
}

/**
 * One analysis: `read` is where persons, decisions and accounts come from, `write` the transaction that replaces
 * computed links and candidates and adds the run's findings (the same transaction on SQLite).
 */
class Analysis {
  private readonly timings: StageTimings = {
    loadMs: 0,
    readMs: 0,
    correlateMs: 0,
    findingsMs: 0,
    writeMs: 0,
    totalMs: 0,
  };
  private mark = performance.now();
  private readonly findings: Finding[] = [];
  private readonly situations = zeroSituations();
  private readonly perApp: AppAnalysis[] = [];
  private readonly notes: string[] = [];
  private accounts = 0;
  private index = new PersonIndex();
  private decisions = new Map<string, ManualDecision>();
  private rules!: FindingRules;
  private writers!: Writers;
  private duplicates!: DuplicateTracker;
  /** A write batch is ready. */
  private full = false;

  constructor(
    private readonly read: Kysely<Database>,
    private readonly write: Kysely<Database>,
    private readonly runId: string,
    private readonly config: RosterConfig,
    private readonly now: number,
    /** The SQLite connection both run on (pages are read from it directly), or undefined. */
    private readonly sqlite: SqliteDatabase.Database | undefined,
  ) {}

  private lap(stage: keyof StageTimings): void {
    const t = performance.now();
    this.timings[stage] += t - this.mark;
    this.mark = t;
  }

  async run(options: AnalyzeOptions): Promise<AnalyzeResult> {
    const apps = await this.load(options);
    // Computed links and candidates are rewritten wholesale: their indexes are built once, after the last row.
    await withIndexesDeferred(this.write, REWRITTEN, async () => {
      await this.write.deleteFrom("links").where("decision", "is", null).execute();
      await this.write.deleteFrom("link_candidates").execute();
      this.writers = {
        links: new RowWriter(this.write, "links", LINK_COLUMNS, {
          decision: null,
          created_at: new Date(this.now).toISOString(),
          run_id: this.runId,
          evidence: null,
        }),
        candidates: new RowWriter(this.write, "link_candidates", CANDIDATE_COLUMNS, { run_id: this.runId }),
        findings: new RowWriter(this.write, "findings", FINDING_COLUMNS, { run_id: this.runId }),
      };
      this.lap("loadMs");
      for (const app of apps) await this.judgeApp(app);
      await this.writers.links.drain();
      await this.writers.candidates.drain();
      await this.writers.findings.drain();
    });
    this.lap("writeMs");
    return this.result();
  }

  /** Persons, decisions, runs and the finding rules; the apps to go through. */
  private async load(options: AnalyzeOptions): Promise<string[]> {
    const { read, config } = this;
    this.index = await PersonIndex.load(read);
    // From the write side: a read of `links` on the snapshot would hold a lock the index rebuild waits for.
    this.decisions = await loadDecisions(this.write);
    const runs = new Map(
      (await read.selectFrom("runs").select(["id", "started_at"]).execute()).map((r) => [r.id, r.started_at]),
    );
    const companyDomains = config.company.domains.map((d) => d.trim().toLowerCase()).filter(Boolean);
    this.rules = {
      asOfMs: this.now,
      staleDays: config.findings.staleDays,
      inviteDays: config.findings.inviteDays,
      companyDomains,
      privilegedRoles: config.findings.privilegedRoles,
      activity: (app) => activityKind(config.apps[app]?.type),
      firstSeenAt: (id) => runs.get(id) ?? null,
    };
    this.duplicates = new DuplicateTracker(this.rules);
    if (companyDomains.length === 0)
      this.notes.push(
        "company.domains is empty: no account can be told external, so `external` findings are off",
      );
    const anyAccount = async () =>
      (await read
        .selectFrom("accounts")
        .select("app")
        .where("gone_run", "is", null)
        .limit(1)
        .executeTakeFirst()) !== undefined;
    if (this.index.live === 0 && !options.allowEmptyHr && (await anyAccount())) {
      throw new AnalyzeError(
        "no people in the store: run `roster import` first (without HR every account would be reported as an orphan)",
      );
    }
    return [...new Set([...(await appsInStore(read)), ...Object.keys(config.apps)])].sort();
  }

  /** Every live account of one app, page by page; then the app's duplicates. */
  private async judgeApp(app: string): Promise<void> {
    const type = this.config.apps[app]?.type;
    const summary: AppAnalysis = {
      app,
      type: type ?? null,
      accounts: 0,
      accessCapable: 0,
      situations: zeroSituations(),
      findings: {},
    };
    this.perApp.push(summary);
    const pages = accountPages(this.read, app, {
      withPayload: payloadMayCarryEmployeeId(type),
      withRoles: this.config.findings.privilegedRoles?.[app] !== undefined,
      // SQLite reads the few accounts that need details afterwards, at little cost; on PostgreSQL that second
      // query per page would wait behind the next page's fetch, so the details come with the page.
      ...(this.sqlite ? { sqlite: this.sqlite } : { withDetails: isPostgres(this.read) }),
    });
    // One page ahead: the next page is being read while this one is judged.
    let ahead = pages.next();
    ahead.catch(() => {}); // a failure surfaces where the page is awaited
    for (;;) {
      const next = await ahead;
      this.lap("readMs");
      if (next.done) break;
      ahead = pages.next();
      ahead.catch(() => {});
      await this.judgePage(app, next.value, summary);
    }
    const held = await readAccounts(this.read, app, this.duplicates.duplicatedIds());
    this.lap("readMs");
    const dup = this.duplicates.take(app, held);
    this.keep(dup, summary);
    this.lap("findingsMs");
  }

  private async judgePage(app: string, page: AccountFacts[], summary: AppAnalysis): Promise<void> {
    const { index, rules } = this;
    const correlations: Correlation[] = [];
    // Accounts that need their details read: a finding to report or a name-based guess to make.
    const marked = new Uint8Array(page.length);
    for (let i = 0; i < page.length; i++) {
      const account = page[i]!;
      const correlation = correlate(account, index, this.decisions.get(decisionKey(app, account.externalId)));
      correlations.push(correlation);
      summary.situations[correlation.situation]++;
      this.situations[correlation.situation]++;
      if (correlation.situation === "unmatched" && !correlation.manual) marked[i] = 1;
    }
    this.lap("correlateMs");
    for (let i = 0; i < page.length; i++) {
      const account = page[i]!;
      const correlation = correlations[i]!;
      this.duplicates.add(account, correlation);
      if (marked[i] === 0 && accountFindings(account, correlation, rules).length > 0) marked[i] = 1;
      this.accounts++;
      summary.accounts++;
      if (account.status === "active" || account.status === "invited") summary.accessCapable++;
    }
    this.lap("findingsMs");
    const needDetails: number[] = [];
    for (let i = 0; i < page.length; i++) if (marked[i] === 1) needDetails.push(i);
    await readDetails(
      this.read,
      needDetails.map((i) => page[i]!),
    );
    this.lap("readMs");
    for (const i of needDetails) {
      const correlation = correlations[i]!;
      if (correlation.situation === "unmatched" && !correlation.manual)
        correlation.guesses = nameGuesses(page[i]!, index);
    }
    for (let i = 0; i < page.length; i++)
      this.full = queueCorrelation(page[i]!, correlations[i]!, this.writers) || this.full;
    this.lap("correlateMs");
    for (const i of needDetails) this.keep(accountFindings(page[i]!, correlations[i]!, rules), summary);
    this.lap("findingsMs");
    if (this.full) {
      this.full = false;
      await this.writers.links.flush();
      await this.writers.candidates.flush();
      await this.writers.findings.flush();
    }
    this.lap("writeMs");
  }

  private keep(found: Finding[], summary: AppAnalysis): void {
    for (const f of found) {
      this.findings.push(f);
      summary.findings[f.kind] = (summary.findings[f.kind] ?? 0) + 1;
      this.full =
        this.writers.findings.add({
          kind: f.kind,
          app: f.app,
          external_id: f.externalId ?? null,
          employee_id: f.employeeId ?? null,
          severity: f.severity,
          evidence: JSON.stringify(f.evidence),
        }) || this.full;
    }
  }

  private result(): AnalyzeResult {
    const byKind = Object.fromEntries(FINDING_KINDS.map((k) => [k, 0])) as Record<FindingKind, number>;
    const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
    for (const f of this.findings) {
      byKind[f.kind]++;
      bySeverity[f.severity]++;
    }
    return {
      runId: this.runId,
      previousRunId: null,
      asOf: new Date(this.now).toISOString(),
      persons: this.index.live,
      accounts: this.accounts,
      situations: this.situations,
      apps: this.perApp,
      findingCounts: { byKind, bySeverity },
      findings: this.findings,
      notes: this.notes,
      timings: this.timings,
    };
  }
}

const REWRITTEN = ["links", "link_candidates"] as const;

const LINK_COLUMNS = ["app", "account_external_id", "employee_id", "matcher", "confidence"] as const;
const CANDIDATE_COLUMNS = [
  "app",
  "account_external_id",
  "employee_id",
  "matcher",
  "confidence",
  "reason",
  "evidence",
] as const;
const FINDING_COLUMNS = ["kind", "app", "external_id", "employee_id", "severity", "evidence"] as const;

interface Writers {
  links: RowWriter<"links">;
  candidates: RowWriter<"link_candidates">;
  findings: RowWriter<"findings">;
}

/** A computed link for a linked account; candidate rows for a disputed one or for name guesses. True when full. */
function queueCorrelation(account: AccountFacts, c: Correlation, writers: Writers): boolean {
  if (c.manual) return false;
  if (c.situation === "linked" && c.person) {
    return writers.links.add({
      app: account.app,
      account_external_id: account.externalId,
      employee_id: c.person.employeeId,
      matcher: c.matcher!,
      confidence: c.confidence!,
    });
  }
  let full = false;
  const rows = c.situation === "disputed" ? c.candidates : c.guesses;
  for (const m of rows) {
    full =
      writers.candidates.add({
        app: account.app,
        account_external_id: account.externalId,
        employee_id: m.person.employeeId,
        matcher: m.matcher,
        confidence: m.confidence,
        reason: c.situation === "disputed" ? "disputed" : "guess",
        evidence: JSON.stringify({ on: m.on }),
      }) || full;
  }
  return full;
}

function summaryOf(r: AnalyzeResult) {
  return {
    asOf: r.asOf,
    previousRunId: r.previousRunId,
    persons: r.persons,
    accounts: r.accounts,
    situations: r.situations,
    findings: r.findingCounts,
    apps: Object.fromEntries(r.apps.map((a) => [a.app, { situations: a.situations, findings: a.findings }])),
    notes: r.notes,
    timings: Object.fromEntries(Object.entries(r.timings).map(([k, v]) => [k, Math.round(v)])),
  };
}
