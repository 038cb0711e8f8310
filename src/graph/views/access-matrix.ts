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
import { type AnalysisRun, findingsOfRun } from "../history.ts";
import { type LinkView, linkViewOf, loadLinkRows } from "./account-links.ts";
import { appViewShared, type PersonSummary } from "./app-view.ts";

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

/** A live account as the matrices read it (no raw payload). */
export interface LiveAccount {
  app: string;
  external_id: string;
  email: string | null;
  email_norm: string | null;
  username: string | null;
  display_name: string | null;
  status: string;
  roles: string;
  privileged: number;
  first_seen_run: string;
}

export interface Placement {
  account: LiveAccount;
  link: LinkView;
  /** The person the account is linked to — in HR or no longer — or null (unlinked, or linked to nobody known). */
  holder: PersonSummary | null;
}

export interface LiveAccountPlacements {
  analysis: AnalysisRun | null;
  persons: Map<string, PersonSummary>;
  /** Apps with live accounts, sorted. */
  apps: string[];
  /** Every live account (of `app` when given), by app then external id, with whom it is placed. */
  placements: Placement[];
}

/**
 * Where every live account stands — its link and the person holding it — in one pass over the accounts, the links
 * and the people: what the people × apps matrices (this one, the HTML report's) are built from.
 */
export async function placeLiveAccounts(db: Kysely<Database>, app?: string): Promise<LiveAccountPlacements> {
  const { analysis, covers, persons } = await appViewShared(db);
  const links = await loadLinkRows(db, app === undefined ? {} : { app });
  const accounts = await db
    .selectFrom("accounts")
    .select([
      "app",
      "external_id",
      "email",
      "email_norm",
      "username",
      "display_name",
      "status",
      "roles",
      "privileged",
      "first_seen_run",
    ])
    .where("gone_run", "is", null)
    .$if(app !== undefined, (q) => q.where("app", "=", app!))
    .orderBy("app")
    .orderBy("external_id")
    .execute();
  const placements = accounts.map((account): Placement => {
    const link = linkViewOf(account, links, covers(account.first_seen_run));
    const holder =
      link.situation === "linked" && link.employeeId ? (persons.get(link.employeeId) ?? null) : null;
    return { account, link, holder };
  });
  return { analysis, persons, apps: [...new Set(accounts.map((a) => a.app))], placements };
}

export async function accessMatrix(db: Kysely<Database>): Promise<AccessMatrix> {
  const { analysis, persons, apps, placements } = await placeLiveAccounts(db);
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

  const rows = new Map<string, AccessRow>();
  for (const p of persons.values()) if (!p.gone) rows.set(p.employeeId, { person: p, cells: {} });
  const unlinked: AccessMatrix["unlinked"] = Object.fromEntries(apps.map((a) => [a, {}]));

  for (const { account: a, link, holder } of placements) {
    if (link.situation !== "linked" || !link.employeeId) {
      const counts = unlinked[a.app]!;
      counts[link.situation] = (counts[link.situation] ?? 0) + 1;
      continue;
    }
    if (!holder) continue;
    let row = rows.get(holder.employeeId);
    if (!row) {
      row = { person: holder, cells: {} };
      rows.set(holder.employeeId, row);
    }
    let cell = row.cells[a.app];
    if (!cell) {
      cell = { accounts: [], statuses: [], access: false, privileged: false, findings: [] };
      row.cells[a.app] = cell;
      for (const kind of kindsByPerson.get(decisionKey(a.app, holder.employeeId)) ?? [])
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
