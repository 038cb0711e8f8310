/** The report's only stylesheet, inlined: readable on screen, in print, and with colours turned off. */
export const REPORT_CSS = `
:root { --fg: #1d2430; --muted: #5b6575; --line: #d8dde5; --bg-soft: #f5f7fa;
  --ok: #1f7a3d; --ok-bg: #e3f4e8; --warn: #8a5a00; --warn-bg: #fdf1d8; --bad: #a3242a; --bad-bg: #fbe3e4;
  --off: #5b6575; --off-bg: #eceff3; --info: #1c5d99; --info-bg: #e2eefa; }
* { box-sizing: border-box; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); margin: 0;
  padding: 24px 32px 48px; }
h1 { font-size: 24px; margin: 0 0 4px; }
h2 { font-size: 19px; margin: 32px 0 8px; padding-bottom: 4px; border-bottom: 2px solid var(--line); }
h3 { font-size: 15px; margin: 20px 0 6px; }
small, .muted { color: var(--muted); }
header dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 12px 0 0; }
header dt { color: var(--muted); }
header dd { margin: 0; font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 12.5px; }
nav { margin: 16px 0 0; }
nav a { margin-right: 16px; }
.cards { display: flex; flex-wrap: wrap; gap: 12px; margin: 12px 0; }
.card { border: 1px solid var(--line); border-radius: 8px; padding: 10px 14px; min-width: 130px; background: var(--bg-soft); }
.card .n { font-size: 24px; font-weight: 600; display: block; }
.card .l { color: var(--muted); font-size: 12.5px; }
table { border-collapse: collapse; margin: 8px 0; font-size: 13px; }
th, td { border: 1px solid var(--line); padding: 4px 8px; text-align: left; vertical-align: top; }
thead th { background: var(--bg-soft); position: sticky; top: 0; }
td.kind { white-space: nowrap; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
tr.total td, tr.total th { font-weight: 600; background: var(--bg-soft); }
code, .id { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 12px; word-break: break-all; }
.sev { display: inline-block; padding: 0 6px; border-radius: 4px; font-size: 12px; font-weight: 600; }
.sev-critical { background: var(--bad); color: #fff; }
.sev-high { background: var(--bad-bg); color: var(--bad); }
.sev-medium { background: var(--warn-bg); color: var(--warn); }
.sev-low, .sev-info { background: var(--info-bg); color: var(--info); }
.change-new { color: var(--bad); font-weight: 600; }
.matrix td.cell { min-width: 90px; }
.acct { display: block; border-left: 4px solid var(--line); padding: 1px 6px; margin: 1px 0; border-radius: 3px; }
.st-active { background: var(--ok-bg); border-left-color: var(--ok); }
.st-invited { background: var(--info-bg); border-left-color: var(--info); }
.st-suspended, .st-deactivated, .st-archived, .st-deleted, .st-unknown { background: var(--off-bg);
  border-left-color: var(--off); color: var(--off); }
.acct.flagged { background: var(--bad-bg); border-left-color: var(--bad); }
.acct .roles { display: block; font-size: 11.5px; color: var(--muted); }
.acct .flags { display: block; font-size: 11.5px; color: var(--bad); font-weight: 600; }
.person-terminated th[scope=row] { color: var(--bad); }
.legend span { margin-right: 12px; }
.legend .acct { display: inline-block; }
.person-flags { display: block; color: var(--bad); font-size: 11.5px; font-weight: 600; }
.filter { margin: 8px 0; }
.filter input { font: inherit; padding: 4px 8px; width: 280px; }
th[data-sort] { cursor: pointer; }
.note { background: var(--warn-bg); border: 1px solid #f0d9a6; padding: 6px 10px; border-radius: 6px; }
footer { margin-top: 40px; color: var(--muted); font-size: 12px; }
@media print {
  body { padding: 0; font-size: 11px; }
  nav, .filter { display: none; }
  thead th { position: static; }
  thead { display: table-header-group; }
  tr, .card { break-inside: avoid; }
  h2 { break-after: avoid; }
  a { color: inherit; text-decoration: none; }
  .acct, .sev, .card, tr.total td { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
`;
