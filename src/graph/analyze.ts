/**
 * `analyze`: one pass of correlation and findings over the whole store, recorded as an `analyze` run.
 *
 * Persons are loaded into maps (PersonIndex); accounts stream app by app in keyset pages; each account is
 * correlated (a manual decision wins, else the ordered matchers) and judged; computed links and candidates are
 * replaced and the run's findings written in batches — all in one transaction, so readers see the previous
 * analysis or this one, never half of each. Manual decisions are read, never written.
 */
import type { Kysely } from "kysely";
import type { RosterConfig } from "../config/schema.ts";
import { FINDING_KINDS, type FindingKind } from "../core/finding.ts";
import { withIndexesDeferred } from "../store/deferred-indexes.ts";
import { finishRun, startRun } from "../store/repositories/runs.ts";
import type { Database } from "../store/schema.ts";
import type { AccountFacts } from "./correlation/account-facts.ts";
import { type Correlation, correlate, SITUATIONS, type Situation } from "./correlation/correlate.ts";
import { nameGuesses } from "./correlation/matchers.ts";
import { PersonIndex } from "./correlation/person-index.ts";
import { decisionKey, loadDecisions } from "./decisions.ts";
import { accountFindings, type FindingRules } from "./findings/account-findings.ts";
import { activityKind, payloadMayCarryEmployeeId } from "./findings/app-profiles.ts";
import { DuplicateTracker } from "./findings/duplicates.ts";
import { type Finding, SEVERITIES, type Severity } from "./findings/types.ts";
import { latestAnalysisRun } from "./history.ts";
import { accountPages, appsInStore, readDetails } from "./store/account-pages.ts";
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
  try {
    const result = await db.transaction().execute((trx) => analyzeIn(trx, runId, config, now, options));
    result.previousRunId = previous?.id ?? null;
    result.timings.totalMs = performance.now() - started;
    await finishRun(db, runId, "succeeded", summaryOf(result));
    return result;
  } catch (err) {
    await finishRun(db, runId, "failed", { asOf }, (err as Error).message).catch(() => {});
    throw err;
  }
}

async function analyzeIn(
  db: Kysely<Database>,
  runId: string,
  config: RosterConfig,
  now: number,
  options: AnalyzeOptions,
): Promise<AnalyzeResult> {
  const timings: StageTimings = {
    loadMs: 0,
    readMs: 0,
    correlateMs: 0,
    findingsMs: 0,
    writeMs: 0,
    totalMs: 0,
  };
  let mark = performance.now();
  const lap = (stage: keyof StageTimings) => {
    const t = performance.now();
    timings[stage] += t - mark;
    mark = t;
  };

  const index = await PersonIndex.load(db);
  const decisions = await loadDecisions(db);
  const runs = new Map(
    (await db.selectFrom("runs").select(["id", "started_at"]).execute()).map((r) => [r.id, r.started_at]),
  );
  const apps = [...new Set([...(await appsInStore(db)), ...Object.keys(config.apps)])].sort();
  const companyDomains = config.company.domains.map((d) => d.trim().toLowerCase()).filter(Boolean);
  const rules: FindingRules = {
    asOfMs: now,
    staleDays: config.findings.staleDays,
    inviteDays: config.findings.inviteDays,
    companyDomains,
    privilegedRoles: config.findings.privilegedRoles,
    activity: (app) => activityKind(config.apps[app]?.type),
    firstSeenAt: (id) => runs.get(id) ?? null,
  };
  const notes: string[] = [];
  if (companyDomains.length === 0)
    notes.push("company.domains is empty: no account can be told external, so `external` findings are off");
  const anyAccount = async () =>
    (await db
      .selectFrom("accounts")
      .select("app")
      .where("gone_run", "is", null)
      .limit(1)
      .executeTakeFirst()) !== undefined;
  if (index.live === 0 && !options.allowEmptyHr && (await anyAccount())) {
    throw new AnalyzeError(
      "no people in the store: run `roster import` first (without HR every account would be reported as an orphan)",
    );
  }

  // Computed links and candidates are rewritten wholesale: their indexes are built once, after the last row.
  const { findings, situations, perApp, accounts } = await withIndexesDeferred(db, REWRITTEN, async () => {
    await db.deleteFrom("links").where("decision", "is", null).execute();
    await db.deleteFrom("link_candidates").execute();
    const writers = {
      links: new RowWriter(db, "links", LINK_COLUMNS, {
        decision: null,
        created_at: new Date(now).toISOString(),
        run_id: runId,
        evidence: null,
      }),
      candidates: new RowWriter(db, "link_candidates", CANDIDATE_COLUMNS, { run_id: runId }),
      findings: new RowWriter(db, "findings", FINDING_COLUMNS, { run_id: runId }),
    };
    lap("loadMs");

    const findings: Finding[] = [];
    const situations = zeroSituations();
    const perApp: AppAnalysis[] = [];
    const duplicates = new DuplicateTracker(rules);
    let accounts = 0;
    let full = false;

    const keep = (found: Finding[]) => {
      for (const f of found) {
        findings.push(f);
        full =
          writers.findings.add({
            kind: f.kind,
            app: f.app,
            external_id: f.externalId ?? null,
            employee_id: f.employeeId ?? null,
            severity: f.severity,
            evidence: JSON.stringify(f.evidence),
          }) || full;
      }
    };
    const flushIfFull = async () => {
      if (!full) return;
      full = false;
      await writers.links.flush();
      await writers.candidates.flush();
      await writers.findings.flush();
    };

    for (const app of apps) {
      const type = config.apps[app]?.type;
      const summary: AppAnalysis = {
        app,
        type: type ?? null,
        accounts: 0,
        accessCapable: 0,
        situations: zeroSituations(),
        findings: {},
      };
      perApp.push(summary);
      const pages = accountPages(db, app, {
        withPayload: payloadMayCarryEmployeeId(type),
        withRoles: config.findings.privilegedRoles?.[app] !== undefined,
      });
      // One page ahead: the next page is being read while this one is judged.
      let ahead = pages.next();
      ahead.catch(() => {}); // a failure surfaces where the page is awaited
      for (;;) {
        const next = await ahead;
        lap("readMs");
        if (next.done) break;
        ahead = pages.next();
        ahead.catch(() => {});
        const page = next.value;
        const correlations: Correlation[] = [];
        const marked = new Uint8Array(page.length);
        for (let i = 0; i < page.length; i++) {
          const account = page[i]!;
          const correlation = correlate(account, index, decisions.get(decisionKey(app, account.externalId)));
          correlations.push(correlation);
          summary.situations[correlation.situation]++;
          situations[correlation.situation]++;
          if (correlation.situation === "unmatched" && !correlation.manual) marked[i] = 1;
        }
        lap("correlateMs");
        for (let i = 0; i < page.length; i++) {
          const account = page[i]!;
          const correlation = correlations[i]!;
          duplicates.add(account, correlation);
          if (marked[i] === 0 && accountFindings(account, correlation, rules).length > 0) marked[i] = 1;
          accounts++;
          summary.accounts++;
          if (account.status === "active" || account.status === "invited") summary.accessCapable++;
        }
        lap("findingsMs");
        // The accounts that got a finding or need a guess: read their names, roles and stored address.
        const needDetails: number[] = [];
        for (let i = 0; i < page.length; i++) if (marked[i] === 1) needDetails.push(i);
        await readDetails(
          db,
          needDetails.map((i) => page[i]!),
        );
        lap("readMs");
        for (const i of needDetails) {
          const correlation = correlations[i]!;
          if (correlation.situation === "unmatched" && !correlation.manual)
            correlation.guesses = nameGuesses(page[i]!, index);
        }
        for (let i = 0; i < page.length; i++)
          full = queueCorrelation(page[i]!, correlations[i]!, writers) || full;
        lap("correlateMs");
        for (const i of needDetails) {
          const found = accountFindings(page[i]!, correlations[i]!, rules);
          keep(found);
          for (const f of found) summary.findings[f.kind] = (summary.findings[f.kind] ?? 0) + 1;
        }
        lap("findingsMs");
        await flushIfFull();
        lap("writeMs");
      }
      await readDetails(db, duplicates.duplicated());
      lap("readMs");
      const dup = duplicates.take(app);
      keep(dup);
      if (dup.length) summary.findings.duplicate = dup.length;
      lap("findingsMs");
    }
    await writers.links.drain();
    await writers.candidates.drain();
    await writers.findings.drain();
    return { findings, situations, perApp, accounts };
  });
  lap("writeMs");

  const byKind = Object.fromEntries(FINDING_KINDS.map((k) => [k, 0])) as Record<FindingKind, number>;
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const f of findings) {
    byKind[f.kind]++;
    bySeverity[f.severity]++;
  }
  return {
    runId,
    previousRunId: null,
    asOf: new Date(now).toISOString(),
    persons: index.live,
    accounts,
    situations,
    apps: perApp,
    findingCounts: { byKind, bySeverity },
    findings,
    notes,
    timings,
  };
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
