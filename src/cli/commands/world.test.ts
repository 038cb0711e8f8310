import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Command } from "commander";
import { afterAll, describe, expect, it } from "vitest";
import { registerWorldCommand } from "./world.ts";

const dir = mkdtempSync(join(tmpdir(), "roster-world-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(...args: string[]): Promise<{ out: string[]; err: string }> {
  const out: string[] = [];
  let err = "";
  const program = new Command()
    .exitOverride()
    .configureOutput({ writeErr: (text) => (err += text), writeOut: () => {} });
  registerWorldCommand(program, (line) => out.push(line));
  try {
    await program.parseAsync(["node", "roster", "world", ...args]);
  } catch {
    // commander reports usage errors through writeErr and then throws (exitOverride)
  }
  return { out, err };
}

describe("roster world", () => {
  it("writes the world and prints a summary", async () => {
    const out = join(dir, "w");
    const { out: lines, err } = await run(
      "--people",
      "120",
      "--seed",
      "8",
      "--out",
      out,
      "--as-of",
      "2026-06-30",
    );
    expect(err).toBe("");
    const text = lines.join("\n");
    expect(text).toContain("seed 8, as of 2026-06-30T00:00:00.000Z");
    expect(text).toMatch(/People: 120 \(\d+ active, \d+ on leave, \d+ terminated\) → hr\.csv/);
    for (const app of ["productboard", "productive", "proofhub", "podio", "docebo"]) {
      expect(text).toContain(`apps/${app}.json`);
    }
    expect(text).toMatch(/Answer key: \d+ findings → answer-key\.json/);
    expect(text).toMatch(/leaver-active \d+/);
    const meta = JSON.parse(readFileSync(join(out, "world.json"), "utf8"));
    expect(meta).toMatchObject({ seed: 8, people: 120, asOf: "2026-06-30T00:00:00.000Z" });
  });

  it("gives every app, or the apps named, the coverage asked for", async () => {
    const share = async (coverage: string) => {
      const { out: lines, err } = await run(
        "--people",
        "1000",
        "--seed",
        "4",
        "--out",
        join(dir, "c"),
        "--coverage",
        coverage,
      );
      expect(err).toBe("");
      const counts = new Map(
        [...lines.join("\n").matchAll(/^(productboard|productive|proofhub|podio|docebo)\s+(\d+)/gm)].map(
          (m) => [m[1]!, Number(m[2]) / 1000],
        ),
      );
      expect(counts.size).toBe(5);
      return counts;
    };
    const dense = await share("0.9");
    for (const [app, s] of dense) expect(s, app).toBeGreaterThan(0.8);
    const some = await share("podio=0.1, docebo = 0.2");
    expect(some.get("podio")).toBeLessThan(0.15);
    expect(some.get("docebo")).toBeLessThan(0.3);
    expect(some.get("productive")).toBeGreaterThan(0.5); // its own default, 0.6
  });

  it.each([
    [["--people", "many", "--out", "x"], /--people expects a whole number from 0 to 1000000, got "many"/],
    [["--people", "-3", "--out", "x"], /--people expects a whole number/],
    [
      ["--people", "10", "--seed", "1.5", "--out", "x"],
      /--seed expects a whole number from 0 to 4294967295, got "1.5"/,
    ],
    [["--people", "10", "--out", "x", "--as-of", "soon"], /--as-of expects an ISO-8601 date or instant/],
    [
      ["--people", "10", "--out", "x", "--as-of", "2015-01-01"],
      /--as-of expects an ISO-8601 date or instant from 2020/,
    ],
    [["--people", "10"], /required option '--out <dir>' not specified/],
    [["--people", "10", "--out", "x", "--coverage", "1.5"], /--coverage expects a share from 0.01 to 0.95/],
    [["--people", "10", "--out", "x", "--coverage", "slack=0.5"], /--coverage names an unknown app "slack"/],
    [["--people", "10", "--out", "x", "--coverage", "podio=lots"], /--coverage expects a share/],
  ])("rejects %j with a clear message", async (args, message) => {
    const { out, err } = await run(...args);
    expect(err).toMatch(message);
    expect(out).toEqual([]);
  });
});
