/**
 * The people × apps access matrix of the HTML report: everyone in HR, plus anyone no longer in HR who still holds a
 * live account (as the graph's `accessMatrix`), with each account's status, roles and situation (as `appView`), read
 * in one pass. Cells carry the report's findings, so the matrix and the findings table always agree. Accounts
 * nobody holds are listed apart with their situation. Rows are ordered and capped by `capMatrix`.
 */
import type { Kysely } from "kysely";
import type { AccountStatus } from "../core/account.ts";
import { appViewShared, type PersonSummary } from "../graph/index.ts";
import { linkViewOf, loadLinkRows } from "../graph/views/account-links.ts";
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

  // One pass over the live accounts (no raw payloads), the links and the people — the same rows and cells the
  // graph's accessMatrix and appView give, without loading the store once per app.
  const { persons, covers } = await appViewShared(db);
  const links = await loadLinkRows(db, options.app ? { app: options.app } : {});
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
      "first_seen_run",
    ])
    .where("gone_run", "is", null)
    .$if(options.app !== undefined, (q) => q.where("app", "=", options.app!))
    .orderBy("app")
    .orderBy("external_id")
    .execute();
  const apps = [...new Set(accounts.map((a) => a.app))];
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
  for (const p of [...persons.values()].sort((a, b) => (a.employeeId < b.employeeId ? -1 : 1)))
    if (!p.gone) rows.set(p.employeeId, rowOf(p));

  const unmatched: UnmatchedAccount[] = [];
  for (const a of accounts) {
    const app = a.app;
    const link = linkViewOf(a, links, covers(a.first_seen_run));
    const externalId = a.external_id;
    const status = a.status as AccountStatus;
    const roles = JSON.parse(a.roles) as string[];
    const findings = accountKinds.get(accountKey(app, externalId)) ?? [];
    let row: MatrixRow | undefined;
    if (link.situation === "linked" && link.employeeId) {
      row = rows.get(link.employeeId);
      const person = row ? undefined : persons.get(link.employeeId);
      // Someone no longer in the HR export who still holds a live account keeps a row.
      if (person) {
        row = rowOf(person);
        rows.set(person.employeeId, row);
      }
    }
    if (!row) {
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
