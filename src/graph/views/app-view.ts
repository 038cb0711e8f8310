/**
 * `appView`: one app's accounts with the person each belongs to (or why none), and the latest findings — what a
 * report section per app shows.
 */
import type { Kysely } from "kysely";
import type { AccountStatus } from "../../core/account.ts";
import type { FindingKind } from "../../core/finding.ts";
import type { PersonStatus } from "../../core/person.ts";
import { type StoredAccount, summaryFromRow } from "../../store/repositories/accounts.ts";
import type { Database } from "../../store/schema.ts";
import { SITUATIONS, type Situation } from "../correlation/correlate.ts";
import { decisionKey } from "../decisions.ts";
import { type AnalysisRun, findingsOfRun, latestAnalysisRun, type StoredFinding } from "../history.ts";
import { type LinkView, linkViewOf, loadLinkRows } from "./account-links.ts";
import { analysisCovers } from "./coverage.ts";

export interface PersonSummary {
  employeeId: string;
  email: string;
  name: string;
  status: PersonStatus;
  department: string | null;
  title: string | null;
  /** No longer in the HR export. */
  gone: boolean;
}

export type AccountSummary = Omit<StoredAccount, "raw">;

export interface AppAccountView {
  account: AccountSummary;
  link: LinkView;
  /** The linked person, when there is one. */
  person: PersonSummary | null;
  findings: StoredFinding[];
}

export interface AppView {
  app: string;
  analysis: AnalysisRun | null;
  counts: {
    accounts: number;
    byStatus: Partial<Record<AccountStatus, number>>;
    bySituation: Record<Situation, number>;
    findings: Partial<Record<FindingKind, number>>;
  };
  accounts: AppAccountView[];
  /** Person-level findings of the app (`duplicate`). */
  personFindings: StoredFinding[];
}

export interface AppViewOptions {
  /** Include accounts marked gone (default false). */
  includeGone?: boolean;
  /** Already loaded by a caller that builds several app views (the people and the latest analysis). */
  shared?: AppViewShared;
}

export interface AppViewShared {
  persons: Map<string, PersonSummary>;
  analysis: AnalysisRun | null;
  covers: (firstSeenRun: string) => boolean;
}

/** What every app view reads alike: load it once when building several. */
export async function appViewShared(db: Kysely<Database>): Promise<AppViewShared> {
  const analysis = await latestAnalysisRun(db);
  return { analysis, covers: await analysisCovers(db, analysis), persons: await personSummaries(db) };
}

/** Every column but the raw payload (large, and no view shows it). */
const SUMMARY_COLUMNS = [
  "app",
  "external_id",
  "username",
  "email",
  "email_norm",
  "display_name",
  "first_name",
  "last_name",
  "status",
  "roles",
  "privileged",
  "last_activity_at",
  "created_at",
  "invited_at",
  "first_seen_run",
  "last_seen_run",
  "gone_run",
] as const;

export async function appView(
  db: Kysely<Database>,
  app: string,
  options: AppViewOptions = {},
): Promise<AppView> {
  const { analysis, covers, persons } = options.shared ?? (await appViewShared(db));
  let query = db.selectFrom("accounts").select(SUMMARY_COLUMNS).where("app", "=", app);
  if (!options.includeGone) query = query.where("gone_run", "is", null);
  const rows = await query.orderBy("external_id").execute();
  const links = await loadLinkRows(db, { app });
  const findings = analysis ? await findingsOfRun(db, analysis.id, { app }) : [];
  const byAccount = new Map<string, StoredFinding[]>();
  const personFindings: StoredFinding[] = [];
  for (const f of findings) {
    if (f.externalId === undefined) {
      personFindings.push(f);
      continue;
    }
    const key = decisionKey(app, f.externalId);
    const list = byAccount.get(key);
    if (list) list.push(f);
    else byAccount.set(key, [f]);
  }
  const view: AppView = {
    app,
    analysis,
    counts: {
      accounts: rows.length,
      byStatus: {},
      bySituation: Object.fromEntries(SITUATIONS.map((s) => [s, 0])) as Record<Situation, number>,
      findings: {},
    },
    accounts: [],
    personFindings,
  };
  for (const row of rows) {
    const account = summaryFromRow(row);
    const link = linkViewOf(row, links, covers(row.first_seen_run));
    const status = account.status;
    view.counts.byStatus[status] = (view.counts.byStatus[status] ?? 0) + 1;
    view.counts.bySituation[link.situation]++;
    view.accounts.push({
      account,
      link,
      person: link.situation === "linked" && link.employeeId ? (persons.get(link.employeeId) ?? null) : null,
      findings: byAccount.get(decisionKey(app, row.external_id)) ?? [],
    });
  }
  for (const f of findings) view.counts.findings[f.kind] = (view.counts.findings[f.kind] ?? 0) + 1;
  return view;
}

/** Every person, summarised, by employee id. */
export async function personSummaries(db: Kysely<Database>): Promise<Map<string, PersonSummary>> {
  const rows = await db
    .selectFrom("persons")
    .select(["employee_id", "email", "first_name", "last_name", "status", "department", "title", "gone_run"])
    .execute();
  return new Map(
    rows.map((r) => [
      r.employee_id,
      {
        employeeId: r.employee_id,
        email: r.email,
        name: `${r.first_name} ${r.last_name}`.trim(),
        status: r.status as PersonStatus,
        department: r.department,
        title: r.title,
        gone: r.gone_run !== null,
      },
    ]),
  );
}
