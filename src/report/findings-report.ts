/**
 * Build the findings report of an analysis run from the store: the run's findings, each marked new or unchanged
 * against the previous analysis, the ones that were fixed, and for each the account's e-mail and the person it
 * is about.
 */
import type { Kysely } from "kysely";
import type { FindingKind } from "../core/finding.ts";
import { type FindingsDiff, findingsDiff, latestAnalysisRun, type StoredFinding } from "../graph/index.ts";
import type { Database } from "../store/schema.ts";
import type { FindingChange, FindingsReport, FixedFinding, ReportFinding } from "./model.ts";
import { accountHolders, accountKey, type Holder, latestSyncRunId, personNames } from "./queries.ts";

/** A report that cannot be made (nothing analysed yet, unknown run): the message says what to do. */
export class ReportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ReportError";
  }
}

export interface FindingsReportOptions {
  company: string;
  /** Where the data lives, without credentials. */
  store: string;
  app?: string;
  kind?: FindingKind;
  /** An analysis run other than the latest. */
  runId?: string;
  /** "Generated at" (default now). */
  now?: Date;
}

export async function loadFindingsReport(
  db: Kysely<Database>,
  options: FindingsReportOptions,
): Promise<FindingsReport> {
  if (!options.runId && !(await latestAnalysisRun(db)))
    throw new ReportError(
      "no analysis has run yet: import the HR export and analyse first (`roster import`, then `roster analyze`)",
    );
  let diff: FindingsDiff;
  try {
    diff = await findingsDiff(db, options.runId);
  } catch (err) {
    throw new ReportError((err as Error).message);
  }
  const keep = (f: StoredFinding) =>
    (!options.app || f.app === options.app) && (!options.kind || f.kind === options.kind);
  const current = [
    ...diff.new.filter(keep).map((f) => ({ f, change: "new" as FindingChange })),
    ...diff.unchanged.filter(keep).map((f) => ({ f, change: "unchanged" as FindingChange })),
  ];
  const fixed = diff.fixed.filter(keep);

  const runs = [diff.run.id, ...(diff.previous ? [diff.previous.id] : [])];
  const holders = await accountHolders(db, runs, options.app);
  const names = await personNames(
    db,
    [...current.map((c) => c.f), ...fixed].flatMap((f) => f.employeeId ?? []),
  );
  const subject = (f: StoredFinding) => describe(f, holders, names);

  return {
    company: options.company,
    generatedAt: (options.now ?? new Date()).toISOString(),
    store: options.store,
    runId: diff.run.id,
    previousRunId: diff.previous?.id ?? null,
    asOf: diff.run.asOf,
    syncRunId: await latestSyncRunId(db),
    findings: current.map(({ f, change }): ReportFinding => ({ ...subject(f), change })),
    fixed: fixed.map(subject),
    filters: {
      ...(options.app ? { app: options.app } : {}),
      ...(options.kind ? { kind: options.kind } : {}),
    },
  };
}

/** The finding's key, severity and evidence, plus who it is about. */
function describe(f: StoredFinding, holders: Map<string, Holder>, names: Map<string, string>): FixedFinding {
  const evidence = f.evidence as unknown as Record<string, unknown>;
  const fromEvidence = f.evidence.person
    ? { employeeId: f.evidence.person.employeeId, name: f.evidence.person.name }
    : null;
  const person =
    f.externalId !== undefined
      ? (holders.get(accountKey(f.app, f.externalId)) ?? fromEvidence)
      : f.employeeId !== undefined
        ? { employeeId: f.employeeId, name: names.get(f.employeeId) ?? fromEvidence?.name ?? "" }
        : fromEvidence;
  return {
    kind: f.kind,
    app: f.app,
    ...(f.externalId !== undefined ? { externalId: f.externalId } : {}),
    ...(f.employeeId !== undefined ? { employeeId: f.employeeId } : {}),
    severity: f.severity,
    evidence,
    email: f.evidence.account?.email ?? null,
    person,
  };
}
