/**
 * Findings per analysis run: the latest run's findings, any run's, and what changed between a run and the one
 * before it — new, fixed, unchanged — keyed by `kind | app | externalId | employeeId` (findingKeyString).
 */
import type { Kysely } from "kysely";
import { type FindingKind, findingKeyString } from "../core/finding.ts";
import type { Database, RunTable } from "../store/schema.ts";
import type { Finding, FindingEvidence, Severity } from "./findings/types.ts";
import { prunedAnalysis } from "./retention.ts";

export interface StoredFinding extends Finding {
  runId: string;
}

export interface AnalysisRun {
  id: string;
  status: string;
  startedAt: string;
  finishedAt: string | null;
  asOf: string | null;
  previousRunId: string | null;
}

function toRun(r: RunTable): AnalysisRun {
  const summary = JSON.parse(r.summary) as { asOf?: string; previousRunId?: string | null };
  return {
    id: r.id,
    status: r.status,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    asOf: summary.asOf ?? null,
    previousRunId: summary.previousRunId ?? null,
  };
}

/** Finished, successful analysis runs, newest first. */
export async function analysisRuns(db: Kysely<Database>, limit = 50): Promise<AnalysisRun[]> {
  const rows = await db
    .selectFrom("runs")
    .selectAll()
    .where("kind", "=", "analyze")
    .where("status", "=", "succeeded")
    .orderBy("started_at", "desc")
    .orderBy("finished_at", "desc")
    .limit(limit)
    .execute();
  return rows.map(toRun);
}

export async function latestAnalysisRun(db: Kysely<Database>): Promise<AnalysisRun | null> {
  return (await analysisRuns(db, 1))[0] ?? null;
}

export interface FindingQuery {
  app?: string;
  kind?: FindingKind;
  externalId?: string;
  employeeId?: string;
}

export async function findingsOfRun(
  db: Kysely<Database>,
  runId: string,
  query: FindingQuery = {},
): Promise<StoredFinding[]> {
  let q = db.selectFrom("findings").selectAll().where("run_id", "=", runId);
  if (query.app) q = q.where("app", "=", query.app);
  if (query.kind) q = q.where("kind", "=", query.kind);
  if (query.externalId) q = q.where("external_id", "=", query.externalId);
  if (query.employeeId) q = q.where("employee_id", "=", query.employeeId);
  const rows = await q.orderBy("id").execute();
  return rows.map((r) => ({
    runId: r.run_id,
    kind: r.kind as FindingKind,
    app: r.app,
    ...(r.external_id !== null ? { externalId: r.external_id } : {}),
    ...(r.employee_id !== null ? { employeeId: r.employee_id } : {}),
    severity: r.severity as Severity,
    evidence: JSON.parse(r.evidence) as FindingEvidence,
  }));
}

/** The findings of the latest successful analysis (empty, with a null run, before the first). */
export async function latestFindings(
  db: Kysely<Database>,
  query: FindingQuery = {},
): Promise<{ run: AnalysisRun | null; findings: StoredFinding[] }> {
  const run = await latestAnalysisRun(db);
  return { run, findings: run ? await findingsOfRun(db, run.id, query) : [] };
}

export interface FindingsDiff {
  run: AnalysisRun;
  /** The analysis compared with (null: the first analysis, so everything is new). */
  previous: AnalysisRun | null;
  /** In this run, not in the previous one. */
  new: StoredFinding[];
  /** In the previous run, gone from this one (the previous run's finding). */
  fixed: StoredFinding[];
  /** In both (this run's finding; `severityChanged` when the severity moved). */
  unchanged: (StoredFinding & { previousSeverity: Severity })[];
}

/** What changed between `runId` (default: the latest analysis) and the analysis before it. */
export async function findingsDiff(db: Kysely<Database>, runId?: string): Promise<FindingsDiff> {
  const run = runId ? await analysisRunById(db, runId) : await latestAnalysisRun(db);
  if (!run) throw new Error(runId ? `no analysis run ${runId}` : "no analysis has run yet");
  const pruned = await prunedAnalysis(db, run.id);
  if (pruned)
    throw new Error(
      `the findings of analysis ${run.id} were deleted on ${pruned.pruned_at} (findings.keepAnalyses keeps the newest ${pruned.kept}); its counts remain in \`roster runs --json\``,
    );
  const previous = await previousOf(db, run);
  const previousPruned = previous ? await prunedAnalysis(db, previous.id) : undefined;
  if (previousPruned)
    throw new Error(
      `cannot say what changed since the analysis before ${run.id}: its findings were deleted on ${previousPruned.pruned_at} (findings.keepAnalyses keeps the newest ${previousPruned.kept})`,
    );
  const current = await findingsOfRun(db, run.id);
  const before = previous ? await findingsOfRun(db, previous.id) : [];
  const beforeByKey = new Map(before.map((f) => [findingKeyString(f), f]));
  const currentKeys = new Set<string>();
  const diff: FindingsDiff = { run, previous, new: [], fixed: [], unchanged: [] };
  for (const f of current) {
    const key = findingKeyString(f);
    currentKeys.add(key);
    const old = beforeByKey.get(key);
    if (old) diff.unchanged.push({ ...f, previousSeverity: old.severity });
    else diff.new.push(f);
  }
  for (const f of before) if (!currentKeys.has(findingKeyString(f))) diff.fixed.push(f);
  return diff;
}

async function analysisRunById(db: Kysely<Database>, id: string): Promise<AnalysisRun | null> {
  const row = await db
    .selectFrom("runs")
    .selectAll()
    .where("id", "=", id)
    .where("kind", "=", "analyze")
    .executeTakeFirst();
  return row ? toRun(row) : null;
}

/** The run's recorded predecessor; for runs without one, the latest successful analysis started before it. */
async function previousOf(db: Kysely<Database>, run: AnalysisRun): Promise<AnalysisRun | null> {
  if (run.previousRunId) return analysisRunById(db, run.previousRunId);
  const row = await db
    .selectFrom("runs")
    .selectAll()
    .where("kind", "=", "analyze")
    .where("status", "=", "succeeded")
    .where("started_at", "<", run.startedAt)
    .orderBy("started_at", "desc")
    .limit(1)
    .executeTakeFirst();
  return row ? toRun(row) : null;
}
