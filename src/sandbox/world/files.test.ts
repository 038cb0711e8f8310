import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readWorld, WorldFileError, writeWorld } from "./files.ts";
import { generateWorld } from "./generate.ts";
import { HR_CSV_HEADER } from "./hr-csv.ts";
import type { World } from "./types.ts";

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "roster-world-"));
  dirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function filesOf(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  for (const name of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!name.isFile()) continue;
    const path = join(name.parentPath, name.name);
    out.set(path.slice(dir.length + 1), readFileSync(path));
  }
  return out;
}

describe("writeWorld / readWorld", () => {
  const world = generateWorld({ people: 400, seed: 17 });

  it("writes the documented files", () => {
    const dir = tempDir();
    writeWorld(world, dir);
    expect([...filesOf(dir).keys()].sort()).toEqual([
      "answer-key.json",
      "apps/docebo.json",
      "apps/podio.json",
      "apps/productboard.json",
      "apps/productive.json",
      "apps/proofhub.json",
      "hr.csv",
      "world.json",
    ]);
    const meta = JSON.parse(readFileSync(join(dir, "world.json"), "utf8"));
    expect(Object.keys(meta)).toEqual(["seed", "people", "asOf", "company", "thresholds"]);
    const key = JSON.parse(readFileSync(join(dir, "answer-key.json"), "utf8"));
    expect(Object.keys(key)).toEqual(["asOf", "thresholds", "companyDomains", "entries"]);
    expect(key.companyDomains).toEqual(["northwind.example", "northwind-labs.example"]);
    expect(key.entries.length).toBe(world.answerKey.length);
    const csv = readFileSync(join(dir, "hr.csv"), "utf8").split("\n");
    expect(csv[0]).toBe(HR_CSV_HEADER.join(","));
    expect(csv).toHaveLength(world.hr.length + 2); // header, rows, final newline
  });

  it("writes byte-identical files for the same seed, and different ones for another seed", () => {
    const a = tempDir();
    const b = tempDir();
    const c = tempDir();
    writeWorld(generateWorld({ people: 400, seed: 17 }), a);
    writeWorld(generateWorld({ people: 400, seed: 17 }), b);
    writeWorld(generateWorld({ people: 400, seed: 18 }), c);
    const [fa, fb, fc] = [filesOf(a), filesOf(b), filesOf(c)];
    for (const [name, bytes] of fa) expect(bytes.equals(fb.get(name)!), name).toBe(true);
    expect(fa.get("hr.csv")!.equals(fc.get("hr.csv")!)).toBe(false);
    expect(fa.get("apps/podio.json")!.equals(fc.get("apps/podio.json")!)).toBe(false);
  });

  it("reads back exactly the world it wrote", () => {
    const dir = tempDir();
    writeWorld(world, dir);
    expect(readWorld(dir)).toEqual(world);
  });

  it("round-trips awkward HR values through RFC 4180 quoting", () => {
    const awkward: World = structuredClone(world);
    const person = awkward.hr[3]!;
    person.firstName = 'Robert "Bobby"';
    person.lastName = "King, Jr.";
    person.title = "Director, Sales\nEMEA";
    person.department = "R&D; Labs";
    const dir = tempDir();
    writeWorld(awkward, dir);
    expect(readFileSync(join(dir, "hr.csv"), "utf8")).toContain('"Robert ""Bobby""","King, Jr."');
    expect(readWorld(dir).hr).toEqual(awkward.hr);
    expect(world.hr.some((p) => p.title.includes(","))).toBe(true); // generated titles need quoting too
  });

  it("reads an empty world", () => {
    const empty = generateWorld({ people: 0, seed: 1 });
    const dir = tempDir();
    writeWorld(empty, dir);
    expect(readWorld(dir)).toEqual(empty);
  });

  it("names the file and the problem when a file is broken", () => {
    const dir = tempDir();
    writeWorld(world, dir);
    const expectError = (pattern: RegExp) => {
      let error: unknown;
      try {
        readWorld(dir);
      } catch (err) {
        error = err;
      }
      expect(error).toBeInstanceOf(WorldFileError);
      expect((error as Error).message).toMatch(pattern);
    };
    const csvPath = join(dir, "hr.csv");
    const csv = readFileSync(csvPath, "utf8");
    writeFileSync(csvPath, csv.replace(",active,", ",retired,"));
    expectError(/^hr\.csv: line \d+: status: /);
    writeFileSync(csvPath, csv.split("\n").slice(0, 10).join("\n"));
    expectError(/^hr\.csv: has 9 people but world\.json says 400/);
    writeFileSync(csvPath, csv);

    const podioPath = join(dir, "apps", "podio.json");
    const podio = readFileSync(podioPath, "utf8");
    writeFileSync(podioPath, podio.slice(0, 100));
    expectError(/^apps\/podio\.json: not valid JSON/);
    writeFileSync(podioPath, podio.replace('"status": "active"', '"status": "gone"'));
    expectError(/^apps\/podio\.json: members\[\d+\]\.status: /);
    rmSync(podioPath);
    expectError(/^apps\/podio\.json: missing$/);
    writeFileSync(podioPath, podio);

    const keyPath = join(dir, "answer-key.json");
    const key = JSON.parse(readFileSync(keyPath, "utf8"));
    key.entries[0].kind = "mystery";
    writeFileSync(keyPath, JSON.stringify(key));
    expectError(/^answer-key\.json: entries\[0\]\.kind: /);
  });
});
