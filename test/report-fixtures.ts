/** A small hand-made report (findings, changes, matrix) whose values try to break out of the HTML. */
import type { AccessMatrix, FindingsReport } from "../src/report/model.ts";

/** Values as an app could return them: markup in names, an attribute breakout in an address, a script in a role. */
export const XSS = {
  name: "<script>document.body.dataset.pwned=1</script>",
  email: '"><img src=x onerror=alert(1)>@evil.example',
  role: "</td><script>alert(2)</script>",
  externalId: 'x" onmouseover="alert(1)',
};

export function craftedReport(): FindingsReport {
  const person = { employeeId: "E000002", name: "Jane O'Brien" };
  return {
    company: "Acme & Co",
    generatedAt: "2026-11-01T10:00:00.000Z",
    store: "sqlite:/data/roster.db",
    runId: "run-2",
    previousRunId: "run-1",
    asOf: "2026-11-01T09:59:00.000Z",
    syncRunId: "sync-9",
    filters: {},
    findings: [
      {
        kind: "leaver-active",
        app: "podio",
        externalId: "1001",
        severity: "critical",
        change: "new",
        email: "jane.obrien@acme.example",
        person,
        evidence: { summary: "jane.obrien@acme.example belongs to E000002 (terminated) but is still active" },
      },
      {
        kind: "orphan",
        app: "productboard",
        externalId: XSS.externalId,
        severity: "high",
        change: "new",
        email: XSS.email,
        person: null,
        evidence: { summary: `${XSS.name} is active but belongs to no one in HR` },
      },
      {
        kind: "duplicate",
        app: "podio",
        employeeId: "E000003",
        severity: "low",
        change: "unchanged",
        email: null,
        person: { employeeId: "E000003", name: XSS.name },
        evidence: { summary: "E000003 holds 2 accounts in podio" },
      },
    ],
    fixed: [
      {
        kind: "stale",
        app: "podio",
        externalId: "1002",
        severity: "medium",
        email: "old@acme.example",
        person: null,
        evidence: { summary: "old@acme.example has not been used for 120 days" },
      },
    ],
  };
}

export function craftedMatrix(): AccessMatrix {
  return {
    apps: ["podio", "productboard"],
    totalPeople: 2,
    omitted: 0,
    rows: [
      {
        employeeId: "E000002",
        name: "Jane O'Brien",
        email: "jane.obrien@acme.example",
        department: "Sales",
        status: "terminated",
        cells: {
          podio: [{ externalId: "1001", status: "active", roles: ["admin"], findings: ["leaver-active"] }],
        },
        personFindings: {},
        findings: 1,
      },
      {
        employeeId: "E000003",
        name: XSS.name,
        email: "x@acme.example",
        department: null,
        status: "active",
        cells: {
          podio: [
            { externalId: "1003", status: "active", roles: [XSS.role], findings: [] },
            { externalId: "1004", status: "deactivated", roles: [], findings: [] },
          ],
        },
        personFindings: { podio: ["duplicate"] },
        findings: 1,
      },
    ],
    unmatched: [
      {
        app: "productboard",
        externalId: XSS.externalId,
        email: XSS.email,
        displayName: XSS.name,
        status: "active",
        roles: [XSS.role],
        situation: "unmatched",
        findings: ["orphan"],
      },
    ],
  };
}
