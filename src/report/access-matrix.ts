/**
 * The people × apps access matrix of the HTML report, from the graph's `accessMatrix` (which people: everyone in
 * HR, plus anyone no longer in HR who still holds a live account) and `appView` (each account's status, roles and
 * situation). Cells carry the report's findings, so the matrix and the findings table always agree. Accounts
 * nobody holds are listed apart with their situation. Rows are ordered and capped by `capMatrix`.
 */
import type { Kysely } from "kysely";
import { accessMatrix, appView, appViewShared } from "../graph/index.ts";
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

  const graph = await accessMatrix(db);
  const apps = options.app ? graph.apps.filter((a) => a === options.app) : graph.apps;
  const rows = new Map<string, MatrixRow>();
  for (const r of graph.rows) {
    const p = r.person;
    rows.set(p.employeeId, {
      employeeId: p.employeeId,
      name: p.name,
      email: p.email,
      department: p.department,
      status: p.gone ? `${p.status}, not in HR export` : p.status,
      cells: {},
      personFindings: {},
      findings: 0,
    });
  }

  const unmatched: UnmatchedAccount[] = [];
  const shared = await appViewShared(db);
  for (const app of apps) {
    const view = await appView(db, app, { shared });
    for (const a of view.accounts) {
      const { externalId, status, roles } = a.account;
      const findings = accountKinds.get(accountKey(app, externalId)) ?? [];
      const row =
        a.link.situation === "linked" && a.link.employeeId ? rows.get(a.link.employeeId) : undefined;
      if (!row) {
        unmatched.push({
          app,
          externalId,
          email: a.account.email,
          displayName: a.account.displayName,
          status,
          roles,
          // A link to someone the store has no record of reads as unmatched.
          situation: a.link.situation === "linked" ? "unmatched" : a.link.situation,
          findings,
        });
        continue;
      }
      const held = row.cells[app];
      const cell = { externalId, status, roles, findings };
      if (held) held.push(cell);
      else row.cells[app] = [cell];
      row.findings += findings.length;
    }
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
