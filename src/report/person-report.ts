/**
 * `roster person`: the graph's person view (found by employee id, primary address or alias) as a report — the HR
 * card, every live account linked to the person across apps, and the accounts whose address fits them and
 * someone else (disputed).
 */
import type { Kysely } from "kysely";
import { findingsOfRun, personView } from "../graph/index.ts";
import type { Database } from "../store/schema.ts";
import { accountView, membershipLabel } from "./account-views.ts";
import type { AccountView, PersonReport } from "./model.ts";
import { accountKey, membershipsOf } from "./queries.ts";

export async function loadPersonReport(db: Kysely<Database>, who: string): Promise<PersonReport> {
  const view = await personView(db, who);
  const p = view.person;
  const name = `${p.firstName} ${p.lastName}`.trim();
  const linked = view.accounts
    .filter((a) => a.account.goneRun === null)
    .map((a) => accountView(a.account, a.link, name, a.grants.map(membershipLabel), a.findings));
  const disputed: AccountView[] = [];
  for (const c of view.candidateFor) {
    if (c.account.goneRun !== null || c.link.situation !== "disputed") continue;
    const { app, externalId } = c.account;
    const memberships = await membershipsOf(db, app, [externalId]);
    const findings = view.analysis ? await findingsOfRun(db, view.analysis.id, { app, externalId }) : [];
    disputed.push(
      accountView(c.account, c.link, null, memberships.get(accountKey(app, externalId)) ?? [], findings),
    );
  }
  const accounts = [...linked, ...disputed].sort(
    (a, b) => a.app.localeCompare(b.app) || a.externalId.localeCompare(b.externalId),
  );
  return {
    person: {
      employeeId: p.employeeId,
      email: p.email,
      aliases: p.aliases,
      firstName: p.firstName,
      lastName: p.lastName,
      department: p.department,
      title: p.title,
      managerId: p.managerId,
      status: p.goneRun ? `${p.status} (no longer in the HR export)` : p.status,
      startDate: p.startDate,
      endDate: p.endDate,
    },
    analysisRunId: view.analysis?.id ?? null,
    accounts,
    findings: view.findings.map((f) => ({
      kind: f.kind,
      app: f.app,
      severity: f.severity,
      evidence: f.evidence as unknown as Record<string, unknown>,
    })),
  };
}
