/**
 * `accessMatrix`: people × apps. One row per person (live persons, plus anyone who left the HR export but still
 * holds a linked account), one cell per app they hold accounts in; and per app, the accounts that belong to no one.
 */
import type { Kysely } from "kysely";
import type { AccountStatus } from "../../core/account.ts";
import type { FindingKind } from "../../core/finding.ts";
import type { Database } from "../../store/schema.ts";
import type { Situation } from "../correlation/correlate.ts";
import { decisionKey } from "../decisions.ts";
import { type AnalysisRun, findingsOfRun, latestAnalysisRun } from "../history.ts";
import { linkViewOf, loadLinkRows } from "./account-links.ts";
import { type PersonSummary, personSummaries } from "./app-view.ts";
import { analysisCovers } from "./coverage.ts";

export interface AccessCell {
  /** External ids of the person's accounts in the app. */
  accounts: string[];
  statuses: AccountStatus[];
  /** Whether any of them is access-capable (active or invited). */
  access: boolean;
  privileged: boolean;
  /** Kinds of the latest findings on these accounts (and the person's `duplicate` in this app). */
  findings: FindingKind[];
}

export interface AccessRow {
  person: PersonSummary;
  cells: Record<string, AccessCell>;
}

export interface AccessMatrix {
  analysis: AnalysisRun | null;
  apps: string[];
  /** By employee id. */
  rows: AccessRow[];
  /** Per app: live accounts linked to nobody, by situation. */
  unlinked: Record<string, Partial<Record<Situation, number>>>;
}

export async function accessMatrix(db: Kysely<Database>): Promise<AccessMatrix> {
  const analysis = await latestAnalysisRun(db);
  const covers = await analysisCovers(db, analysis);
  const persons = await personSummaries(db);
  const links = await loadLinkRows(db, {});
  const findings = analysis ? await findingsOfRun(db, analysis.id) : [];
  const kindsByAccount = new Map<string, FindingKind[]>();
  const kindsByPerson = new Map<string, FindingKind[]>();
  for (const f of findings) {
    const key =
      f.externalId !== undefined ? decisionKey(f.app, f.externalId) : decisionKey(f.app, f.employeeId!);
    const map = f.externalId !== undefined ? kindsByAccount : kindsByPerson;
    const list = map.get(key);
    if (list) list.push(f.kind);
    else map.set(key, [f.kind]);
  }

  const accounts = await db
    .selectFrom("accounts")
    .select([
      "app",
      "external_id",
      "email",
      "email_norm",
      "username",
      "status",
      "privileged",
      "first_seen_run",
    ])
    .where("gone_run", "is", null)
    .orderBy("app")
    .orderBy("external_id")
    .execute();
  const apps = [...new Set(accounts.map((a) => a.app))];
  const rows = new Map<string, AccessRow>();
  for (const p of persons.values()) if (!p.gone) rows.set(p.employeeId, { person: p, cells: {} });
  const unlinked: AccessMatrix["unlinked"] = Object.fromEntries(apps.map((a) => [a, {}]));

  for (const a of accounts) {
    const link = linkViewOf(a, links, covers(a.first_seen_run));
    if (link.situation !== "linked" || !link.employeeId) {
      const counts = unlinked[a.app]!;
      counts[link.situation] = (counts[link.situation] ?? 0) + 1;
      continue;
    }
    let row = rows.get(link.employeeId);
    if (!row) {
      const person = persons.get(link.employeeId);
      if (!person) continue;
      row = { person, cells: {} };
      rows.set(link.employeeId, row);
    }
    let cell = row.cells[a.app];
    if (!cell) {
      cell = { accounts: [], statuses: [], access: false, privileged: false, findings: [] };
      row.cells[a.app] = cell;
      for (const kind of kindsByPerson.get(decisionKey(a.app, link.employeeId)) ?? [])
        cell.findings.push(kind);
    }
    const status = a.status as AccountStatus;
    cell.accounts.push(a.external_id);
    cell.statuses.push(status);
    cell.access ||= status === "active" || status === "invited";
    cell.privileged ||= Number(a.privileged) === 1;
    for (const kind of kindsByAccount.get(decisionKey(a.app, a.external_id)) ?? [])
      if (!cell.findings.includes(kind)) cell.findings.push(kind);
  }
  const sorted = [...rows.values()].sort((x, y) =>
    x.person.employeeId < y.person.employeeId ? -1 : x.person.employeeId > y.person.employeeId ? 1 : 0,
  );
  return { analysis, apps, rows: sorted, unlinked };
}
