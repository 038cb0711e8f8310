/**
 * Terminal layouts of the reports: the findings summary (kind × app), the findings list, what changed since the
 * previous analysis, and the person and app views. Colour only when the caller says so.
 */
import { paint, table } from "../cli/output.ts";
import type { AccountView, AppReport, FindingsReport, FixedFinding, PersonReport } from "./model.ts";
import { compareFindings, evidenceSummary, subjectId, summarise } from "./summary.ts";

function severity(text: string, color: boolean): string {
  const style = text === "critical" || text === "high" ? "red" : text === "medium" ? "yellow" : "cyan";
  return paint(text, style, color);
}

/** Findings by kind × app with totals and each kind's severity. */
export function findingsSummaryText(report: FindingsReport, color: boolean): string {
  const s = summarise(report);
  if (s.total === 0) return "No findings.";
  const rows: (string | number)[][] = s.kinds.map((k) => [
    k.kind,
    severity(k.severity, color),
    ...s.apps.map((a) => k.byApp[a] ?? 0),
    k.total,
  ]);
  rows.push([paint("total", "bold", color), "", ...s.apps.map((a) => s.byApp[a] ?? 0), s.total]);
  return table(["kind", "severity", ...s.apps, "total"], rows);
}

function findingRows(findings: (FixedFinding & { change?: string })[], color: boolean): string[][] {
  return [...findings]
    .sort(compareFindings)
    .map((f) => [
      f.kind,
      severity(f.severity, color),
      f.app,
      subjectId(f),
      f.email ?? "",
      f.person ? `${f.person.name} (${f.person.employeeId})` : "",
      evidenceSummary(f.evidence, 70),
    ]);
}

const LIST_HEADERS = ["kind", "severity", "app", "id", "e-mail", "person", "evidence"];

export function findingsListText(findings: FixedFinding[], color: boolean): string {
  return findings.length === 0 ? "None." : table(LIST_HEADERS, findingRows(findings, color));
}

/** "Since the previous analysis: N new, M fixed, K unchanged", then the new and the fixed ones. */
export function changesText(report: FindingsReport, color: boolean): string {
  if (report.previousRunId === null) return "This is the first analysis: nothing to compare with yet.";
  const added = report.findings.filter((f) => f.change === "new");
  const unchanged = report.findings.length - added.length;
  const lines = [
    `Since the previous analysis (${report.previousRunId}): ${paint(`${added.length} new`, "bold", color)}, ${paint(`${report.fixed.length} fixed`, "bold", color)}, ${unchanged} unchanged`,
  ];
  if (added.length > 0) lines.push("", paint("New", "bold", color), findingsListText(added, color));
  if (report.fixed.length > 0)
    lines.push("", paint("Fixed", "bold", color), findingsListText(report.fixed, color));
  return lines.join("\n");
}

/** The whole `roster report` text: header, summary, list, changes. */
export function findingsReportText(report: FindingsReport, color: boolean, sincePrevious = false): string {
  const filters = [
    report.filters.app ? `app ${report.filters.app}` : "",
    report.filters.kind ? `kind ${report.filters.kind}` : "",
  ].filter(Boolean);
  const head = `${paint(`Findings of ${report.company}`, "bold", color)} — analysis ${report.runId}${report.asOf ? `, as of ${report.asOf}` : ""}${filters.length ? ` (only ${filters.join(", ")})` : ""}`;
  if (sincePrevious) {
    return [head, "", changesText(report, color)].join("\n");
  }
  return [
    head,
    "",
    findingsSummaryText(report, color),
    "",
    paint(`Findings (${report.findings.length})`, "bold", color),
    findingsListText(report.findings, color),
    "",
    changesText(report, color),
  ].join("\n");
}

function accountTable(accounts: AccountView[], withPerson: boolean): string {
  if (accounts.length === 0) return "No accounts.";
  const headers = withPerson
    ? ["id", "e-mail", "status", "roles", "person", "link", "findings"]
    : ["app", "id", "e-mail", "status", "roles", "link", "findings"];
  const rows = accounts.map((a) => {
    const link = !a.analyzed
      ? "not analysed yet"
      : a.link
        ? `${a.link.matcher} ${a.link.confidence.toFixed(2)}${a.link.evidence ? ` (${a.link.evidence})` : ""}`
        : a.situation === "disputed"
          ? `disputed: ${a.candidates.join(", ")}`
          : a.situation;
    const findings = a.findings.map((f) => f.kind).join(", ");
    return withPerson
      ? [
          a.externalId,
          a.email ?? "",
          a.status,
          a.roles.join(", "),
          a.link ? `${a.link.personName} (${a.link.employeeId})` : a.situation,
          a.link ? link : a.situation === "disputed" ? a.candidates.join(", ") : "",
          findings,
        ]
      : [a.app, a.externalId, a.email ?? "", a.status, a.roles.join(", "), link, findings];
  });
  return table(headers, rows);
}

export function personText(report: PersonReport, color: boolean): string {
  const p = report.person;
  const card = [
    `${paint(`${p.firstName} ${p.lastName}`, "bold", color)} — ${p.employeeId}`,
    `  e-mail      ${p.email}${p.aliases.length ? ` (aliases: ${p.aliases.join(", ")})` : ""}`,
    `  status      ${p.status === "terminated" ? paint(p.status, "red", color) : p.status}${p.startDate ? `, started ${p.startDate}` : ""}${p.endDate ? `, left ${p.endDate}` : ""}`,
    `  department  ${p.department ?? "—"}${p.title ? `, ${p.title}` : ""}`,
    `  manager     ${p.managerId ?? "—"}`,
  ];
  const lines = [
    ...card,
    "",
    paint(`Accounts (${report.accounts.length})`, "bold", color),
    accountTable(report.accounts, false),
  ];
  const grouped = report.accounts.filter((a) => a.memberships.length > 0);
  if (grouped.length > 0) {
    lines.push("", paint("Groups, roles and grants", "bold", color));
    for (const a of grouped) lines.push(`  ${a.app} ${a.externalId}: ${a.memberships.join("; ")}`);
  }
  if (report.findings.length > 0) {
    lines.push("", paint("Person findings", "bold", color));
    for (const f of report.findings)
      lines.push(`  ${f.kind} (${severity(f.severity, color)}) in ${f.app}: ${evidenceSummary(f.evidence)}`);
  }
  return lines.join("\n");
}

export function appText(report: AppReport, color: boolean): string {
  const c = report.counts;
  const lines = [
    `${paint(report.app, "bold", color)}: ${c.accounts} accounts — ${c.linked} linked, ${c.unmatched} unmatched, ${c.disputed} disputed; ${c.findings} findings`,
    "",
    accountTable(report.accounts, true),
  ];
  if (report.personFindings.length > 0) {
    lines.push("", paint("Person findings", "bold", color));
    for (const f of report.personFindings)
      lines.push(
        `  ${f.kind} (${severity(f.severity, color)}) ${f.employeeId}: ${evidenceSummary(f.evidence)}`,
      );
  }
  return lines.join("\n");
}
