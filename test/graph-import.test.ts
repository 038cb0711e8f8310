/** `importPeople` into the store: idempotent, reports every rejected row, marks gone only after a plausible read. */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import type { RosterConfig } from "../src/config/schema.ts";
import { importPeople } from "../src/graph/index.ts";
import { formatHrCsv, generateWorld } from "../src/sandbox/world/index.ts";
import type { HrRecord } from "../src/sandbox/world/types.ts";
import type { StoreConnection } from "../src/store/connect.ts";
import { STORE_DIALECTS } from "./support/stores.ts";

const dir = mkdtempSync(join(tmpdir(), "roster-graph-import-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const HEADER =
  "employee_id,email,aliases,first_name,last_name,department,title,manager_id,status,start_date,end_date";
const people = generateWorld({ people: 40, seed: 5 }).hr;

function config(path = "hr.csv", extra: Partial<NonNullable<RosterConfig["hr"]>> = {}): RosterConfig {
  return {
    company: { name: "Northwind", domains: ["northwind.example"] },
    store: { sqlite: ":memory:" },
    sync: { dropThreshold: 0.5 },
    hr: { path, ...extra },
    findings: { staleDays: 90, inviteDays: 30 },
    apps: {},
  };
}

function write(name: string, text: string): string {
  writeFileSync(join(dir, name), text);
  return name;
}

for (const dialect of STORE_DIALECTS) {
  describe.skipIf(dialect.skip !== undefined)(`HR import on ${dialect.name}`, () => {
    let store: StoreConnection;
    beforeEach(async () => {
      store = await dialect.open();
    });
    afterEach(async () => {
      await store.close();
    });
    const persons = () => store.db.selectFrom("persons").selectAll().orderBy("employee_id").execute();
    const run = (file: string, extra: Partial<NonNullable<RosterConfig["hr"]>> = {}) =>
      importPeople(store.db, config(file, extra), dir);

    it("imports every person, and importing the same file again changes nothing but the sighting", async () => {
      const file = write("same.csv", formatHrCsv(people));
      const first = await run(file);
      expect(first).toMatchObject({
        status: "succeeded",
        imported: 40,
        created: 40,
        updated: 0,
        gone: 0,
        problems: [],
      });
      const before = await persons();
      expect(before.map((p) => p.employee_id)).toEqual(people.map((p) => p.employeeId));
      expect(before[0]).toMatchObject({
        email: people[0]!.email,
        email_norm: people[0]!.email.toLowerCase(),
        aliases: JSON.stringify(people[0]!.aliases),
        status: people[0]!.status,
        source: "csv:same.csv",
        gone_run: null,
      });
      const second = await run(file);
      expect(second).toMatchObject({ status: "succeeded", created: 0, updated: 0, unchanged: 40, gone: 0 });
      const after = await persons();
      expect(after.map(({ last_seen_run: _, ...rest }) => rest)).toEqual(
        before.map(({ last_seen_run: _, ...rest }) => rest),
      );
      expect(new Set(after.map((p) => p.last_seen_run))).toEqual(new Set([second.runId]));
      const runs = await store.db.selectFrom("runs").select(["kind", "status"]).execute();
      expect(runs).toEqual([
        { kind: "import", status: "succeeded" },
        { kind: "import", status: "succeeded" },
      ]);
    });

    it("counts changes, marks leavers of the export gone, and brings them back", async () => {
      await run(write("base.csv", formatHrCsv(people)));
      const changed = people.slice(0, 38).map((p, i) => (i === 0 ? { ...p, title: "Chief Everything" } : p));
      const second = await run(write("changed.csv", formatHrCsv(changed)));
      expect(second).toMatchObject({ created: 0, updated: 1, unchanged: 37, gone: 2 });
      const gone = (await persons()).filter((p) => p.gone_run !== null).map((p) => p.employee_id);
      expect(gone).toEqual([people[38]!.employeeId, people[39]!.employeeId]);
      const third = await run(write("back.csv", formatHrCsv(people)));
      expect(third).toMatchObject({ created: 2, updated: 1, unchanged: 37, gone: 0 });
      expect((await persons()).every((p) => p.gone_run === null)).toBe(true);
    });

    it("keeps the first of duplicate employee ids and reports each later line", async () => {
      const dup: HrRecord = {
        ...people[1]!,
        employeeId: people[0]!.employeeId,
        email: "dup@northwind.example",
      };
      const text = formatHrCsv([people[0]!, dup, people[2]!, { ...dup, email: "dup2@northwind.example" }]);
      const result = await run(write("dups.csv", text));
      expect(result.problems).toEqual([
        {
          file: "dups.csv",
          line: 3,
          reason: `employee id ${people[0]!.employeeId} already appears on line 2: this row is ignored`,
        },
        {
          file: "dups.csv",
          line: 5,
          reason: `employee id ${people[0]!.employeeId} already appears on line 2: this row is ignored`,
        },
      ]);
      expect(result).toMatchObject({ status: "partial", imported: 2 });
      expect((await persons()).find((p) => p.employee_id === people[0]!.employeeId)?.email).toBe(
        people[0]!.email,
      );
    });

    it("imports the readable rows; a rejected row keeps its person as they were", async () => {
      await run(write("full.csv", formatHrCsv(people)));
      const lines = formatHrCsv(people).trimEnd().split("\n");
      lines[3] = lines[3]!.replace(/,(active|leave|terminated),/, ",fired,");
      const result = await run(write("one-bad.csv", `${lines.join("\n")}\n`));
      expect(result.status).toBe("partial");
      expect(result.problems).toEqual([
        { file: "one-bad.csv", line: 4, reason: expect.stringMatching(/^status "fired" is not known/) },
      ]);
      expect(result).toMatchObject({ imported: 39, gone: 0 });
      const kept = (await persons()).find((p) => p.employee_id === people[2]!.employeeId)!;
      expect(kept).toMatchObject({ status: people[2]!.status, gone_run: null, last_seen_run: result.runId });
    });

    it("marks nobody gone when a rejected row has no readable employee id", async () => {
      await run(write("full2.csv", formatHrCsv(people)));
      const text = `${HEADER}\n${formatHrCsv(people.slice(0, 30)).split("\n").slice(1).join("\n")}"broken,row\n`;
      const result = await run(write("unreadable.csv", text));
      expect(result.problems).toEqual([
        { file: "unreadable.csv", line: 32, reason: "a quoted field is never closed" },
      ]);
      expect(result.gone).toBe(0);
      expect(result.goneSkipped).toMatch(
        /^1 rejected row\(s\) have no readable employee id, so nobody is marked gone/,
      );
      expect((await persons()).every((p) => p.gone_run === null)).toBe(true);
    });

    it("refuses to mark most people gone on an export that shrank suspiciously", async () => {
      await run(write("all.csv", formatHrCsv(people)));
      const result = await run(write("few.csv", formatHrCsv(people.slice(0, 10))));
      expect(result).toMatchObject({ status: "succeeded", imported: 10, gone: 0 });
      expect(result.goneSkipped).toBe(
        "the export lists 10 people of 40 known (more than 50% fewer): suspicious, nobody marked gone",
      );
    });

    it("says clearly when a file is empty or has only a header, and marks nothing gone", async () => {
      await run(write("before-empty.csv", formatHrCsv(people)));
      for (const [name, text, fatal] of [
        ["empty.csv", "", "empty.csv: the file is empty (expected a header row and one row per person)"],
        ["header.csv", `${HEADER}\n`, "header.csv: the file has a header but no people"],
        ["missing.csv", null, "missing.csv: cannot read the file (ENOENT)"],
      ] as const) {
        if (text !== null) write(name, text);
        const result = await run(name);
        expect(result).toMatchObject({ status: "failed", fatal, imported: 0, gone: 0 });
        expect(result.goneSkipped).toBe("nothing was imported, so nothing is marked gone");
      }
      expect((await persons()).filter((p) => p.gone_run === null)).toHaveLength(40);
      const failed = await store.db.selectFrom("runs").selectAll().where("status", "=", "failed").execute();
      expect(failed.map((r) => r.error)).toEqual([
        "empty.csv: the file is empty (expected a header row and one row per person)",
        "header.csv: the file has a header but no people",
        "missing.csv: cannot read the file (ENOENT)",
      ]);
    });

    it("reads a JSON export and an HRIS-style CSV with column overrides", async () => {
      const json = JSON.stringify({
        people: people.slice(0, 3).map((p) => ({
          employeeId: p.employeeId,
          workEmail: p.email,
          aliases: p.aliases,
          firstName: p.firstName,
          lastName: p.lastName,
          employmentStatus:
            p.status === "leave" ? "On Leave" : p.status === "terminated" ? "Terminated" : "Active",
          hireDate: p.startDate,
        })),
      });
      const fromJson = await run(write("people.json", json));
      expect(fromJson).toMatchObject({ format: "json", status: "succeeded", imported: 3 });
      const csv = `Personnel No,E-Mail (work),Employment Status,Cost Center\n${people[0]!.employeeId},${people[0]!.email},Active,42\n`;
      const fromCsv = await run(write("hris.csv", csv), {
        columns: { employeeId: "Personnel No", email: "E-Mail (work)" },
      });
      expect(fromCsv.warnings).toEqual([
        {
          file: "hris.csv",
          line: 1,
          reason:
            'unknown column "Cost Center" ignored (name them in hr.columns if they hold a person field)',
        },
      ]);
      // The HRIS file has no name columns: the person is updated to what it says.
      expect(fromCsv).toMatchObject({ status: "succeeded", imported: 1, updated: 1 });
    });

    it("warns when two people share a primary address (their accounts will be disputed)", async () => {
      const text = formatHrCsv([people[0]!, { ...people[1]!, email: people[0]!.email.toUpperCase() }]);
      const result = await run(write("shared.csv", text));
      expect(result.warnings).toEqual([
        {
          file: "shared.csv",
          line: 3,
          reason: `${people[0]!.email.toUpperCase()} is also the primary address of ${people[0]!.employeeId} (line 2): accounts under it will be disputed`,
        },
      ]);
      expect(result.imported).toBe(2);
    });
  });
}

describe("HR source in the config", () => {
  it("needs hr.path", async () => {
    const { hrSourceFile } = await import("../src/graph/index.ts");
    expect(() => hrSourceFile({ ...config(), hr: undefined }, dir)).toThrow(
      "no HR source configured: add `hr: { path: ./hr.csv }` to roster.yaml",
    );
  });
});
