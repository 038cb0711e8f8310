/** `roster app NAME`: the graph's app view as a report — every live account with its person (or none) and findings. */
import type { Kysely } from "kysely";
import { appView } from "../graph/index.ts";
import type { Database } from "../store/schema.ts";
import { accountView } from "./account-views.ts";
import { ReportError } from "./findings-report.ts";
import type { AppReport } from "./model.ts";
import { accountKey, membershipsOf } from "./queries.ts";

/** `configured`: the app names in the config, for the message when `app` is unknown. */
export async function loadAppReport(
  db: Kysely<Database>,
  app: string,
  configured: string[] = [],
): Promise<AppReport> {
  const view = await appView(db, app);
  if (view.accounts.length === 0 && !configured.includes(app)) {
    const known = [...configured].sort().join(", ") || "none";
    throw new ReportError(`no app named "${app}" in the config or the store; configured: ${known}`);
  }
  const memberships = await membershipsOf(db, app);
  const accounts = view.accounts.map((a) =>
    accountView(
      a.account,
      a.link,
      a.person?.name ?? null,
      memberships.get(accountKey(app, a.account.externalId)) ?? [],
      a.findings,
    ),
  );
  const s = view.counts.bySituation;
  return {
    app,
    analysisRunId: view.analysis?.id ?? null,
    accounts,
    counts: {
      accounts: view.counts.accounts,
      findings: Object.values(view.counts.findings).reduce((n, c) => n + (c ?? 0), 0),
      linked: s.linked,
      unmatched: s.unmatched,
      disputed: s.disputed,
      unknown: s.unknown,
      ignored: s.ignored,
    },
    personFindings: view.personFindings.map((f) => ({
      kind: f.kind,
      employeeId: f.employeeId!,
      severity: f.severity,
      evidence: f.evidence as unknown as Record<string, unknown>,
    })),
  };
}
