/**
 * The HTML report: one self-contained file a person can open and an auditor can keep — header, summary, the
 * people × apps access matrix, the findings table and what changed since the previous run. Inline CSS, no
 * external resources (a Content-Security-Policy forbids loading any), every value escaped, readable without
 * JavaScript and in print.
 */
import type { AccessMatrix, FindingsReport } from "../model.ts";
import { summarise } from "../summary.ts";
import { html, trusted } from "./escape.ts";
import { changesSection, findingsSection } from "./findings-section.ts";
import { matrixSection } from "./matrix-section.ts";
import { REPORT_SCRIPT } from "./script.ts";
import { REPORT_CSS } from "./style.ts";
import { summarySection } from "./summary-section.ts";

const CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:";

export interface HtmlReportInput {
  report: FindingsReport;
  matrix: AccessMatrix;
}

export function renderHtmlReport({ report, matrix }: HtmlReportInput): string {
  const summary = summarise(report);
  const title = `Access report — ${report.company}`;
  const header = html`<header>
<h1>${title}</h1>
<dl>
<dt>generated at</dt><dd id="generated-at">${report.generatedAt}</dd>
${report.asOf ? html`<dt>evaluated as of</dt><dd>${report.asOf}</dd>` : ""}
<dt>analysis run</dt><dd id="run-id">${report.runId}</dd>
<dt>previous analysis</dt><dd>${report.previousRunId ?? "none (first analysis)"}</dd>
${report.syncRunId ? html`<dt>last sync run</dt><dd>${report.syncRunId}</dd>` : ""}
<dt>store</dt><dd>${report.store}</dd>
</dl>
<nav><a href="#summary">Summary</a><a href="#matrix-section">People × apps</a><a href="#unmatched">Unlinked accounts</a><a href="#findings">Findings</a><a href="#changes">Changes</a></nav>
</header>`;
  const page = html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="roster">
<title>${title}</title>
<style>${trusted(REPORT_CSS)}</style>
</head>
<body>
${header}
<main>
${summarySection(summary, report.previousRunId !== null)}
${matrixSection(matrix)}
${findingsSection(report)}
${changesSection(report)}
</main>
<footer>Written by roster. Findings are keyed by kind, app and the account's external id (or the person's employee
id for person findings), the same keys as <code>roster report --json</code> and <code>--csv</code>.</footer>
<script>${trusted(REPORT_SCRIPT)}</script>
</body>
</html>
`;
  return page.value;
}
