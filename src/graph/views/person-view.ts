/**
 * `personView`: one person and everything they hold — every account across apps with its status, roles, groups
 * and how it was linked (matcher, confidence, manual decision), the accounts they are only a candidate for, and
 * the latest findings about them.
 */
import type { Kysely } from "kysely";
import type { GroupKind } from "../../core/account.ts";
import type { PersonStatus } from "../../core/person.ts";
import { fromRow, type StoredAccount } from "../../store/repositories/accounts.ts";
import type { Database, PersonTable } from "../../store/schema.ts";
import { type AnalysisRun, findingsOfRun, latestAnalysisRun, type StoredFinding } from "../history.ts";
import { resolvePerson } from "../lookup.ts";
import { type CandidateView, type LinkView, linkViewOf, loadLinkRows } from "./account-links.ts";
import { analysisCovers } from "./coverage.ts";

export interface PersonRecord {
  employeeId: string;
  email: string;
  aliases: string[];
  firstName: string;
  lastName: string;
  department: string | null;
  title: string | null;
  managerId: string | null;
  status: PersonStatus;
  startDate: string | null;
  endDate: string | null;
  /** The import that listed the person (`csv:hr.csv`). */
  source: string;
  /** No longer in the HR export (the import run that noticed), or null. */
  goneRun: string | null;
}

export interface GrantView {
  groupKind: GroupKind;
  groupExternalId: string;
  /** The group's name, when the group listing had it. */
  groupName: string | null;
  role: string | null;
  derived: boolean;
}

export interface PersonAccountView {
  account: StoredAccount;
  link: LinkView;
  grants: GrantView[];
  findings: StoredFinding[];
}

export interface PersonView {
  person: PersonRecord;
  /** The analysis the links and findings come from (null before the first). */
  analysis: AnalysisRun | null;
  /** Accounts linked to the person (by a matcher or by hand), by app then external id. */
  accounts: PersonAccountView[];
  /** Accounts the person is only a candidate for: a disputed address, or a name-based guess. */
  candidateFor: { account: StoredAccount; candidate: CandidateView; link: LinkView }[];
  /** Person-level findings (`duplicate`). */
  findings: StoredFinding[];
}

export function personRecord(r: PersonTable): PersonRecord {
  return {
    employeeId: r.employee_id,
    email: r.email,
    aliases: JSON.parse(r.aliases) as string[],
    firstName: r.first_name,
    lastName: r.last_name,
    department: r.department,
    title: r.title,
    managerId: r.manager_id,
    status: r.status as PersonStatus,
    startDate: r.start_date,
    endDate: r.end_date,
    source: r.source,
    goneRun: r.gone_run,
  };
}

/** Everything about one person, by employee id or by a primary or alias address. Throws LookupError. */
export async function personView(db: Kysely<Database>, emailOrEmployeeId: string): Promise<PersonView> {
  const person = personRecord(await resolvePerson(db, emailOrEmployeeId));
  const analysis = await latestAnalysisRun(db);
  const covers = await analysisCovers(db, analysis);

  // Accounts linked to the person (computed or manual) and those naming them as a candidate.
  const linked = await db
    .selectFrom("links")
    .select(["app", "account_external_id"])
    .where("employee_id", "=", person.employeeId)
    .execute();
  const candidateRows = await db
    .selectFrom("link_candidates")
    .select(["app", "account_external_id"])
    .where("employee_id", "=", person.employeeId)
    .execute();
  const refs = [...linked, ...candidateRows].map((r) => ({ app: r.app, externalId: r.account_external_id }));
  const unique = [...new Map(refs.map((r) => [`${r.app}\u0000${r.externalId}`, r])).values()];
  const rows = await loadLinkRows(db, { accounts: unique });
  const accountRows =
    unique.length === 0
      ? []
      : await db
          .selectFrom("accounts")
          .selectAll()
          .where((eb) =>
            eb.or(unique.map((r) => eb.and([eb("app", "=", r.app), eb("external_id", "=", r.externalId)]))),
          )
          .orderBy("app")
          .orderBy("external_id")
          .execute();

  const findingsOf = async (app: string, externalId: string) =>
    analysis ? findingsOfRun(db, analysis.id, { app, externalId }) : [];

  const view: PersonView = { person, analysis, accounts: [], candidateFor: [], findings: [] };
  for (const row of accountRows) {
    const link = linkViewOf(row, rows, covers(row.first_seen_run));
    const account = fromRow(row);
    if (link.situation === "linked" && link.employeeId === person.employeeId) {
      view.accounts.push({
        account,
        link,
        grants: await grantsOf(db, row.app, row.external_id),
        findings: await findingsOf(row.app, row.external_id),
      });
    } else {
      const candidate = link.candidates.find((c) => c.employeeId === person.employeeId);
      if (candidate) view.candidateFor.push({ account, candidate, link });
    }
  }
  if (analysis) view.findings = await findingsOfRun(db, analysis.id, { employeeId: person.employeeId });
  return view;
}

async function grantsOf(db: Kysely<Database>, app: string, externalId: string): Promise<GrantView[]> {
  const rows = await db
    .selectFrom("grants as gr")
    .leftJoin("groups as g", (join) =>
      join
        .onRef("g.app", "=", "gr.app")
        .onRef("g.kind", "=", "gr.group_kind")
        .onRef("g.external_id", "=", "gr.group_external_id"),
    )
    .select(["gr.group_kind", "gr.group_external_id", "gr.role", "gr.derived", "g.name"])
    .where("gr.app", "=", app)
    .where("gr.account_external_id", "=", externalId)
    .where("gr.gone_run", "is", null)
    .orderBy("gr.group_kind")
    .orderBy("gr.group_external_id")
    .execute();
  return rows.map((r) => ({
    groupKind: r.group_kind as GroupKind,
    groupExternalId: r.group_external_id,
    groupName: r.name,
    role: r.role,
    derived: Number(r.derived) === 1,
  }));
}
