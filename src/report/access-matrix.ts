/**
 * The people × apps access matrix of the HTML report: everyone in HR, plus anyone no longer in HR who still holds a
 * live account, with each account's status, roles and situation — built from the graph's `placeLiveAccounts`, as
 * the graph's own `accessMatrix` is. Cells carry the report's findings, so the matrix and the findings table always
 * agree. Accounts nobody holds are listed apart with their situation. Rows are ordered and capped by `capMatrix`.
 */
import type { Kysely } from "kysely";
import type { AccountStatus } from "../core/account.ts";
import { type PersonSummary, placeLiveAccounts } from "../graph/index.ts";
import type { Database } from "../store/schema.ts";
import { capMatrix, MATRIX_ROW_LIMIT } from "./matrix.ts";
import type { AccessMatrix, MatrixRow, ReportFinding, UnmatchedAccount } from "./model.ts";
import { accountKey } from "./queries.ts";

export interface AccessMatrixOptions {
  /** Only this app's column, and only the people who hold an account in it. */
  app?: string;
  /** The findings shown in the cells (the report's). */
  findings: ReportFinding[];
  /** Most rows to keep (people with findings first). */
  limit?: number;
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export async function loadAccessMatrix(
  db: Kysely<Database>,
  options: AccessMatrixOptions,
): Promise<AccessMatrix> {
  const accountKinds = new Map<string, string[]>();
  const personKinds = new Map<string, string[]>();
  for (const f of options.findings) {
    if (f.externalId !== undefined) push(accountKinds, accountKey(f.app, f.externalId), f.kind);
    else if (f.employeeId !== undefined) push(personKinds, accountKey(f.app, f.employeeId), f.kind);
  }

  const { persons, apps, placements } = await placeLiveAccounts(db, options.app);
  const rows = new Map<string, MatrixRow>();
  const rowOf = (p: PersonSummary): MatrixRow => ({
    employeeId: p.employeeId,
    name: p.name,
    email: p.email,
    department: p.department,
    status: p.gone ? `${p.status}, not in HR export` : p.status,
    cells: {},
    personFindings: {},
    findings: 0,
  });
  for (const p of persons.values()) if (!p.gone) rows.set(p.employeeId, rowOf(p));

  const unmatched: UnmatchedAccount[] = [];
  for (const { account: a, link, holder } of placements) {
    const { app, external_id: externalId } = a;
    const status = a.status as AccountStatus;
    const roles = JSON.parse(a.roles) as string[];
    const findings = accountKinds.get(accountKey(app, externalId)) ?? [];
    if (!holder) {
      unmatched.push({
        app,
        externalId,
        email: a.email,
        displayName: a.display_name,
        status,
        roles,
        // A link to someone the store has no record of reads as unmatched.
        situation: link.situation === "linked" ? "unmatched" : link.situation,
        findings,
      });
      continue;
    }
    // Someone no longer in the HR export who still holds a live account gets a row too.
    let row = rows.get(holder.employeeId);
    if (!row) {
      row = rowOf(holder);
      rows.set(holder.employeeId, row);
    }
    const held = row.cells[app];
    const cell = { externalId, status, roles, findings };
    if (held) held.push(cell);
    else row.cells[app] = [cell];
    row.findings += findings.length;
  }
  for (const row of rows.values()) {
    for (const app of apps) {
      const kinds = personKinds.get(accountKey(app, row.employeeId));
      if (kinds) {
        row.personFindings[app] = kinds;
        row.findings += kinds.length;
      }
    }
  }
  const shown = options.app
    ? [...rows.values()].filter((r) => r.cells[options.app!] !== undefined)
    : [...rows.values()];
  unmatched.sort(
    (a, b) =>
      b.findings.length - a.findings.length ||
      a.app.localeCompare(b.app) ||
      a.externalId.localeCompare(b.externalId),
  );
  return capMatrix(
    { apps, rows: shown, omitted: 0, totalPeople: shown.length, unmatched },
    options.limit ?? MATRIX_ROW_LIMIT,
  );
}
