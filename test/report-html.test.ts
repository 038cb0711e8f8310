/**
 * The HTML report as a file: self-contained (no external resources, one inline script), every value escaped,
 * the matrix capped sensibly for large companies, and the changes since the previous run spelled out.
 */
import { describe, expect, it } from "vitest";
import { findingKeyString } from "../src/core/finding.ts";
import { capMatrix, escapeHtml, renderHtmlReport } from "../src/report/index.ts";
import type { AccessMatrix, FindingsReport, MatrixRow } from "../src/report/model.ts";
import { craftedMatrix, craftedReport, XSS } from "./report-fixtures.ts";

describe("HTML report", () => {
  const report = craftedReport();
  const matrix = craftedMatrix();
  const page = renderHtmlReport({ report, matrix });

  it("is one self-contained document: inline CSS, one inline script, nothing loaded from elsewhere", () => {
    expect(page.startsWith("<!doctype html>")).toBe(true);
    expect(page).toContain('<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;;');
    expect(page.match(/<script\b/g)).toHaveLength(1);
    expect(page.match(/<style\b/g)).toHaveLength(1);
    expect(page).not.toMatch(/<(link|img|iframe|object|embed)\b/i);
    expect(page).not.toMatch(/<[a-z]+\b[^>]*\ssrc\s*=/i);
    expect(page).not.toMatch(/<[a-z]+\b[^>]*\shref="(?!#)/i);
    expect(page).not.toMatch(/url\(|@import/i);
  });

  it("escapes every value that came from an app or the store", () => {
    expect(page).not.toContain(XSS.name);
    expect(page).not.toContain(XSS.email);
    expect(page).not.toContain(XSS.role);
    expect(page).toContain("&lt;script&gt;document.body.dataset.pwned=1&lt;/script&gt;");
    expect(page).toContain("&quot;&gt;&lt;img");
    // Escaped in attributes too (the external id is a data attribute and a title).
    expect(page).toContain(`data-external-id="${"x&quot; onmouseover=&quot;alert(1)"}"`);
  });

  it("has the header, the summary by kind and app, a matrix row per person and a findings row per finding", () => {
    expect(page).toContain("<title>Access report — Acme &amp; Co</title>");
    expect(page).toContain(`<dd id="run-id">${report.runId}</dd>`);
    expect(page).toContain(report.previousRunId!);
    expect(page).toContain("sqlite:/data/roster.db");
    for (const r of matrix.rows) expect(page).toContain(`data-employee-id="${r.employeeId}"`);
    for (const f of report.findings) expect(page).toContain(`data-key="${escapeHtml(findingKeyString(f))}"`);
    expect(page).toMatch(/<tr data-kind="leaver-active"><th scope="row">leaver-active<\/th>/);
    // The duplicate (a person finding) shows in the person's cell of that app.
    const row = page.slice(page.indexOf('data-employee-id="E000003"'));
    const cellStart = row.indexOf('data-app="podio"');
    const podioCell = row.slice(cellStart, row.indexOf("</td>", cellStart));
    expect(podioCell).toContain('<span class="flags person-flags">duplicate</span>');
    expect(podioCell.match(/class="acct /g)).toHaveLength(2);
  });

  it("says what changed since the previous run: new, fixed, unchanged", () => {
    expect(page).toMatch(/<strong>2 new<\/strong>,\s*<strong>1 fixed<\/strong>, 1 unchanged/);
    const fixed = page.slice(page.indexOf('id="fixed-findings"'));
    expect(fixed).toContain(`data-key="${findingKeyString(report.fixed[0]!)}"`);
    expect(fixed).toContain('data-change="fixed"');
  });

  it("on the first analysis, says there is nothing to compare with and leaves out the change column", () => {
    const first: FindingsReport = {
      ...report,
      previousRunId: null,
      fixed: [],
      findings: report.findings.map((f) => ({ ...f, change: "new" })),
    };
    const html = renderHtmlReport({ report: first, matrix });
    expect(html).toContain("This is the first analysis run");
    expect(html).not.toContain(">change</th>");
  });

  it("caps a large matrix: people with findings first, the rest by name, and says how many were left out", () => {
    const rows: MatrixRow[] = Array.from({ length: 2500 }, (_, i) => ({
      employeeId: `E${String(i).padStart(6, "0")}`,
      name: `Person ${String(2500 - i).padStart(4, "0")}`,
      email: `p${i}@acme.example`,
      department: null,
      status: "active",
      cells: {},
      personFindings: {},
      findings: i % 100 === 7 ? 1 : 0,
    }));
    const big: AccessMatrix = { apps: ["podio"], rows, omitted: 0, totalPeople: 2500, unmatched: [] };
    const capped = capMatrix(big);
    expect(capped.rows).toHaveLength(2000);
    expect(capped.omitted).toBe(500);
    expect(capped.rows.slice(0, 25).every((r) => r.findings === 1)).toBe(true);
    expect(capped.rows[25]!.name).toBe("Person 0001");
    const html = renderHtmlReport({ report, matrix: capped });
    expect(html).toContain("Showing 2000 of 2500 people");
    expect(html).toContain("500 people without findings were left out");
    // Under the limit nothing is left out.
    expect(capMatrix({ ...big, rows: rows.slice(0, 1999), totalPeople: 1999 }).omitted).toBe(0);
  });
});
