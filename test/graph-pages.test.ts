/**
 * The analysis reads accounts in pages: every live account of the app exactly once, in external-id order, gone
 * ones left out — through each way a page can be read (Kysely keyset pages, better-sqlite3 value arrays, the
 * PostgreSQL cursor) and with the same facts whichever way.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Account } from "../src/core/account.ts";
import type { AccountFacts } from "../src/graph/correlation/account-facts.ts";
import { accountPages } from "../src/graph/store/account-pages.ts";
import { type StoreConnection, sqliteHandle } from "../src/store/connect.ts";
import { upsertAccounts } from "../src/store/repositories/accounts.ts";
import { startRun } from "../src/store/repositories/runs.ts";
import { markUnseenGone } from "../src/store/sightings.ts";
import { STORE_DIALECTS } from "./support/stores.ts";

function account(app: string, n: number): Account {
  return {
    app,
    externalId: `u${String(n).padStart(3, "0")}`,
    username: n % 3 === 0 ? `user${n}` : null,
    email: ` User${n}@Example.TEST `,
    displayName: `User ${n}`,
    firstName: "User",
    lastName: String(n),
    status: n % 4 === 0 ? "suspended" : "active",
    roles: n % 5 === 0 ? ["admin"] : ["member"],
    privileged: n % 5 === 0,
    lastActivityAt: n % 2 === 0 ? "2026-10-01T00:00:00.000Z" : null,
    createdAt: "2025-01-01T00:00:00.000Z",
    invitedAt: null,
    raw: n % 6 === 0 ? { employee_id: `E${n}` } : { id: n },
  };
}

async function collect(pages: AsyncGenerator<AccountFacts[]>): Promise<AccountFacts[][]> {
  const out: AccountFacts[][] = [];
  for await (const page of pages) out.push(page);
  return out;
}

for (const dialect of STORE_DIALECTS) {
  describe.skipIf(dialect.skip !== undefined)(`account pages on ${dialect.name}`, () => {
    let store: StoreConnection;
    const live = new Set<string>();
    beforeEach(async () => {
      store = await dialect.open();
      const first = await startRun(store.db, "sync");
      await upsertAccounts(
        store.db,
        first,
        Array.from({ length: 40 }, (_, n) => account("podio", n)),
      );
      await upsertAccounts(store.db, first, [account("docebo", 1), account("docebo", 2)]);
      // A second sync sees all but every seventh Podio account: those are gone.
      const second = await startRun(store.db, "sync");
      const seen = Array.from({ length: 40 }, (_, n) => n).filter((n) => n % 7 !== 3);
      await upsertAccounts(
        store.db,
        second,
        seen.map((n) => account("podio", n)),
      );
      await markUnseenGone(store.db, "accounts", second, "podio");
      live.clear();
      for (const n of seen) live.add(account("podio", n).externalId);
    });
    afterEach(async () => {
      await store.close();
    });

    const ways = [
      { name: "Kysely keyset pages", raw: false },
      ...(dialect.name === "sqlite" ? [{ name: "better-sqlite3 value arrays", raw: true }] : []),
    ];
    for (const way of ways) {
      it(`reads every live account once, in order, in full pages (${dialect.name === "postgres" ? "cursor" : way.name})`, async () => {
        const pages = await store.db.transaction().execute(async (trx) =>
          collect(
            accountPages(trx, "podio", {
              pageSize: 7,
              withPayload: true,
              ...(way.raw ? { sqlite: sqliteHandle(store.db)! } : {}),
            }),
          ),
        );
        const ids = pages.flat().map((a) => a.externalId);
        expect(ids).toEqual([...live].sort());
        expect(pages.slice(0, -1).every((p) => p.length === 7)).toBe(true);
        const byId = new Map(pages.flat().map((a) => [a.externalId, a]));
        expect(byId.get("u006")).toMatchObject({
          app: "podio",
          username: "user6",
          emailNorm: "user6@example.test",
          status: "active",
          privileged: false,
          lastActivityAt: "2026-10-01T00:00:00.000Z",
          employeeIdHint: "E6",
          detailed: false,
        });
        expect(byId.get("u015")).toMatchObject({
          username: "user15",
          privileged: true,
          employeeIdHint: null,
        });
        expect(byId.get("u008")?.status).toBe("suspended");
      });
    }

    it("gives the same facts whichever way the pages are read", async () => {
      if (dialect.name !== "sqlite") return;
      const read = (raw: boolean) =>
        store.db.transaction().execute(async (trx) =>
          collect(
            accountPages(trx, "podio", {
              pageSize: 5,
              withRoles: true,
              ...(raw ? { sqlite: sqliteHandle(store.db)! } : {}),
            }),
          ),
        );
      expect((await read(true)).flat()).toEqual((await read(false)).flat());
    });

    it("reads nothing for an app without accounts, and only the app asked for", async () => {
      const none = await store.db.transaction().execute((trx) => collect(accountPages(trx, "slack")));
      expect(none).toEqual([]);
      const docebo = await store.db
        .transaction()
        .execute((trx) => collect(accountPages(trx, "docebo", { pageSize: 2 })));
      expect(docebo.flat().map((a) => a.externalId)).toEqual(["u001", "u002"]);
    });
  });
}
