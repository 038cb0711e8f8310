/** HR sources: the CSV reader, column names, value rules, and the JSON source — what each row becomes or why not. */
import { describe, expect, it } from "vitest";
import { columnKey, mapColumns } from "../src/graph/sources/columns.ts";
import { readCsvRecords } from "../src/graph/sources/csv-records.ts";
import { readHrCsv } from "../src/graph/sources/hr-csv.ts";
import { readHrJson } from "../src/graph/sources/hr-json.ts";
import { readIdMap } from "../src/graph/sources/id-map.ts";
import { readDate, readStatus } from "../src/graph/sources/person-values.ts";
import { formatHrCsv, generateWorld } from "../src/sandbox/world/index.ts";

const TODAY = "2026-11-01";
const HEADER =
  "employee_id,email,aliases,first_name,last_name,department,title,manager_id,status,start_date,end_date";

describe("CSV records", () => {
  it("reads quoted fields with commas, doubled quotes and line breaks, with the line each record starts on", () => {
    const text = 'a,b\n"x, y","say ""hi"""\n"multi\nline",z\r\nlast,row\n';
    expect(readCsvRecords(text)).toEqual([
      { line: 1, fields: ["a", "b"] },
      { line: 2, fields: ["x, y", 'say "hi"'] },
      { line: 3, fields: ["multi\nline", "z"] },
      { line: 5, fields: ["last", "row"] },
    ]);
  });

  it("reports an unreadable record by line and reads on", () => {
    const text = 'h1,h2\nok,1\n"never closed,2\nbad"x,3\nafter,4\n';
    expect(readCsvRecords(text)).toEqual([
      { line: 1, fields: ["h1", "h2"] },
      { line: 2, fields: ["ok", "1"] },
      { line: 3, error: "a quoted field is never closed" },
      { line: 4, error: "a quote inside an unquoted field (quote the whole field and double the quote)" },
      { line: 5, fields: ["after", "4"] },
    ]);
  });

  it("skips blank lines and a byte-order mark; reads semicolon-delimited exports", () => {
    expect(readCsvRecords("\uFEFFa;b\n\n1;2\n")).toEqual([
      { line: 1, fields: ["a", "b"] },
      { line: 3, fields: ["1", "2"] },
    ]);
  });
});

describe("columns", () => {
  it("knows the generator's header and common HRIS spellings", () => {
    const m = mapColumns([
      "Employee ID",
      "Work Email",
      "First Name",
      "Last Name",
      "Employment Status",
      "Hire Date",
      "Termination Date",
      "Job Title",
      "Cost Center",
    ]);
    expect(m.errors).toEqual([]);
    expect(m.index).toEqual({
      employeeId: 0,
      email: 1,
      firstName: 2,
      lastName: 3,
      status: 4,
      startDate: 5,
      endDate: 6,
      title: 7,
    });
    expect(m.unknown).toEqual(["Cost Center"]);
    expect(columnKey("employee_id")).toBe(columnKey("employeeId"));
  });

  it("takes overrides from hr.columns and says which required column is missing", () => {
    const m = mapColumns(["Personnel No", "E-Mail (work)"], {
      employeeId: "Personnel No",
      email: "E-Mail (work)",
    });
    expect(m.errors).toEqual([]);
    expect(mapColumns(["name", "mail"]).errors).toEqual([
      expect.stringMatching(
        /^no employee id column \(expected one of "employee_id", .*hr\.columns\.employeeId\)$/,
      ),
    ]);
    expect(mapColumns(["employee_id", "email"], { title: "Role" }).errors).toEqual([
      'hr.columns.title names column "Role", which the header does not have',
    ]);
  });
});

describe("values", () => {
  it("maps HRIS status words without case", () => {
    expect(["Active", "On Leave", "LEAVE_OF_ABSENCE", "Terminated", "Inactive", "x"].map(readStatus)).toEqual(
      ["active", "leave", "leave", "terminated", "terminated", undefined],
    );
  });

  it("reads ISO dates and instants, refuses anything else", () => {
    expect(readDate("2024-02-29")).toBe("2024-02-29");
    expect(readDate("2024/03/01")).toBe("2024-03-01");
    expect(readDate("2024-03-01T10:00:00Z")).toBe("2024-03-01");
    expect(readDate("2023-02-29")).toBeUndefined();
    expect(readDate("03/01/2024")).toBeUndefined();
  });
});

describe("HR CSV", () => {
  it("reads the world generator's export as is", () => {
    const world = generateWorld({ people: 80, seed: 3 });
    const reading = readHrCsv(formatHrCsv(world.hr), {}, TODAY);
    expect(reading.problems).toEqual([]);
    expect(reading.warnings).toEqual([]);
    expect(reading.rows.map((r) => r.person)).toEqual(
      world.hr.map((p) => ({ ...p, department: p.department || null, title: p.title || null })),
    );
  });

  it("rejects each bad row with its line and reason and keeps the rest", () => {
    const text = [
      HEADER,
      "E1,ann@x.example,,Ann,A,Sales,Rep,,active,2020-01-01,",
      "E2,not-an-address,,Bob,B,Sales,Rep,,active,2020-01-01,",
      "E3,cy@x.example,,Cy,C,Sales,Rep,,fired,2020-01-01,",
      "E4,di@x.example,,Di,D,Sales,Rep,,active,01/02/2020,",
      "E5,ed@x.example,,Ed,E,Sales,Rep,,active,2020-01-01",
      ",fe@x.example,,Fe,F,Sales,Rep,,active,2020-01-01,",
      'E7,"gi@x.example,,Gi,G,Sales,Rep,,active,2020-01-01,',
      "E8,ha@x.example,ha@old.example;bad alias,Ha,H,Sales,Rep,,active,2020-01-01,",
      "E9,io@x.example,,Io,I,Sales,Rep,,terminated,2020-01-01,2024-05-31",
    ].join("\n");
    const reading = readHrCsv(text, {}, TODAY);
    expect(reading.rows.map((r) => [r.line, r.person.employeeId])).toEqual([
      [2, "E1"],
      [10, "E9"],
    ]);
    expect(reading.problems).toEqual([
      { line: 3, employeeId: "E2", reason: 'email "not-an-address" is not an e-mail address' },
      {
        line: 4,
        employeeId: "E3",
        reason: expect.stringMatching(/^status "fired" is not known \(expected active, leave or terminated/),
      },
      { line: 5, employeeId: "E4", reason: 'start date "01/02/2020" is not a date (expected YYYY-MM-DD)' },
      {
        line: 6,
        employeeId: "E5",
        reason: "expected 11 fields as in the header, got 10 (a comma in an unquoted value?)",
      },
      { line: 7, reason: "employee id is empty" },
      { line: 8, reason: "a quoted field is never closed" },
      { line: 9, employeeId: "E8", reason: 'aliases: "bad" is not an e-mail address' },
    ]);
  });

  it("reports unknown columns once and imports the known ones", () => {
    const text = "Employee ID,Work Email,Employment Status,Shoe Size\nE1,ann@x.example,On Leave,38\n";
    const reading = readHrCsv(text, {}, TODAY);
    expect(reading.warnings).toEqual([
      {
        line: 1,
        reason: 'unknown column "Shoe Size" ignored (name them in hr.columns if they hold a person field)',
      },
    ]);
    expect(reading.rows[0]!.person).toMatchObject({ employeeId: "E1", status: "leave", firstName: "" });
  });

  it("without a status column, an end date before today means terminated", () => {
    const text =
      "employee_id,email,end_date\nE1,a@x.example,\nE2,b@x.example,2026-10-31\nE3,c@x.example,2027-01-31\n";
    expect(readHrCsv(text, {}, TODAY).rows.map((r) => r.person.status)).toEqual([
      "active",
      "terminated",
      "active",
    ]);
  });

  it("says clearly what is wrong with an empty file, a header without people, or a missing column", () => {
    expect(readHrCsv("", {}, TODAY).fatal).toBe(
      "the file is empty (expected a header row and one row per person)",
    );
    expect(readHrCsv(`${HEADER}\n`, {}, TODAY).fatal).toBe("the file has a header but no people");
    expect(readHrCsv("name,mail\nAnn,a@x.example\n", {}, TODAY).fatal).toMatch(
      /^line 1: no employee id column/,
    );
  });
});

describe("HR JSON", () => {
  it("reads an array or a wrapped array, with HRIS keys, aliases as a list or text", () => {
    const text = JSON.stringify(
      {
        employees: [
          {
            employeeId: "E1",
            workEmail: "a@x.example",
            aliases: ["a2@x.example"],
            employmentStatus: "Active",
          },
          {
            "Employee ID": "E2",
            email: "b@x.example",
            aliases: "b2@x.example;b3@x.example",
            status: "terminated",
          },
        ],
      },
      null,
      2,
    );
    const reading = readHrJson(text, {}, TODAY);
    expect(reading.problems).toEqual([]);
    expect(reading.rows.map((r) => [r.line, r.person.employeeId, r.person.aliases, r.person.status])).toEqual(
      [
        [3, "E1", ["a2@x.example"], "active"],
        [11, "E2", ["b2@x.example", "b3@x.example"], "terminated"],
      ],
    );
  });

  it("reports bad people by the line their object starts on", () => {
    const text =
      '[\n  {"employee_id": "E1", "email": "a@x.example"},\n  {"employee_id": "E2", "email": 7},\n  "oops",\n  {"employee_id": "E4", "email": ["x"]}\n]';
    const reading = readHrJson(text, {}, TODAY);
    expect(reading.rows.map((r) => r.person.employeeId)).toEqual(["E1"]);
    expect(reading.problems).toEqual([
      { line: 3, employeeId: "E2", reason: 'email "7" is not an e-mail address' },
      { line: 4, reason: "person 3 is not an object" },
      { line: 5, employeeId: "E4", reason: "email: expected text, got a list" },
    ]);
  });

  it("refuses what is not a list of people", () => {
    expect(readHrJson("", {}, TODAY).fatal).toMatch(/empty/);
    expect(readHrJson("{not json", {}, TODAY).fatal).toMatch(/^not valid JSON/);
    expect(readHrJson('{"rows": []}', {}, TODAY).fatal).toMatch(/^expected an array of people, or an object/);
    expect(readHrJson("[]", {}, TODAY).fatal).toBe("the file lists no people");
  });
});

describe("ID map", () => {
  it("reads app, account and employee id by their usual names, lower-casing the app", () => {
    const reading = readIdMap(
      "Application;Account ID;Employee Number\nPodio;1000123;E000042\r\ndocebo; 77 ;E000007\n",
    );
    expect(reading.fatal).toBeUndefined();
    expect(reading.problems).toEqual([]);
    expect(reading.rows).toEqual([
      { app: "podio", externalId: "1000123", employeeId: "E000042", line: 2 },
      { app: "docebo", externalId: "77", employeeId: "E000007", line: 3 },
    ]);
  });

  it("reports each unreadable row with its line and reads on; the first of two rows for an account wins", () => {
    const text = [
      "app,external_id,employee_id",
      "podio,1,E1",
      "podio,2",
      'podio,"3,E3',
      "podio,,E4",
      "podio,1,E9",
      "docebo,1,E5",
    ].join("\n");
    const reading = readIdMap(text);
    expect(reading.rows.map((r) => `${r.app}:${r.externalId}=${r.employeeId}@${r.line}`)).toEqual([
      "podio:1=E1@2",
      "docebo:1=E5@7",
    ]);
    expect(reading.problems.map((p) => p.line)).toEqual([3, 4, 5, 6]);
    expect(reading.problems[0]!.reason).toBe("expected 3 fields as in the header, got 2");
    expect(reading.problems[2]!.reason).toBe("empty externalId: the row is ignored");
    expect(reading.problems[3]!.reason).toBe("podio:1 is already mapped on line 2: this row is ignored");
  });

  it("refuses a file without the three columns, or empty, naming what is missing", () => {
    expect(readIdMap("").fatal).toMatch(/^the file is empty/);
    expect(readIdMap("app,login\npodio,x\n").fatal).toMatch(
      /^line 1: no column for externalId .*; employeeId/,
    );
  });
});
