import { describe, expect, it } from "vitest";
import { formatHrCsv, HR_CSV_HEADER, parseCsv, parseHrCsv } from "./hr-csv.ts";
import type { HrRecord } from "./types.ts";

const person: HrRecord = {
  employeeId: "E000007",
  email: "ana.silva@northwind.example",
  aliases: ["asilva@northwind.example", "ana.silva@northwind-labs.example"],
  firstName: "Ana",
  lastName: "Silva",
  department: "Sales",
  title: "VP, Sales",
  managerId: "E000001",
  status: "terminated",
  startDate: "2019-04-01",
  endDate: "2026-02-27",
};

describe("hr.csv", () => {
  it("writes aliases with ; and quotes fields that need it", () => {
    const text = formatHrCsv([
      person,
      { ...person, employeeId: "E000008", aliases: [], managerId: null, endDate: null },
    ]);
    expect(text.split("\n")).toEqual([
      HR_CSV_HEADER.join(","),
      'E000007,ana.silva@northwind.example,asilva@northwind.example;ana.silva@northwind-labs.example,Ana,Silva,Sales,"VP, Sales",E000001,terminated,2019-04-01,2026-02-27',
      'E000008,ana.silva@northwind.example,,Ana,Silva,Sales,"VP, Sales",,terminated,2019-04-01,',
      "",
    ]);
  });

  it("parses quoted fields with commas, doubled quotes, line breaks and CRLF", () => {
    expect(parseCsv('a,"b,c","say ""hi"""\r\n"x\ny",z,\r\n')).toEqual([
      { line: 1, fields: ["a", "b,c", 'say "hi"'] },
      { line: 2, fields: ["x\ny", "z", ""] },
    ]);
  });

  it("round-trips records", () => {
    const odd = { ...person, firstName: 'Robert "Bob"', lastName: "O'Brien, Jr.", title: "Lead\nDesigner" };
    expect(parseHrCsv(formatHrCsv([person, odd]))).toEqual([person, odd]);
  });

  it("names the line and the problem", () => {
    const header = HR_CSV_HEADER.join(",");
    expect(() => parseHrCsv("")).toThrow(/line 1: the file is empty/);
    expect(() => parseHrCsv("id,email\n")).toThrow(/line 1: header must be employee_id,email/);
    expect(() => parseHrCsv(`${header}\nE1,a@b.c\n`)).toThrow(/line 2: expected 11 fields, got 2/);
    expect(() => parseHrCsv(`${header}\nE1,a@b.c,,A,B,D,T,,active,01/02/2020,\n`)).toThrow(
      /line 2: start_date: start_date must be YYYY-MM-DD/,
    );
    expect(() => parseHrCsv(`${header}\nE1,a@b.c,,A,B,D,T,,gone,2020-01-01,\n`)).toThrow(/line 2: status: /);
    expect(() => parseHrCsv(`${header}\nE1,"a@b.c,,A\n`)).toThrow(/line 2: a quoted field is never closed/);
    expect(() => parseHrCsv(`${header}\nE1,a"b,,A,B,D,T,,active,2020-01-01,\n`)).toThrow(
      /line 2: a quote inside/,
    );
  });
});
