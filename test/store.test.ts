import { CompiledQuery } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Account, Grant, Group } from "../src/core/account.ts";
import type { StoreConnection } from "../src/store/connect.ts";
import { withIndexesDeferred } from "../src/store/deferred-indexes.ts";
import { listAccounts, upsertAccounts } from "../src/store/repositories/accounts.ts";
import { listGrants, listGroups, upsertGrants, upsertGroups } from "../src/store/repositories/groups.ts";
import { finishRun, listRuns, startRun } from "../src/store/repositories/runs.ts";
import { countLive, markUnseenGone } from "../src/store/sightings.ts";
import { STORE_DIALECTS } from "./support/stores.ts";

function account(id: string, overrides: Partial<Account> = {}): Account {
  return {
    app: "podio",
    externalId: id,
    username: null,
    email: `User${id}@Example.test `,
    displayName: `User ${id}`,
    firstName: "User",
    lastName: id,
    status: "active",
    roles: ["regular"],
    privileged: false,
    lastActivityAt: "2026-10-01T00:00:00.000Z",
    createdAt: "2025-01-01T00:00:00.000Z",
    invitedAt: null,
    raw: { user_id: Number(id) },
    ...overrides,
  };
}

for (const dialect of STORE_DIALECTS) {
  describe.skipIf(dialect.skip !== undefined)(`store on ${dialect.name}`, () => {
    let store: StoreConnection;
    beforeEach(async () => {
      store = await dialect.open();
    });
    afterEach(async () => {
      await store.close();
    });

    it("upserts accounts, keeps first-seen and moves last-seen", async () => {
      const run1 = await startRun(store.db, "sync");
      await upsertAccounts(store.db, run1, [account("1"), account("2", { status: "invited" })]);
      const run2 = await startRun(store.db, "sync");
      await upsertAccounts(store.db, run2, [account("1", { roles: ["admin"], privileged: true })]);
      const rows = await listAccounts(store.db, { app: "podio" });
      expect(rows.map((r) => r.externalId)).toEqual(["1", "2"]);
      expect(rows[0]).toMatchObject({
        firstSeenRun: run1,
        lastSeenRun: run2,
        roles: ["admin"],
        privileged: true,
        raw: { user_id: 1 },
      });
      expect(rows[1]).toMatchObject({ firstSeenRun: run1, lastSeenRun: run1, status: "invited" });
    });

    it("normalises e-mail for matching but keeps the original", async () => {
      const run = await startRun(store.db, "sync");
      await upsertAccounts(store.db, run, [account("1")]);
      const [row] = await store.db.selectFrom("accounts").select(["email", "email_norm"]).execute();
      expect(row).toEqual({ email: "User1@Example.test ", email_norm: "user1@example.test" });
    });

    it("never stores a redacted e-mail as a matchable address", async () => {
      const run = await startRun(store.db, "sync");
      await upsertAccounts(store.db, run, [account("1", { email: "[redacted]" })]);
      const [row] = await store.db.selectFrom("accounts").select(["email", "email_norm"]).execute();
      expect(row).toEqual({ email: "[redacted]", email_norm: null });
    });

    it("marks unseen rows gone only for the given app, and revives them when seen again", async () => {
      const run1 = await startRun(store.db, "sync");
      await upsertAccounts(store.db, run1, [account("1"), account("2"), account("9", { app: "docebo" })]);
      const run2 = await startRun(store.db, "sync");
      await upsertAccounts(store.db, run2, [account("1")]);
      expect(await markUnseenGone(store.db, "accounts", run2, "podio")).toBe(1);
      expect(await countLive(store.db, "accounts", "podio")).toBe(1);
      expect(await countLive(store.db, "accounts", "docebo")).toBe(1);
      const gone = await listAccounts(store.db, { app: "podio", includeGone: true });
      expect(gone.find((a) => a.externalId === "2")?.goneRun).toBe(run2);
      const run3 = await startRun(store.db, "sync");
      await upsertAccounts(store.db, run3, [account("2")]);
      expect(await countLive(store.db, "accounts", "podio")).toBe(2);
    });

    it("stores groups and grants with member counts", async () => {
      const run = await startRun(store.db, "sync");
      const groups: Group[] = [
        {
          app: "podio",
          externalId: "10",
          kind: "space",
          name: "Sales",
          dynamic: false,
          parentExternalId: null,
          raw: {},
        },
        {
          app: "podio",
          externalId: "11",
          kind: "space",
          name: "Ops",
          dynamic: false,
          parentExternalId: null,
          raw: {},
        },
      ];
      const grants: Grant[] = [
        {
          app: "podio",
          accountExternalId: "1",
          groupExternalId: "10",
          groupKind: "space",
          role: "admin",
          derived: false,
        },
        {
          app: "podio",
          accountExternalId: "2",
          groupExternalId: "10",
          groupKind: "space",
          role: null,
          derived: false,
        },
      ];
      await upsertGroups(store.db, run, groups);
      await upsertGrants(store.db, run, grants);
      const listed = await listGroups(store.db, { app: "podio" });
      expect(listed.map((g) => [g.name, g.members])).toEqual([
        ["Sales", 2],
        ["Ops", 0],
      ]);
      expect(await listGrants(store.db, { accountExternalId: "1" })).toMatchObject([{ role: "admin" }]);
    });

    it("searches accounts by e-mail, username or name", async () => {
      const run = await startRun(store.db, "sync");
      await upsertAccounts(store.db, run, [account("1"), account("2", { displayName: "Klara Novak" })]);
      expect((await listAccounts(store.db, { search: "klara" })).map((a) => a.externalId)).toEqual(["2"]);
      expect((await listAccounts(store.db, { search: "USER1@" })).map((a) => a.externalId)).toEqual(["1"]);
    });

    it("upserts large batches across the parameter limit", async () => {
      const run = await startRun(store.db, "sync");
      const many = Array.from({ length: 2500 }, (_, i) => account(String(i)));
      await upsertAccounts(store.db, run, many);
      expect(await countLive(store.db, "accounts", "podio")).toBe(2500);
    });

    it("finishes a run once and refuses to change it afterwards", async () => {
      const run = await startRun(store.db, "sync", { apps: ["podio"] });
      await finishRun(store.db, run, "succeeded", { accounts: 3 });
      await expect(finishRun(store.db, run, "failed", {})).rejects.toThrow(/immutable/);
      const [listed] = await listRuns(store.db, "sync");
      expect(listed).toMatchObject({ id: run, status: "succeeded" });
      expect(JSON.parse(listed!.summary)).toEqual({ accounts: 3 });
    });

    describe("bulk rewrite with deferred indexes", () => {
      const indexNames = async () => {
        const sql =
          dialect.name === "sqlite"
            ? "select name from sqlite_master where type = 'index' and sql is not null and tbl_name in ('links', 'link_candidates') order by name"
            : "select indexname as name from pg_indexes where schemaname = current_schema() and tablename in ('links', 'link_candidates') order by indexname";
        const { rows } = await store.db.executeQuery<{ name: string }>(CompiledQuery.raw(sql));
        return rows.map((r) => r.name);
      };
      const link = (id: string) => ({
        app: "podio",
        account_external_id: id,
        employee_id: `E${id}`,
        matcher: "email",
        confidence: 0.95,
        decision: null,
        created_at: "2026-11-01T00:00:00.000Z",
        run_id: null,
        evidence: null,
      });

      it("drops the secondary indexes while writing and builds them again, rows and all", async () => {
        const before = await indexNames();
        expect(before).toEqual(
          expect.arrayContaining(["link_candidates_account", "links_account", "links_employee"]),
        );
        const during = await store.db.transaction().execute((trx) =>
          withIndexesDeferred(trx, ["links", "link_candidates"], async () => {
            await trx
              .insertInto("links")
              .values([link("1"), link("2")])
              .execute();
            const { rows } = await trx.executeQuery<{ name: string }>(
              CompiledQuery.raw(
                dialect.name === "sqlite"
                  ? "select name from sqlite_master where type = 'index' and sql is not null and tbl_name = 'links'"
                  : "select indexname as name from pg_indexes where schemaname = current_schema() and tablename = 'links' and indexname <> 'links_pkey'",
              ),
            );
            return rows.length;
          }),
        );
        expect(during).toBe(0);
        expect(await indexNames()).toEqual(before);
        const found = await store.db
          .selectFrom("links")
          .select("account_external_id")
          .where("employee_id", "=", "E2")
          .execute();
        expect(found.map((r) => r.account_external_id)).toEqual(["2"]);
      });

      it("leaves indexes and rows as they were when the rewrite fails", async () => {
        await store.db.insertInto("links").values(link("1")).execute();
        const before = await indexNames();
        await expect(
          store.db.transaction().execute((trx) =>
            withIndexesDeferred(trx, ["links"], async () => {
              await trx.deleteFrom("links").execute();
              throw new Error("disk on fire");
            }),
          ),
        ).rejects.toThrow("disk on fire");
        expect(await indexNames()).toEqual(before);
        expect(await store.db.selectFrom("links").select("account_external_id").execute()).toEqual([
          { account_external_id: "1" },
        ]);
      });
    });
  });
}
