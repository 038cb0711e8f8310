/**
 * The HTML report in a real browser: headless Chromium (Debian's package at /usr/bin/chromium, or
 * $ROSTER_CHROMIUM) loads the file, and the DOM it built must hold the access matrix (a row per person, a cell
 * per app) and the findings table; a screenshot must be a real picture. Skipped with a message when Chromium is
 * not installed, unless ROSTER_REQUIRE_CHROMIUM=1 (CI), where that is a failure.
 */
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findingKeyString } from "../src/core/finding.ts";
import { loadAccessMatrix, loadFindingsReport, renderHtmlReport } from "../src/report/index.ts";
import { craftedMatrix, craftedReport } from "./report-fixtures.ts";
import { openPipeline, type Pipeline } from "./report-pipeline.ts";

const CHROMIUM = process.env.ROSTER_CHROMIUM ?? "/usr/bin/chromium";
const present = existsSync(CHROMIUM);
if (!present) {
  const reason = `Chromium not found at ${CHROMIUM} (apt-get install chromium, or set ROSTER_CHROMIUM)`;
  if (process.env.ROSTER_REQUIRE_CHROMIUM === "1") throw new Error(`${reason} (ROSTER_REQUIRE_CHROMIUM=1)`);
  console.warn(`skipping the browser test of the HTML report — ${reason}`);
}

const run = promisify(execFile);
/** Scratch folder for the report, the screenshot and Chromium profiles (made when the suite runs). */
let dir = "";
const WIDTH = 1280;
const HEIGHT = 900;

/** Headless Chromium with nothing that phones home; returns stdout. */
async function chromium(...args: string[]): Promise<string> {
  const profile = mkdtempSync(join(dir, "profile-"));
  const { stdout } = await run(
    CHROMIUM,
    [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--hide-scrollbars",
      `--user-data-dir=${profile}`,
      ...args,
    ],
    { timeout: 90_000, maxBuffer: 64 * 1024 * 1024 },
  );
  return stdout;
}

function dumpDom(file: string): Promise<string> {
  return chromium("--dump-dom", pathToFileURL(file).href);
}

/** The `<tr>` elements of the table with this id, as serialised by the browser. */
function tableRows(dom: string, id: string): string[] {
  const start = dom.indexOf(`<table id="${id}"`);
  if (start < 0) return [];
  const table = dom.slice(start, dom.indexOf("</table>", start));
  const body = table.slice(table.indexOf("<tbody>"));
  return body.split(/<tr\b/).slice(1);
}

describe.skipIf(!present)("HTML report in headless Chromium", () => {
  let pipeline: Pipeline;
  let file: string;
  let dom: string;
  let findingsKeys: string[];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "roster-browser-"));
    pipeline = await openPipeline({ people: 60, seed: 21 });
    await pipeline.sync();
    await pipeline.importHr();
    await pipeline.analyze();
    const report = await loadFindingsReport(pipeline.store.db, {
      company: pipeline.loaded.config.company.name,
      store: pipeline.store.location,
    });
    findingsKeys = report.findings.map((f) => findingKeyString(f));
    const matrix = await loadAccessMatrix(pipeline.store.db, { findings: report.findings });
    file = join(dir, "report.html");
    writeFileSync(file, renderHtmlReport({ report, matrix }));
    dom = await dumpDom(file);
  }, 180_000);
  afterAll(async () => {
    await pipeline?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("shows the access matrix: a row per person from HR, a cell per app, accounts with their status", () => {
    const rows = tableRows(dom, "matrix");
    expect(rows).toHaveLength(pipeline.world.hr.length);
    for (const person of pipeline.world.hr) {
      const row = rows.find((r) => r.includes(`data-employee-id="${person.employeeId}"`));
      expect(row, person.employeeId).toBeDefined();
      expect(row).toContain(`${person.firstName} ${person.lastName}`);
      const cells = row!.match(/<td class="cell" data-app="([a-z]+)"/g) ?? [];
      expect(cells).toHaveLength(5);
    }
    // Someone holds an active account somewhere, drawn as one.
    expect(rows.some((r) => /<span class="acct st-active[^"]*"[^>]*>active/.test(r))).toBe(true);
    // A leaver still active is flagged in the matrix.
    const leaver = pipeline.world.answerKey.find((e) => e.kind === "leaver-active")!;
    expect(dom).toMatch(
      new RegExp(
        `data-external-id="${leaver.externalId}"[^>]*>active(<span class="roles">[^<]*</span>)?<span class="flags">[^<]*leaver-active`,
      ),
    );
    expect(tableRows(dom, "unmatched-table").length).toBeGreaterThan(0);
  });

  it("shows the findings table with a row per finding, including the planted leavers and orphans", () => {
    const rows = tableRows(dom, "findings-table");
    expect(rows).toHaveLength(findingsKeys.length);
    const shown = new Set(rows.map((r) => /data-key="([^"]*)"/.exec(r)![1]!));
    expect(shown).toEqual(new Set(findingsKeys));
    const planted = pipeline.world.answerKey.filter((e) => e.kind === "leaver-active" || e.kind === "orphan");
    expect(planted.length).toBeGreaterThan(5);
    for (const entry of planted) expect(shown).toContain(findingKeyString(entry));
  });

  it("runs its inline script under its own Content-Security-Policy (the filter boxes appear)", () => {
    expect(dom).toMatch(/<div class="filter" data-filter-for="findings-table"><input/);
    expect(dom).not.toMatch(/data-filter-for="findings-table" hidden/);
  });

  it("renders to a real picture (a non-trivial PNG of the window's size)", async () => {
    const shot = join(dir, "report.png");
    await chromium(`--screenshot=${shot}`, `--window-size=${WIDTH},${HEIGHT}`, pathToFileURL(file).href);
    const png = readFileSync(shot);
    expect(png.subarray(0, 8).toString("hex")).toBe("89504e470d0a1a0a");
    expect(png.subarray(12, 16).toString("ascii")).toBe("IHDR");
    expect(png.readUInt32BE(16)).toBe(WIDTH);
    expect(png.readUInt32BE(20)).toBe(HEIGHT);
    // A blank page of this size compresses to a few KB; text, tables and colours take far more.
    expect(png.length).toBeGreaterThan(40_000);
  }, 120_000);

  it("does not run markup that came from an app", async () => {
    const crafted = join(dir, "crafted.html");
    writeFileSync(crafted, renderHtmlReport({ report: craftedReport(), matrix: craftedMatrix() }));
    const page = await dumpDom(crafted);
    expect(page).not.toMatch(/data-pwned/);
    expect(page).not.toMatch(/<img\b/);
    expect(page).toContain("&lt;script&gt;document.body.dataset.pwned=1&lt;/script&gt;");
    expect(tableRows(page, "matrix")).toHaveLength(2);
  }, 120_000);
});
