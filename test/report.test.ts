/**
 * `roster report`, `roster person` and `roster app` end to end: a generated company through the five sandboxes,
 * the real connectors and sync, the HR import and two analyses — then the commands as a user runs them, compared
 * with the world's answer key and with what changed between the analyses.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Command } from "commander";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { registerReportCommands } from "../src/cli/commands/report.ts";
import { type FindingKey, findingKeyString } from "../src/core/finding.ts";
import type { AppReport, PersonReport } from "../src/report/model.ts";
import type { World } from "../src/sandbox/world/types.ts";
import { openPipeline, type Pipeline } from "./report-pipeline.ts";

interface FindingJson extends FindingKey {
  severity: string;
  change?: string;
  email: string | null;
  person: { employeeId: string; name: string } | null;
  evidence: { summary?: string };
}
interface ReportJson {
  runId: string;
  previousRunId: string | null;
  asOf: string;
  summary: {
    total: number;
    byKind: Record<string, { total: number; byApp: Record<string, number>; severity: string }>;
    changes: { new: number; fixed: number; unchanged: number };
  };
  findings: FindingJson[];
  fixed: FindingJson[];
}

let pipeline: Pipeline;

async function cli(...args: string[]): Promise<{ out: string; err: string; code: number }> {
  const out: string[] = [];
  const err: string[] = [];
  const spy = vi.spyOn(console, "error").mockImplementation((...parts: unknown[]) => {
    err.push(parts.join(" "));
  });
  const program = new Command()
    .exitOverride()
    .configureOutput({ writeErr: (text) => err.push(text), writeOut: () => {} });
  registerReportCommands(program, (text) => out.push(text));
  process.exitCode = 0;
  let usage: number | undefined;
  try {
    await program.parseAsync(["node", "roster", ...args, "--config", pipeline.configFile]);
  } catch (e) {
    // commander reports usage errors through writeErr and then throws (exitOverride)
    usage = (e as { exitCode?: number }).exitCode ?? 2;
  } finally {
    spy.mockRestore();
  }
  const code = usage ?? Number(process.exitCode ?? 0);
  process.exitCode = 0;
  return { out: out.join("\n"), err: err.join("\n"), code };
}

async function reportJson(...args: string[]): Promise<ReportJson> {
  const { out, err, code } = await cli("report", "--json", ...args);
  expect(err).toBe("");
  expect(code).toBe(0);
  return JSON.parse(out) as ReportJson;
}

const keys = (entries: FindingKey[]) => new Set(entries.map((e) => findingKeyString(e)));

function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(field);
      field = "";
    } else if (c === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += c;
  }
  row.push(field);
  rows.push(row);
  return rows;
}

beforeAll(async () => {
  pipeline = await openPipeline({ people: 90, seed: 11 });
  expect((await pipeline.sync()).status).toBe("succeeded");
  await pipeline.importHr();
  await pipeline.analyze();
});
afterAll(async () => {
  await pipeline?.close();
});

describe("roster report after the first analysis", () => {
  it("--json lists exactly the stored findings, keyed like the answer key, with the account and its person", async () => {
    const report = await reportJson();
    expect(report.previousRunId).toBeNull();
    const stored = await pipeline.store.db
      .selectFrom("findings")
      .selectAll()
      .where("run_id", "=", report.runId)
      .execute();
    expect(keys(report.findings)).toEqual(
      keys(
        stored.map((r) => ({
          kind: r.kind as FindingKey["kind"],
          app: r.app,
          ...(r.external_id ? { externalId: r.external_id } : {}),
          ...(r.employee_id ? { employeeId: r.employee_id } : {}),
        })),
      ),
    );
    expect(report.findings.every((f) => f.change === "new")).toBe(true);
    expect(report.summary.total).toBe(report.findings.length);
    expect(report.summary.changes).toEqual({ new: report.findings.length, fixed: 0, unchanged: 0 });

    // The planted identity problems are all there, under the answer key's own keys.
    const got = keys(report.findings);
    const planted = pipeline.world.answerKey.filter((e) =>
      ["leaver-active", "orphan", "disputed", "duplicate", "external"].includes(e.kind),
    );
    expect(planted.length).toBeGreaterThan(20);
    for (const entry of planted) expect(got, findingKeyString(entry)).toContain(findingKeyString(entry));
    // And most of the rest: the report is the analysis's verdict, compared with the key line by line.
    const all = pipeline.world.answerKey;
    const matched = all.filter((e) => got.has(findingKeyString(e))).length;
    expect(matched / all.length).toBeGreaterThan(0.9);

    const leaver = report.findings.find((f) => f.kind === "leaver-active")!;
    expect(leaver.externalId).toBeTruthy();
    expect(leaver.employeeId).toBeUndefined();
    expect(leaver.person?.employeeId).toMatch(/^E\d{6}$/);
    expect(leaver.email).toContain("@");
    expect(leaver.severity).toBe("critical");
    const duplicate = report.findings.find((f) => f.kind === "duplicate")!;
    expect(duplicate.employeeId).toMatch(/^E\d{6}$/);
    expect(duplicate.externalId).toBeUndefined();
  });

  it("text shows the summary by kind and app with totals, then the list, then that this is the first analysis", async () => {
    const report = await reportJson();
    const { out, code } = await cli("report");
    expect(code).toBe(0);
    const lines = out.split("\n");
    const header = lines.find((l) => l.startsWith("kind "))!;
    expect(header).toMatch(
      /^kind\s+severity\s+docebo\s+podio\s+productboard\s+productive\s+proofhub\s+total$/,
    );
    const leavers = report.summary.byKind["leaver-active"]!;
    expect(lines.find((l) => l.startsWith("leaver-active "))).toMatch(
      new RegExp(`^leaver-active\\s+critical\\s+${leavers.byApp.docebo ?? 0}\\s+.*\\s${leavers.total}$`),
    );
    expect(lines.find((l) => l.startsWith("total "))).toMatch(new RegExp(`\\s${report.summary.total}$`));
    expect(out).toContain(`Findings (${report.findings.length})`);
    const someOrphan = report.findings.find((f) => f.kind === "orphan")!;
    expect(out).toContain(someOrphan.externalId!);
    expect(out).toContain("This is the first analysis: nothing to compare with yet.");
  });

  it("--csv has one row per finding with the answer key's fields, and --app / --kind narrow it", async () => {
    const report = await reportJson();
    const { out } = await cli("report", "--csv");
    const [header, ...rows] = parseCsv(out);
    expect(header).toEqual([
      "kind",
      "app",
      "external_id",
      "employee_id",
      "severity",
      "change",
      "email",
      "person",
      "person_employee_id",
      "evidence",
    ]);
    expect(rows).toHaveLength(report.findings.length);
    const fromCsv = rows.map((r) => ({
      kind: r[0] as FindingKey["kind"],
      app: r[1]!,
      ...(r[2] ? { externalId: r[2] } : {}),
      ...(r[3] ? { employeeId: r[3] } : {}),
    }));
    expect(keys(fromCsv)).toEqual(keys(report.findings));

    const narrowed = await reportJson("--app", "podio", "--kind", "orphan");
    expect(narrowed.findings.length).toBeGreaterThan(0);
    expect(narrowed.findings.every((f) => f.app === "podio" && f.kind === "orphan")).toBe(true);
    expect(narrowed.findings.length).toBe(report.summary.byKind.orphan!.byApp.podio);
  });

  it("rejects an unknown kind with the choices, and an unknown app with the configured ones", async () => {
    const { err, code } = await cli("report", "--kind", "weird");
    expect(code).not.toBe(0);
    expect(err).toMatch(/--kind.*weird.*leaver-active/s);
    const app = await cli("report", "--app", "slack");
    expect(app.code).toBe(1);
    expect(app.err).toContain('no app named "slack" in the config or the store; configured: productboard');
  });
});

describe("roster person and roster app", () => {
  it("person shows the HR card and every account across apps with its link evidence and findings", async () => {
    const report = await reportJson();
    const leaver = report.findings.find((f) => f.kind === "leaver-active")!;
    const id = leaver.person!.employeeId;
    const { out, code } = await cli("person", id, "--json");
    expect(code).toBe(0);
    const view = JSON.parse(out) as PersonReport;
    expect(view.person.employeeId).toBe(id);
    expect(view.person.status).toBe("terminated");
    const account = view.accounts.find((a) => a.app === leaver.app && a.externalId === leaver.externalId)!;
    expect(account.situation).toBe("linked");
    expect(account.link).toMatchObject({ employeeId: id });
    expect(account.link!.matcher).toBeTruthy();
    expect(account.link!.confidence).toBeGreaterThan(0);
    expect(account.findings.map((f) => f.kind)).toContain("leaver-active");
    expect(view.accounts.some((a) => a.memberships.length > 0)).toBe(true);

    // By address (primary, any case) the same person; the text card names them and lists the accounts.
    const byEmail = await cli("person", `  ${view.person.email.toUpperCase()} `);
    expect(byEmail.code).toBe(0);
    expect(byEmail.out).toContain(`${view.person.firstName} ${view.person.lastName} — ${id}`);
    expect(byEmail.out).toContain(leaver.externalId!);
    expect(byEmail.out).toContain("leaver-active");

    const csv = parseCsv((await cli("person", id, "--csv")).out);
    expect(csv[0]).toContain("matcher");
    expect(csv).toHaveLength(view.accounts.length + 1);
  });

  it("person with an address two people share asks for the employee id", async () => {
    const report = await reportJson();
    const disputed = report.findings.find((f) => f.kind === "disputed")!;
    const { err, code } = await cli("person", disputed.email!);
    expect(code).toBe(1);
    expect(err).toMatch(/2 people \(E\d{6}, E\d{6}\): give the employee id/);
    const missing = await cli("person", "nobody@nowhere.example");
    expect(missing.code).toBe(1);
    expect(missing.err).toContain("nobody@nowhere.example");
  });

  it("app lists every account with its person or situation, and its findings", async () => {
    const report = await reportJson();
    const { out, code } = await cli("app", "podio", "--json");
    expect(code).toBe(0);
    const view = JSON.parse(out) as AppReport;
    const podioState = pipeline.world.apps.podio;
    expect(view.accounts).toHaveLength(podioState.members.length);
    expect(view.counts.linked + view.counts.unmatched + view.counts.disputed + view.counts.unknown).toBe(
      view.accounts.length,
    );
    const orphan = report.findings.find((f) => f.kind === "orphan" && f.app === "podio")!;
    const orphanView = view.accounts.find((a) => a.externalId === orphan.externalId)!;
    expect(orphanView.situation).toBe("unmatched");
    expect(orphanView.findings.map((f) => f.kind)).toContain("orphan");
    const disputed = report.findings.find((f) => f.kind === "disputed" && f.app === "podio")!;
    expect(view.accounts.find((a) => a.externalId === disputed.externalId)!.candidates).toHaveLength(2);
    expect(view.counts.findings).toBe(report.findings.filter((f) => f.app === "podio").length);

    const text = await cli("app", "podio");
    expect(text.out).toMatch(
      new RegExp(
        `^podio: ${view.accounts.length} accounts — ${view.counts.linked} linked, ${view.counts.unmatched} unmatched, ${view.counts.disputed} disputed`,
      ),
    );
    const unknown = await cli("app", "slack");
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain('no app named "slack"');
  });
});

describe("after a second analysis", () => {
  let before: ReportJson;
  let leaverFixed: FindingJson;
  let newLeaver: string;

  beforeAll(async () => {
    before = await reportJson();
    // In Productboard, someone offboards a leaver; in HR, a person with accounts leaves the company.
    leaverFixed = before.findings.find((f) => f.kind === "leaver-active" && f.app === "productboard")!;
    const next = structuredClone(pipeline.world) as World;
    next.apps.productboard.members.find((m) => m.id === leaverFixed.externalId)!.disabled = true;
    const docebo = JSON.parse((await cli("app", "docebo", "--json")).out) as AppReport;
    const quiet = docebo.accounts.find(
      (a) =>
        a.situation === "linked" &&
        a.status === "active" &&
        a.findings.length === 0 &&
        next.hr.find((p) => p.employeeId === a.link!.employeeId)?.status === "active" &&
        !before.findings.some((f) => f.person?.employeeId === a.link!.employeeId),
    )!;
    newLeaver = quiet.link!.employeeId;
    const person = next.hr.find((p) => p.employeeId === newLeaver)!;
    person.status = "terminated";
    person.endDate = new Date(Date.now() - 5 * 86_400_000).toISOString().slice(0, 10);
    expect((await pipeline.sync(next)).status).toBe("succeeded");
    await pipeline.importHr(next);
    await pipeline.analyze();
  });

  it("--json marks each finding new or unchanged and lists what was fixed", async () => {
    const after = await reportJson();
    expect(after.previousRunId).toBe(before.runId);
    const fixedKeys = keys(after.fixed);
    expect(fixedKeys).toContain(findingKeyString({ ...leaverFixed, employeeId: undefined }));
    const added = after.findings.filter((f) => f.change === "new");
    expect(added.some((f) => f.kind === "leaver-active" && f.person?.employeeId === newLeaver)).toBe(true);
    expect(added.every((f) => !keys(before.findings).has(findingKeyString(f)))).toBe(true);
    const unchanged = after.findings.filter((f) => f.change === "unchanged");
    expect(unchanged.every((f) => keys(before.findings).has(findingKeyString(f)))).toBe(true);
    expect(after.summary.changes).toEqual({
      new: added.length,
      fixed: after.fixed.length,
      unchanged: unchanged.length,
    });
    expect(unchanged.length + after.fixed.length).toBe(before.findings.length);
  });

  it("text ends with 'N new, M fixed, K unchanged' and lists the new and the fixed", async () => {
    const after = await reportJson();
    const { out } = await cli("report");
    const { new: n, fixed: m, unchanged: k } = after.summary.changes;
    expect(out).toContain(
      `Since the previous analysis (${before.runId}): ${n} new, ${m} fixed, ${k} unchanged`,
    );
    const changes = out.slice(out.indexOf("Since the previous analysis"));
    expect(changes).toContain(leaverFixed.externalId!);
    expect(changes).toMatch(/\nNew\n/);
    expect(changes).toMatch(/\nFixed\n/);
  });

  it("--since-previous keeps only the new and the fixed, in every format", async () => {
    const after = await reportJson();
    const only = await reportJson("--since-previous");
    expect(only.findings.every((f) => f.change === "new")).toBe(true);
    expect(only.findings).toHaveLength(after.summary.changes.new);
    const [, ...rows] = parseCsv((await cli("report", "--csv", "--since-previous")).out);
    expect(rows).toHaveLength(after.summary.changes.new + after.summary.changes.fixed);
    expect(new Set(rows.map((r) => r[5]))).toEqual(new Set(["new", "fixed"]));
    const text = (await cli("report", "--since-previous")).out;
    expect(text).not.toContain("Findings (");
    expect(text).toContain(`${after.summary.changes.new} new`);
  });

  it("--html writes the report with the matrix, the findings and the changes, and no secret", async () => {
    const file = join(pipeline.dir, "report.html");
    const { out, code } = await cli("report", "--html", file);
    expect(code).toBe(0);
    expect(out).toMatch(/^HTML report written to .*report\.html: \d+ findings, \d+ people × 5 apps$/);
    const page = readFileSync(file, "utf8");
    const after = await reportJson();
    expect(page).toContain(`<dd id="run-id">${after.runId}</dd>`);
    for (const p of pipeline.world.hr) expect(page).toContain(`data-employee-id="${p.employeeId}"`);
    expect(page).toContain(
      `data-key="${findingKeyString({ ...leaverFixed, employeeId: undefined })}" data-kind="leaver-active" data-app="productboard" data-change="fixed"`,
    );
    const secrets = Object.values(pipeline.world.apps).flatMap((a) =>
      Object.entries(a.credentials)
        .filter(([key]) => /token|secret|password|key/i.test(key))
        .map(([, value]) => String(value)),
    );
    expect(secrets.length).toBeGreaterThan(5);
    for (const secret of secrets) expect(page).not.toContain(secret);
  });
});
