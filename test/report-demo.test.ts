/**
 * `roster demo` goes on from the sync to the HR import, the analysis and the findings summary, and writes the
 * HTML report, telling the user where it is. (The demo serves the sandboxes on 127.0.0.1, as a user runs it.)
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { Command } from "commander";
import { afterAll, describe, expect, it, vi } from "vitest";
import { registerDemoCommand } from "../src/cli/commands/demo.ts";

const dir = mkdtempSync(join(tmpdir(), "roster-demo-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("roster demo", () => {
  it("imports HR, analyses, prints the findings summary and writes the HTML report", async () => {
    const lines: string[] = [];
    const log = vi.spyOn(console, "log").mockImplementation((...parts: unknown[]) => {
      lines.push(parts.join(" "));
    });
    const stderr = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    const program = new Command().exitOverride();
    registerDemoCommand(program);
    const demoDir = join(dir, "demo");
    try {
      await program.parseAsync(["node", "roster", "demo", "--people", "60", "--seed", "4", "--dir", demoDir]);
    } finally {
      log.mockRestore();
      stderr.mockRestore();
    }
    const code = process.exitCode;
    process.exitCode = 0;
    const out = lines.join("\n");
    expect(code, out).toBe(0);
    expect(out).toMatch(/3\. Importing the HR export/);
    expect(out).toMatch(/hr\.csv: 60 people imported — 60 new/);
    expect(out).toMatch(/4\. Linking every account to a person/);
    expect(out).toMatch(/60 people, \d+ accounts: \d+ linked to a person, \d+ unmatched, \d+ disputed/);
    expect(out).toMatch(/^kind\s+severity\s+docebo\s+podio\s+productboard\s+productive\s+proofhub\s+total$/m);
    expect(out).toMatch(/^leaver-active\s+critical(\s+\d+){6}$/m);
    const file = join(demoDir, "report.html");
    expect(out).toContain(`Open it in a browser: ${pathToFileURL(file).href}`);
    expect(out).toMatch(/A leaver whose access is still active: npx roster person --config .* E\d{6}/);
    expect(existsSync(file)).toBe(true);
    const page = readFileSync(file, "utf8");
    expect(page).toContain('<table id="matrix"');
    expect(page.match(/<tr class="person-[a-z-]+" data-employee-id=/g)).toHaveLength(60);
  }, 120_000);
});
