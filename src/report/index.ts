/**
 * Reports over the identity graph: the findings of an analysis run with what changed since the previous one, a
 * person's and an app's accounts, and the self-contained HTML report. See docs/reports.md.
 */
export { type AccessMatrixOptions, loadAccessMatrix } from "./access-matrix.ts";
export { loadAppReport } from "./app-report.ts";
export { type FindingsReportOptions, loadFindingsReport, ReportError } from "./findings-report.ts";
export { escapeHtml } from "./html/escape.ts";
export { type HtmlReportInput, renderHtmlReport } from "./html/index.ts";
export { capMatrix, MATRIX_ROW_LIMIT } from "./matrix.ts";
export type * from "./model.ts";
export { loadPersonReport } from "./person-report.ts";
export { appInStore } from "./queries.ts";
export { evidenceSummary, type FindingsSummary, SEVERITIES, summarise } from "./summary.ts";
export { appCsv, type CsvTable, findingsCsv, findingsJson, personCsv } from "./tabular.ts";
export { appText, changesText, findingsReportText, findingsSummaryText, personText } from "./text.ts";
