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
  ])("rejects %j with a clear message", async (args, message) => {
    const { out, err } = await run(...args);
    expect(err).toMatch(message);
    expect(out).toEqual([]);
  });
});
