/**
 * JSON documents and CSV rows of the reports. Findings always carry the answer key's fields — `kind`, `app`,
 * and `externalId` (account findings) or `employeeId` (person findings) — so a report can be compared with
 * the world's answer key line by line; the linked person of an account finding is a separate field.
 */
import type { AppReport, FindingsReport, FixedFinding, PersonReport, ReportFinding } from "./model.ts";
import { compareFindings, evidenceSummary, summarise } from "./summary.ts";

export interface CsvTable {
  headers: string[];
  rows: unknown[][];
}

function keyFields(f: FixedFinding) {
  return {
    kind: f.kind,
    app: f.app,
    ...(f.externalId !== undefined ? { externalId: f.externalId } : {}),
    ...(f.employeeId !== undefined ? { employeeId: f.employeeId } : {}),
  };
}

function findingJson(f: ReportFinding | FixedFinding) {
  return {
    ...keyFields(f),
    severity: f.severity,
    ...("change" in f ? { change: f.change } : {}),
    email: f.email,
    person: f.person,
    evidence: f.evidence,
  };
}

/** `roster report --json`. With `sincePrevious`, `findings` holds only the new ones. */
export function findingsJson(report: FindingsReport, sincePrevious = false) {
  const summary = summarise(report);
  const findings = [...report.findings]
    .filter((f) => !sincePrevious || f.change === "new")
    .sort(compareFindings);
  return {
    runId: report.runId,
    previousRunId: report.previousRunId,
    asOf: report.asOf,
    generatedAt: report.generatedAt,
    ...(report.filters.app || report.filters.kind ? { filters: report.filters } : {}),
    summary: {
      total: summary.total,
      byKind: Object.fromEntries(
        summary.kinds.map((k) => [k.kind, { severity: k.severity, total: k.total, byApp: k.byApp }]),
      ),
      byApp: summary.byApp,
      bySeverity: summary.bySeverity,
      changes: summary.changes,
    },
    findings: findings.map(findingJson),
    fixed: [...report.fixed].sort(compareFindings).map(findingJson),
  };
}

const FINDING_HEADERS = [
  "kind",
  "app",
  "external_id",
  "employee_id",
  "severity",
  "change",
  "email",
  "person",
  "person_employee_id",
  "evidence",
];

/** `roster report --csv`: one row per current finding; with `sincePrevious`, the new ones and the fixed ones. */
export function findingsCsv(report: FindingsReport, sincePrevious = false): CsvTable {
  const rows: (ReportFinding | (FixedFinding & { change: "fixed" }))[] = [
    ...report.findings.filter((f) => !sincePrevious || f.change === "new"),
    ...(sincePrevious ? report.fixed.map((f) => ({ ...f, change: "fixed" as const })) : []),
  ].sort(compareFindings);
  return {
    headers: FINDING_HEADERS,
    rows: rows.map((f) => [
      f.kind,
      f.app,
      f.externalId ?? "",
      f.employeeId ?? "",
      f.severity,
      f.change,
      f.email ?? "",
      f.person?.name ?? "",
      f.person?.employeeId ?? "",
      evidenceSummary(f.evidence, 500),
    ]),
  };
}

const ACCOUNT_HEADERS = [
  "app",
  "external_id",
  "email",
  "username",
  "name",
  "status",
  "roles",
  "privileged",
  "last_activity",
  "memberships",
  "situation",
  "employee_id",
  "person",
  "matcher",
  "confidence",
  "link_evidence",
  "candidates",
  "findings",
];

function accountRows(accounts: AppReport["accounts"]): unknown[][] {
  return accounts.map((a) => [
    a.app,
    a.externalId,
    a.email ?? "",
    a.username ?? "",
    a.displayName ?? "",
    a.status,
    a.roles,
    a.privileged ? "yes" : "",
    a.lastActivityAt ?? "",
    a.memberships,
    a.situation,
    a.link?.employeeId ?? "",
    a.link?.personName ?? "",
    a.link?.matcher ?? "",
    a.link ? a.link.confidence : "",
    a.link?.evidence ?? "",
    a.candidates,
    a.findings.map((f) => f.kind),
  ]);
}

/** `roster person --csv`: one row per account of the person. */
export function personCsv(report: PersonReport): CsvTable {
  return { headers: ACCOUNT_HEADERS, rows: accountRows(report.accounts) };
}

/** `roster app --csv`: one row per account of the app. */
export function appCsv(report: AppReport): CsvTable {
  return { headers: ACCOUNT_HEADERS, rows: accountRows(report.accounts) };
}
