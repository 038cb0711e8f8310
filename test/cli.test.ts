/**
 * The `roster` command as a user runs it: a child process, real sockets, files on disk.
 */
import { execFile, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { openStore } from "../src/store/connect.ts";
import { finishRun, startRun } from "../src/store/repositories/runs.ts";
import { acquireRunLocks } from "../src/store/run-locks.ts";

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), "roster-cli-"));
const bin = join(import.meta.dirname, "..", "bin", "roster.js");

async function roster(args: string[], env: Record<string, string> = {}) {
  try {
    const { stdout, stderr } = await run(process.execPath, [bin, ...args], {
      cwd: dir,
      env: { ...process.env, NO_COLOR: "1", ...env },
      timeout: 120_000,
    });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe("roster CLI", () => {
  afterAll(() => {});

  it("runs the demo: sandboxes, sync of all five apps, summary, exit 0", async () => {
    const result = await roster(["demo", "--people", "40", "--seed", "3", "--dir", "demo"]);
    expect(result.stderr).not.toMatch(/\n\s+at .*\.ts:\d+/); // no stack trace
    expect(result.code).toBe(0);
    for (const app of ["productboard", "productive", "proofhub", "podio", "docebo"]) {
      expect(result.stdout).toMatch(new RegExp(`^${app}\\s+succeeded`, "m"));
    }
    expect(result.stdout).toMatch(/run [0-9a-f-]{36}: succeeded/);
  }, 180_000);

  it("lists what the demo stored, as JSON and CSV", async () => {
    const config = join(dir, "demo", "roster.yaml");
    const json = await roster(["accounts", "--config", config, "--app", "podio", "--json"]);
    expect(json.code).toBe(0);
    const accounts = JSON.parse(json.stdout) as { app: string; externalId: string; status: string }[];
    expect(accounts.length).toBeGreaterThan(5);
    expect(accounts.every((a) => a.app === "podio")).toBe(true);
    const csv = await roster(["groups", "--config", config, "--kind", "space", "--csv"]);
    expect(csv.code).toBe(0);
    expect(csv.stdout.split("\n")[0]).toBe("app,kind,external_id,name,members,dynamic,gone");
    expect(csv.stdout).toContain("Company Hub");
  }, 60_000);

  it("lists the demo's runs, newest first, with how each ended", async () => {
    const config = join(dir, "demo", "roster.yaml");
    const text = await roster(["runs", "--config", config]);
    expect(text.code).toBe(0);
    const lines = text.stdout.trim().split("\n");
    expect(lines[0]).toMatch(/^started\s+kind\s+status\s+took\s+what\s+id$/);
    expect(lines[1]).toMatch(/analyze\s+succeeded\s+.*\d+ accounts, \d+ findings/);
    expect(lines[2]).toMatch(/import\s+succeeded\s+.*40 people, 0 gone/);
    expect(lines[3]).toMatch(/sync\s+succeeded\s+.*5 apps succeeded/);
    const json = await roster(["runs", "--config", config, "--kind", "sync", "--json"]);
    const runs = JSON.parse(json.stdout) as { kind: string; summary: { apps: Record<string, unknown> } }[];
    expect(runs.map((r) => r.kind)).toEqual(["sync"]);
    expect(Object.keys(runs[0]!.summary.apps).sort()).toEqual([
      "docebo",
      "podio",
      "productboard",
      "productive",
      "proofhub",
    ]);
    const bad = await roster(["runs", "--config", config, "--kind", "backup"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--kind <kind>' argument 'backup' is invalid/);
  }, 60_000);

  it("refuses to sync an app another live run is syncing, names that run, writes nothing and exits 1", async () => {
    const config = join(dir, "demo", "roster.yaml");
    const store = await openStore({ sqlitePath: join(dir, "demo", "roster.db") });
    try {
      const other = await startRun(store.db, "sync");
      const held = await acquireRunLocks(store.db, other, ["sync:podio"]);
      const before = await store.db.selectFrom("runs").select("id").execute();
      const result = await roster(["sync", "--config", config, "--app", "podio"]);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`roster: the sync of podio is already being done by run ${other}`);
      const after = await store.db.selectFrom("runs").selectAll().execute();
      const refused = after.filter((r) => !before.some((b) => b.id === r.id));
      expect(refused).toMatchObject([{ kind: "sync", status: "failed" }]);
      await held.release();
      await finishRun(store.db, other, "failed", {}, "test");
    } finally {
      await store.close();
    }
  }, 60_000);

  it("never writes a secret of the demo config into its output", async () => {
    const config = readFileSync(join(dir, "demo", "roster.yaml"), "utf8");
    const secrets = [...config.matchAll(/(?:token|apiKey|clientSecret|password|scimToken): (\S+)/g)].map(
      (m) => m[1]!,
    );
    expect(secrets.length).toBeGreaterThan(4);
    const out = await roster(["accounts", "--config", join(dir, "demo", "roster.yaml"), "--json"]);
    for (const secret of secrets) expect(out.stdout + out.stderr).not.toContain(secret);
  }, 60_000);

  it("names the line and key of a bad config and exits 2", async () => {
    writeFileSync(
      join(dir, "bad.yaml"),
      "apps:\n  podio:\n    type: podio\n    baseUrl: not a url\n    orgId: 1\n    clientId: x\n    clientSecret: ${NOPE_SECRET}\n",
    );
    const result = await roster(["sync", "--config", "bad.yaml"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("bad.yaml");
    expect(result.stderr).toMatch(
      /line 7: apps\.podio\.clientSecret: environment variable NOPE_SECRET is not set/,
    );
  }, 60_000);

  it("reports an unreachable app without a stack trace and exits non-zero", async () => {
    writeFileSync(
      join(dir, "down.yaml"),
      "store:\n  sqlite: down.db\napps:\n  pf:\n    type: productive\n    baseUrl: http://127.0.0.1:9/api/v2\n    token: t\n    organizationId: 1\n    timeoutMs: 2000\n",
    );
    const result = await roster(["sync", "--config", "down.yaml"]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/pf\s+failed/);
    expect(result.stdout + result.stderr).not.toMatch(/at .*\.ts:\d+/);
  }, 120_000);

  it("starts the sandboxes, prints URLs and credentials as JSON, serves them until stopped", async () => {
    const child = spawn(
      process.execPath,
      [bin, "sandbox", "--people", "25", "--port-base", "0", "--json", "--config", "sb.yaml"],
      {
        cwd: dir,
        env: { ...process.env, NO_COLOR: "1" },
      },
    );
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString();
    });
    const exited = new Promise<number | null>((done) => child.on("exit", (code) => done(code)));
    try {
      while (!out.trim().endsWith("}")) await new Promise((r) => setTimeout(r, 100));
      const info = JSON.parse(out) as {
        config: string;
        apps: {
          productive: { baseUrl: string; token: string; organizationId: string };
          podio: { baseUrl: string };
        };
      };
      const people = await fetch(`${info.apps.productive.baseUrl}/people?page[size]=5`, {
        headers: {
          "X-Auth-Token": info.apps.productive.token,
          "X-Organization-Id": info.apps.productive.organizationId,
        },
      });
      expect(people.status).toBe(200);
      expect(((await people.json()) as { data: unknown[] }).data).toHaveLength(5);
      const state = await fetch(`${info.apps.podio.baseUrl}/_sandbox/state`);
      expect(state.status).toBe(200);
      expect(readFileSync(info.config, "utf8")).toContain("type: podio");
    } finally {
      child.kill("SIGINT");
    }
    expect(await exited).toBe(0);
  }, 60_000);

  it("rejects a bad number with the flag's name", async () => {
    const result = await roster(["sandbox", "--people", "many"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("--people expects a whole number");
  });
});
