/**
 * The ID map (hr.idMap): accounts no address identifies are linked to the person it names — through the real
 * sandboxes, sync, HR import and analysis — its bad rows are reported without stopping the import, and taking a
 * row out of the map takes the link away at the next import and analysis.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Finding } from "../src/graph/findings/types.ts";
import type { StoreConnection } from "../src/store/connect.ts";
import { type GraphWorld, openGraphWorld } from "./graph-harness.ts";
import { STORE_DIALECTS } from "./support/stores.ts";

for (const dialect of STORE_DIALECTS) {
  describe.skipIf(dialect.skip !== undefined)(`ID map on ${dialect.name}`, () => {
    let store: StoreConnection;
    let graph: GraphWorld;
    let orphan: Finding;
    let unknown: Finding;
    let beforeKeys: Set<string>;
    const keyOf = (f: Finding) => `${f.kind}|${f.app}|${f.externalId ?? f.employeeId}`;
    const holder = "E000003";
    const mapFile = () => join(graph.dir, "id-map.csv");

    beforeAll(async () => {
      store = await dialect.open();
      graph = openGraphWorld(store, { people: 150, seed: 7 });
      expect((await graph.sync()).status).toBe("succeeded");
      expect((await graph.importHr()).status).toBe("succeeded");
      const before = await graph.analyze();
      orphan = before.findings.find((f) => f.kind === "orphan")!;
      unknown = before.findings.find((f) => f.kind === "unknown-identity")!;
      beforeKeys = new Set(before.findings.map(keyOf));
      expect(orphan && unknown).toBeTruthy();
    }, 60_000);
    afterAll(async () => {
      graph?.cleanup();
      await store?.close();
    });

    it("links what it maps, reports its bad rows, and leaves the rest to the other matchers", async () => {
      writeFileSync(
        mapFile(),
        [
          "app,external_id,employee_id",
          `${orphan.app},${orphan.externalId},${holder}`,
          `${unknown.app},${unknown.externalId},${holder}`,
          "podio,999999999",
          "docebo,424242,E999999",
        ].join("\n"),
      );
      graph.config.hr!.idMap = mapFile();
      const imported = await graph.importHr();
      expect(imported.status).toBe("partial");
      expect(imported.idMapped).toBe(3);
      expect(imported.problems).toEqual([
        { file: "id-map.csv", line: 4, reason: "expected 3 fields as in the header, got 2" },
      ]);
      expect(imported.warnings).toContainEqual({
        file: "id-map.csv",
        line: 5,
        reason: "employee id E999999 is not in the HR export: docebo:424242 stays unlinked by the map",
      });

      const after = await graph.analyze();
      const now = new Set(after.findings.map(keyOf));
      expect(now.has(keyOf(orphan))).toBe(false);
      expect(now.has(keyOf(unknown))).toBe(false);
      const links = await store.db
        .selectFrom("links")
        .select(["app", "account_external_id", "employee_id", "matcher", "confidence"])
        .where("matcher", "=", "id-map")
        .execute();
      expect(links.sort((a, b) => a.app.localeCompare(b.app))).toEqual(
        [
          {
            app: orphan.app,
            account_external_id: orphan.externalId,
            employee_id: holder,
            matcher: "id-map",
            confidence: 1,
          },
          {
            app: unknown.app,
            account_external_id: unknown.externalId,
            employee_id: holder,
            matcher: "id-map",
            confidence: 1,
          },
        ].sort((a, b) => a.app.localeCompare(b.app)),
      );
      // Everything else is as before: the map decided only for the accounts it names (which may now get the
      // findings of a linked account: an employee under a personal address is `external`).
      const mapped = new Set([`${orphan.app}|${orphan.externalId}`, `${unknown.app}|${unknown.externalId}`]);
      const aboutOthers = (k: string) =>
        !mapped.has(k.split("|").slice(1).join("|")) && !k.endsWith(`|${holder}`);
      expect([...now].filter(aboutOthers).sort()).toEqual([...beforeKeys].filter(aboutOthers).sort());
    });

    it("takes the links away when the rows leave the map", async () => {
      writeFileSync(mapFile(), "app,external_id,employee_id\n");
      const imported = await graph.importHr();
      expect(imported).toMatchObject({ status: "succeeded", idMapped: 0 });
      const again = await graph.analyze();
      const kinds = again.findings.map((f) => `${f.kind}|${f.app}|${f.externalId}`);
      expect(kinds).toContain(`orphan|${orphan.app}|${orphan.externalId}`);
      expect(await store.db.selectFrom("id_map").selectAll().execute()).toEqual([]);
    });

    it("keeps the map it had when the file cannot be read, and says so", async () => {
      writeFileSync(mapFile(), `app,external_id,employee_id\n${orphan.app},${orphan.externalId},${holder}\n`);
      await graph.importHr();
      graph.config.hr!.idMap = join(graph.dir, "missing.csv");
      const imported = await graph.importHr();
      expect(imported.status).toBe("partial");
      expect(imported.problems[0]).toMatchObject({ file: "missing.csv", line: null });
      expect(imported.problems[0]!.reason).toMatch(
        /cannot read the ID map \(ENOENT\): the one imported before is kept/,
      );
      expect(await store.db.selectFrom("id_map").select("employee_id").execute()).toEqual([
        { employee_id: holder },
      ]);
    });
  });
}
