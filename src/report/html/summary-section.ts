/** Summary cards (findings by severity, changes, per app) and the findings-by-kind × app table. */
import type { FindingsSummary } from "../summary.ts";
import { SEVERITIES, severityRank } from "../summary.ts";
import { classToken, html, type SafeHtml } from "./escape.ts";

function card(n: number, label: string, cls = ""): SafeHtml {
  return html`<div class="card ${cls}"><span class="n">${n}</span><span class="l">${label}</span></div>`;
}

export function summarySection(summary: FindingsSummary, hasPrevious: boolean): SafeHtml {
  const severities = Object.keys(summary.bySeverity).sort((a, b) => severityRank(a) - severityRank(b));
  const cards = [
    card(summary.total, "findings"),
    ...severities.map((s) => card(summary.bySeverity[s] ?? 0, `${s} severity`, `sev-card-${classToken(s)}`)),
    ...(hasPrevious
      ? [
          card(summary.changes.new, "new since the previous run"),
          card(summary.changes.fixed, "fixed since the previous run"),
          card(summary.changes.unchanged, "unchanged"),
        ]
      : []),
  ];
  const appCards = summary.apps.map((app) => card(summary.byApp[app] ?? 0, `findings in ${app}`));
  return html`<section id="summary">
<h2>Summary</h2>
<div class="cards" id="summary-cards">${cards}</div>
<div class="cards" id="app-cards">${appCards}</div>
${kindTable(summary)}
<p class="legend muted">Severities: ${SEVERITIES.map((s) => html`<span class="sev sev-${s}">${s}</span> `)}</p>
</section>`;
}

function kindTable(summary: FindingsSummary): SafeHtml {
  if (summary.total === 0) return html`<p>No findings.</p>`;
  const rows = summary.kinds.map(
    (k) => html`<tr data-kind="${k.kind}"><th scope="row">${k.kind}</th>
<td><span class="sev sev-${classToken(k.severity)}">${k.severity}</span></td>
${summary.apps.map((app) => html`<td class="num">${k.byApp[app] ?? 0}</td>`)}<td class="num">${k.total}</td></tr>`,
  );
  return html`<table id="summary-table">
<thead><tr><th>kind</th><th>severity</th>${summary.apps.map((a) => html`<th class="num">${a}</th>`)}<th class="num">total</th></tr></thead>
<tbody>${rows}</tbody>
<tfoot><tr class="total"><th scope="row">total</th><td></td>${summary.apps.map(
    (a) => html`<td class="num">${summary.byApp[a] ?? 0}</td>`,
  )}<td class="num">${summary.total}</td></tr></tfoot>
</table>`;
}
