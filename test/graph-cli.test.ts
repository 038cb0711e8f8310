/** `roster import`, `roster link / unlink / ignore` and `roster decisions` against a synced store on disk. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Command } from "commander";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { registerImportCommand } from "../src/cli/commands/import.ts";
import { registerLinkCommands } from "../src/cli/commands/link.ts";
import { listDecisions } from "../src/graph/index.ts";
import { sandboxConfigYaml } from "../src/sandbox/registry.ts";
import { APP_NAMES, type AppName } from "../src/sandbox/world/types.ts";
import { openStore } from "../src/store/connect.ts";
import { type GraphWorld, openGraphWorld } from "./graph-harness.ts";

const dir = mkdtempSync(join(tmpdir(), "roster-graph-cli-"));
const configFile = join(dir, "roster.yaml");
let graph: GraphWorld;

beforeAll(async () => {
  const store = await openStore({ sqlitePath: join(dir, "roster.db") });
  graph = openGraphWorld(store, { people: 60, seed: 1 });
  await graph.sync();
  await store.close();
  const urls = Object.fromEntries(APP_NAMES.map((a) => [a, `http://${a}.sandbox.test`])) as Record<
    AppName,
    string
  >;
  writeFileSync(
    configFile,
    sandboxConfigYaml(graph.world, urls, { hrPath: join(graph.dir, "hr.csv"), sqlitePath: "roster.db" }),
  );
}, 120_000);
afterAll(() => {
  graph?.cleanup();
  rmSync(dir, { recursive: true, force: true });
});
afterEach(() => {
  process.exitCode = undefined;
  vi.restoreAllMocks();
});

async function roster(...args: string[]): Promise<{ out: string; err: string; code: number }> {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(console, "log").mockImplementation((...a: unknown[]) => void out.push(a.join(" ")));
  vi.spyOn(console, "warn").mockImplementation((...a: unknown[]) => void err.push(a.join(" ")));
  vi.spyOn(console, "error").mockImplementation((...a: unknown[]) => void err.push(a.join(" ")));
  const program = new Command().exitOverride();
  registerImportCommand(program);
  registerLinkCommands(program);
  process.exitCode = undefined;
  await program.parseAsync(["node", "roster", ...args, "-c", configFile]);
  vi.restoreAllMocks();
  return { out: out.join("\n"), err: err.join("\n"), code: Number(process.exitCode ?? 0) };
}

describe("roster import", () => {
  it("imports the HR export and prints what changed", async () => {
    const first = await roster("import");
    expect(first.code).toBe(0);
    expect(first.out).toContain(
      `${join(graph.dir, "hr.csv")}: 60 people imported — 60 new, 0 updated, 0 unchanged, 0 gone`,
    );
    expect(first.out).toMatch(/^import run [0-9a-f-]+: succeeded$/m);
    const again = await roster("import");
    expect(again.out).toContain("60 people imported — 0 new, 0 updated, 60 unchanged, 0 gone");
  });

  it("lists each rejected row as file:line: reason and exits 3", async () => {
    const lines = readFileSync(join(graph.dir, "hr.csv"), "utf8").trimEnd().split("\n");
    lines[4] = lines[4]!.replace(/@/, "_at_");
    const bad = join(dir, "bad.csv");
    writeFileSync(bad, `${lines.join("\n")}\n`);
    const result = await roster("import", "--file", bad);
    expect(result.code).toBe(3);
    expect(result.out).toContain("1 row(s) rejected (the rest were imported):");
    expect(result.out).toMatch(/^ {2}bad\.csv:5: email ".*_at_.*" is not an e-mail address$/m);
    expect(result.out).toMatch(/: partial$/m);
  });

  it("fails with exit 1 on an empty file and exit 2 on a bad --format", async () => {
    const empty = join(dir, "empty.csv");
    writeFileSync(empty, "");
    const result = await roster("import", "--file", empty);
    expect(result).toMatchObject({ code: 1 });
    expect(result.out).toContain(
      "empty.csv: the file is empty (expected a header row and one row per person)",
    );
    expect((await roster("import", "--format", "xml")).code).toBe(2);
  });
});

describe("roster link / unlink / ignore / decisions", () => {
  it("links an account to a person by employee id or address, and lists the decision", async () => {
    const member = graph.world.apps.podio.members.find((m) => m.status === "active")!;
    const person = graph.world.hr[3]!;
    const linked = await roster(
      "link",
      `podio:${member.user_id}`,
      person.email.toUpperCase(),
      "--note",
      "checked with IT",
    );
    expect(linked.code).toBe(0);
    expect(linked.out).toContain(
      `podio:${member.user_id} (${member.mail.trim()}) is now linked to ${person.employeeId}`,
    );
    const ignored = await roster("ignore", `docebo:${graph.world.apps.docebo.users[0]!.user_id}`);
    expect(ignored.out).toMatch(/is ignored/);
    const listed = await roster("decisions");
    expect(listed.out).toContain(`podio:${member.user_id}`);
    expect(listed.out).toContain("checked with IT");
    const cleared = await roster("decisions", "--clear", `podio:${member.user_id}`);
    expect(cleared.out).toContain("removed");
    const store = await openStore({ sqlitePath: join(dir, "roster.db") });
    expect((await listDecisions(store.db)).map((d) => d.decision)).toEqual(["ignore"]);
    await store.close();
  });

  it("says clearly what does not exist, with exit 2", async () => {
    const cases: [string[], string][] = [
      [
        ["link", "podio", "E000001"],
        'roster: "podio" is not an account reference: write APP:EXTERNAL_ID, e.g. podio:1000123',
      ],
      [
        ["unlink", "podio:nope"],
        'roster: no account with external id "nope" in podio (see `roster accounts --app podio`)',
      ],
      [
        ["ignore", "jira:1"],
        'roster: no accounts of an app named "jira" in the store (run `roster sync` first, or check the name)',
      ],
      [
        ["link", `podio:${graph.world.apps.podio.members[0]!.user_id}`, "E999999"],
        'roster: no person with employee id "E999999" (run `roster import` first, or give an e-mail address)',
      ],
      [["decisions", "--clear", "podio:123"], "roster: there is no decision about podio:123"],
    ];
    for (const [args, message] of cases) {
      const result = await roster(...args);
      expect(result.code, args.join(" ")).toBe(2);
      expect(result.err).toBe(message);
    }
  });
});
