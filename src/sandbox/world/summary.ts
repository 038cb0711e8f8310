/** Counts that describe a world at a glance: people by status, accounts per app, findings per kind. */
import type { AccountStatus } from "../../core/account.ts";
import { FINDING_KINDS, type FindingKind } from "../../core/finding.ts";
import { PERSON_STATUSES, type PersonStatus } from "../../core/person.ts";
import { appAccounts } from "./accounts.ts";
import { APP_NAMES, type AppName, type World } from "./types.ts";

export interface WorldSummary {
  people: number;
  hr: Record<PersonStatus, number>;
  apps: Record<AppName, { accounts: number; byStatus: Partial<Record<AccountStatus, number>> }>;
  findings: { total: number; byKind: Record<FindingKind, number>; byApp: Record<AppName, number> };
}

export function worldSummary(world: World): WorldSummary {
  const hr = Object.fromEntries(PERSON_STATUSES.map((s) => [s, 0])) as Record<PersonStatus, number>;
  for (const person of world.hr) hr[person.status] += 1;
  const apps = {} as WorldSummary["apps"];
  for (const app of APP_NAMES) {
    const accounts = appAccounts(world, app);
    const byStatus: Partial<Record<AccountStatus, number>> = {};
    for (const account of accounts) byStatus[account.status] = (byStatus[account.status] ?? 0) + 1;
    apps[app] = { accounts: accounts.length, byStatus };
  }
  const byKind = Object.fromEntries(FINDING_KINDS.map((k) => [k, 0])) as Record<FindingKind, number>;
  const byApp = Object.fromEntries(APP_NAMES.map((a) => [a, 0])) as Record<AppName, number>;
  for (const entry of world.answerKey) {
    byKind[entry.kind] += 1;
    if (entry.app in byApp) byApp[entry.app as AppName] += 1;
  }
  return { people: world.hr.length, hr, apps, findings: { total: world.answerKey.length, byKind, byApp } };
}
