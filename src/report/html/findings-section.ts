/** The findings table and the list of what changed since the previous analysis run. */
import { findingKeyString } from "../../core/finding.ts";
import type { FindingsReport, FixedFinding, ReportFinding } from "../model.ts";
import { compareFindings, evidenceSummary, severityRank, subjectId } from "../summary.ts";
import { classToken, html, type SafeHtml } from "./escape.ts";

function filterBox(tableId: string, placeholder: string): SafeHtml {
  // Hidden until the script runs: without JS there is nothing to type into.
  return html`<div class="filter" data-filter-for="${tableId}" hidden><input type="search" placeholder="${placeholder}" aria-label="${placeholder}"></div>`;
}

function personCell(f: FixedFinding): SafeHtml {
  if (!f.person) return html`<span class="muted">—</span>`;
  return html`${f.person.name}<br><small class="id">${f.person.employeeId}</small>`;
}

function findingRow(f: ReportFinding | FixedFinding, withChange: boolean): SafeHtml {
  const change = "change" in f ? f.change : "fixed";
  return html`<tr data-key="${findingKeyString(f)}" data-kind="${f.kind}" data-app="${f.app}" data-change="${change}">
<td class="kind">${f.kind}</td>
<td data-v="${String(severityRank(f.severity))}"><span class="sev sev-${classToken(f.severity)}">${f.severity}</span></td>
<td>${f.app}</td>
<td class="id">${subjectId(f)}${f.externalId ? "" : html` <small>(employee)</small>`}</td>
<td>${f.email ?? ""}</td>
<td>${personCell(f)}</td>
<td>${evidenceSummary(f.evidence, 160)}</td>
${withChange ? html`<td class="change-${change}">${change}</td>` : ""}
</tr>`;
}

const HEADERS = ["kind", "severity", "app", "account / employee id", "e-mail", "person", "evidence"];

export function findingsSection(report: FindingsReport): SafeHtml {
  const findings = [...report.findings].sort(compareFindings);
  const withChange = report.previousRunId !== null;
  const headers = withChange ? [...HEADERS, "change"] : HEADERS;
  const filters = [
    report.filters.app ? `app ${report.filters.app}` : "",
    report.filters.kind ? `kind ${report.filters.kind}` : "",
  ].filter(Boolean);
  return html`<section id="findings">
<h2>Findings (${findings.length})</h2>
${filters.length > 0 ? html`<p class="note">Only ${filters.join(" and ")}.</p>` : ""}
${filterBox("findings-table", "filter findings (kind, app, e-mail, person…)")}
${
  findings.length === 0
    ? html`<p>No findings.</p>`
    : html`<table id="findings-table" data-sortable>
<thead><tr>${headers.map((h) => html`<th data-sort>${h}</th>`)}</tr></thead>
<tbody>${findings.map((f) => findingRow(f, withChange))}</tbody>
</table>`
}
</section>`;
}

export function changesSection(report: FindingsReport): SafeHtml {
  if (report.previousRunId === null)
    return html`<section id="changes"><h2>Since the previous analysis</h2>
<p>This is the first analysis run: there is nothing to compare with yet.</p></section>`;
  const added = report.findings.filter((f) => f.change === "new").sort(compareFindings);
  const fixed = [...report.fixed].sort(compareFindings);
  const unchanged = report.findings.length - added.length;
  const list = (id: string, title: string, rows: FixedFinding[]) =>
    rows.length === 0
      ? html`<h3>${title}</h3><p class="muted">None.</p>`
      : html`<h3>${title}</h3><table id="${id}"><thead><tr>${HEADERS.map((h) => html`<th>${h}</th>`)}</tr></thead>
<tbody>${rows.map((f) => findingRow(f, false))}</tbody></table>`;
  return html`<section id="changes">
<h2>Since the previous analysis</h2>
<p>Compared with analysis run <code>${report.previousRunId}</code>: <strong>${added.length} new</strong>,
<strong>${fixed.length} fixed</strong>, ${unchanged} unchanged.</p>
${list("new-findings", `New (${added.length})`, added)}
${list("fixed-findings", `Fixed (${fixed.length})`, fixed)}
</section>`;
}
