/**
 * Setup of the graph benchmark (not measured): a generated company of N people, its hr.csv and answer key written
 * to a folder, and every app's accounts (read with the world's status mapping, as the connectors would store them)
 * inserted straight into a fresh store. Prints one JSON line: what was set up.
 * Run by bench/graph.ts: `node --import tsx bench/graph-setup.ts '<json options>'`.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Account } from "../src/core/account.ts";
import { appAccounts, formatHrCsv, generateWorld } from "../src/sandbox/world/index.ts";
import { APP_NAMES } from "../src/sandbox/world/types.ts";
import { openStore } from "../src/store/connect.ts";
import { upsertAccounts } from "../src/store/repositories/accounts.ts";
import { finishRun, startRun } from "../src/store/repositories/runs.ts";

export interface GraphSetupOptions {
  people: number;
  seed: number;
  /** Share of people holding an account in each app (the world's option). */
  coverage?: number;
  dir: string;
  sqlitePath?: string;
  databaseUrl?: string;
  pgSchema?: string;
}

export interface GraphSetupResult {
  persons: number;
  accounts: number;
  accountsPerApp: Record<string, number>;
  asOf: string;
  domains: string[];
  setupMs: number;
}

async function setup(options: GraphSetupOptions): Promise<GraphSetupResult> {
  const started = performance.now();
  const world = generateWorld({
    people: options.people,
    seed: options.seed,
    ...(options.coverage === undefined ? {} : { coverage: options.coverage }),
  });
  writeFileSync(join(options.dir, "hr.csv"), formatHrCsv(world.hr));
  writeFileSync(join(options.dir, "answer-key.json"), JSON.stringify(world.answerKey));
  const store = await openStore({
    ...(options.databaseUrl ? { databaseUrl: options.databaseUrl, pgSchema: options.pgSchema } : {}),
    ...(options.sqlitePath ? { sqlitePath: options.sqlitePath } : {}),
  });
  const runId = await startRun(store.db, "sync", { bench: "graph setup" });
  const accountsPerApp: Record<string, number> = {};
  for (const app of APP_NAMES) {
    const accounts: Account[] = appAccounts(world, app).map((a) => ({
      app,
      externalId: a.externalId,
      // Docebo's username is the address; the other apps have none (as their connectors read them).
      username: app === "docebo" ? a.email.trim() : null,
      email: a.redacted ? "[redacted]" : a.email,
      displayName: null,
      firstName: null,
      lastName: null,
      status: a.status,
      roles: [a.privileged ? "admin" : "member"],
      privileged: a.privileged,
      lastActivityAt: a.lastActivityAt,
      createdAt: a.createdAt,
      invitedAt: a.invitedAt,
      raw: a,
    }));
    accountsPerApp[app] = accounts.length;
    await store.db.transaction().execute(async (trx) => {
      for (let i = 0; i < accounts.length; i += 2000)
        await upsertAccounts(trx, runId, accounts.slice(i, i + 2000));
    });
  }
  await finishRun(store.db, runId, "succeeded", { bench: "graph setup" });
  await store.close();
  return {
    persons: world.hr.length,
    accounts: Object.values(accountsPerApp).reduce((a, b) => a + b, 0),
    accountsPerApp,
    asOf: world.asOf,
    domains: world.company.domains,
    setupMs: Math.round(performance.now() - started),
  };
}

const result = await setup(JSON.parse(process.argv[2] ?? "{}") as GraphSetupOptions);
console.log(JSON.stringify(result));
