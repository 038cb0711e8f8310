/** The people × apps access matrix, and the accounts nobody (or more than one person) could be linked to. */
import type { AccessMatrix, MatrixAccount, MatrixRow, UnmatchedAccount } from "../model.ts";
import { classToken, html, type SafeHtml } from "./escape.ts";

function account(a: MatrixAccount): SafeHtml {
  const flagged = a.findings.length > 0 ? " flagged" : "";
  return html`<span class="acct st-${classToken(a.status)}${flagged}" data-external-id="${a.externalId}" title="${a.externalId}">${a.status}${
    a.roles.length > 0 ? html`<span class="roles">${a.roles.join(", ")}</span>` : ""
  }${a.findings.length > 0 ? html`<span class="flags">${a.findings.join(", ")}</span>` : ""}</span>`;
}

function row(r: MatrixRow, apps: string[]): SafeHtml {
  return html`<tr class="person-${classToken(r.status)}" data-employee-id="${r.employeeId}" data-findings="${String(r.findings)}">
<th scope="row">${r.name}<br><small>${r.email}</small><br><small class="id">${r.employeeId}</small></th>
<td>${r.department ?? ""}</td><td>${r.status}</td>
${apps.map((app) => {
  const accounts = r.cells[app] ?? [];
  const own = r.personFindings[app] ?? [];
  return html`<td class="cell" data-app="${app}">${accounts.map(account)}${
    own.length > 0 ? html`<span class="flags person-flags">${own.join(", ")}</span>` : ""
  }</td>`;
})}
</tr>`;
}

function unmatchedTable(accounts: UnmatchedAccount[]): SafeHtml {
  if (accounts.length === 0) return html`<p class="muted">Every account is linked to a person.</p>`;
  return html`<table id="unmatched-table">
<thead><tr><th>app</th><th>account id</th><th>e-mail</th><th>name</th><th>status</th><th>roles</th><th>situation</th><th>findings</th></tr></thead>
<tbody>${accounts.map(
    (a) => html`<tr data-app="${a.app}" data-external-id="${a.externalId}" data-situation="${a.situation}">
<td>${a.app}</td><td class="id">${a.externalId}</td><td>${a.email ?? ""}</td><td>${a.displayName ?? ""}</td>
<td><span class="acct st-${classToken(a.status)}">${a.status}</span></td><td>${a.roles.join(", ")}</td>
<td>${a.situation}</td><td>${a.findings.join(", ")}</td></tr>`,
  )}</tbody></table>`;
}

export function matrixSection(matrix: AccessMatrix): SafeHtml {
  const shown = matrix.rows.length;
  const note =
    matrix.omitted > 0
      ? html`<p class="note" id="matrix-omitted">Showing ${shown} of ${matrix.totalPeople} people: everyone with a
finding first, then the rest by name. ${matrix.omitted} people without findings were left out; <code>roster person</code>
shows anyone, and <code>roster report --csv</code> lists every finding.</p>`
      : html`<p>${matrix.totalPeople} people from HR, ${matrix.apps.length} apps. People with findings come first.</p>`;
  return html`<section id="matrix-section">
<h2>People × apps</h2>
${note}
<p class="legend"><span class="acct st-active">active</span> <span class="acct st-invited">invited</span>
<span class="acct st-deactivated">disabled / suspended / archived</span> <span class="acct st-active flagged">has a finding</span></p>
<div class="filter" data-filter-for="matrix" hidden><input type="search" placeholder="filter people (name, e-mail, department…)" aria-label="filter people"></div>
<table id="matrix" class="matrix">
<thead><tr><th>person</th><th>department</th><th>HR status</th>${matrix.apps.map(
    (a) => html`<th data-app="${a}">${a}</th>`,
  )}</tr></thead>
<tbody>${matrix.rows.map((r) => row(r, matrix.apps))}</tbody>
</table>
<h3 id="unmatched">Accounts not linked to a person (${matrix.unmatched.length})</h3>
${unmatchedTable(matrix.unmatched)}
</section>`;
}
