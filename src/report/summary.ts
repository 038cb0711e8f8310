/** Counting findings: by kind × app (with totals), by severity, and what changed since the previous run. */
import { FINDING_KINDS } from "../core/finding.ts";
import type { FindingsReport, ReportFinding } from "./model.ts";

/** Severities from most to least urgent; unknown ones sort after these. */
export const SEVERITIES = ["critical", "high", "medium", "low"] as const;

export function severityRank(severity: string): number {
  const i = (SEVERITIES as readonly string[]).indexOf(severity);
  return i < 0 ? SEVERITIES.length : i;
}

function kindRank(kind: string): number {
  const i = (FINDING_KINDS as readonly string[]).indexOf(kind);
  return i < 0 ? FINDING_KINDS.length : i;
}

export interface KindRow {
  kind: string;
  /** The most urgent severity among this kind's findings. */
  severity: string;
  byApp: Record<string, number>;
  total: number;
}

export interface FindingsSummary {
  apps: string[];
  kinds: KindRow[];
  byApp: Record<string, number>;
  bySeverity: Record<string, number>;
  total: number;
  changes: { new: number; fixed: number; unchanged: number };
}

export function summarise(report: Pick<FindingsReport, "findings" | "fixed">): FindingsSummary {
  const apps = [...new Set(report.findings.map((f) => f.app))].sort();
  const kinds = new Map<string, KindRow>();
  const byApp: Record<string, number> = Object.fromEntries(apps.map((a) => [a, 0]));
  const bySeverity: Record<string, number> = {};
  for (const f of report.findings) {
    let row = kinds.get(f.kind);
    if (!row) {
      row = { kind: f.kind, severity: f.severity, byApp: {}, total: 0 };
      kinds.set(f.kind, row);
    }
    if (severityRank(f.severity) < severityRank(row.severity)) row.severity = f.severity;
    row.byApp[f.app] = (row.byApp[f.app] ?? 0) + 1;
    row.total++;
    byApp[f.app] = (byApp[f.app] ?? 0) + 1;
    bySeverity[f.severity] = (bySeverity[f.severity] ?? 0) + 1;
  }
  const unchanged = report.findings.filter((f) => f.change === "unchanged").length;
  return {
    apps,
    kinds: [...kinds.values()].sort((a, b) => kindRank(a.kind) - kindRank(b.kind)),
    byApp,
    bySeverity,
    total: report.findings.length,
    changes: { new: report.findings.length - unchanged, fixed: report.fixed.length, unchanged },
  };
}

/** Report order: most urgent first, then kind, app and id — stable across runs so diffs read well. */
export function compareFindings(a: ReportFinding | Omit<ReportFinding, "change">, b: typeof a): number {
  return (
    severityRank(a.severity) - severityRank(b.severity) ||
    kindRank(a.kind) - kindRank(b.kind) ||
    a.app.localeCompare(b.app) ||
    (a.externalId ?? a.employeeId ?? "").localeCompare(b.externalId ?? b.employeeId ?? "")
  );
}

/** The id a reader looks for: the account's external id, or the person's employee id for person findings. */
export function subjectId(f: { externalId?: string; employeeId?: string }): string {
  return f.externalId ?? f.employeeId ?? "";
}

const EVIDENCE_MAX = 100;

/**
 * Evidence in one line: the analysis's own `summary` sentence when it wrote one; otherwise `key: value` pairs in
 * the stored order, lists joined, nested objects flattened one level. Cut at `max` characters; the full object is
 * in the JSON output.
 */
export function evidenceSummary(evidence: Record<string, unknown>, max = EVIDENCE_MAX): string {
  if (typeof evidence.summary === "string" && evidence.summary !== "") return cut(evidence.summary, max);
  const parts: string[] = [];
  for (const [key, value] of Object.entries(evidence)) {
    if (value === null || value === undefined || value === "") continue;
    parts.push(`${key}: ${shortValue(value)}`);
  }
  return cut(parts.join("; "), max);
}

function cut(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function shortValue(value: unknown): string {
  if (Array.isArray(value)) return value.map(shortValue).join(", ");
  if (typeof value === "object" && value !== null)
    return Object.entries(value)
      .map(([k, v]) => `${k}=${typeof v === "object" && v !== null ? JSON.stringify(v) : String(v)}`)
      .join(" ");
  return String(value);
}
