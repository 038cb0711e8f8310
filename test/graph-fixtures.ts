/** Small hand-made persons and accounts for the correlation and findings suites. */
import { normaliseEmail } from "../src/core/person.ts";
import type { AccountFacts } from "../src/graph/correlation/account-facts.ts";
import type { IndexedPerson } from "../src/graph/correlation/person-index.ts";

export function person(
  employeeId: string,
  email: string,
  overrides: Partial<IndexedPerson> = {},
): IndexedPerson {
  return {
    employeeId,
    email,
    aliases: [],
    firstName: "Jane",
    lastName: employeeId,
    department: "Sales",
    title: "Rep",
    status: "active",
    startDate: "2020-01-01",
    endDate: null,
    gone: false,
    ...overrides,
  };
}

export function account(overrides: Partial<AccountFacts> = {}): AccountFacts {
  const email = overrides.email === undefined ? "someone@northwind.example" : overrides.email;
  return {
    app: "podio",
    externalId: "1",
    username: null,
    email,
    emailNorm: email && email !== "[redacted]" ? normaliseEmail(email) : null,
    displayName: null,
    firstName: null,
    lastName: null,
    status: "active",
    rolesJson: '["regular"]',
    privileged: false,
    lastActivityAt: null,
    createdAt: null,
    invitedAt: null,
    firstSeenRun: "run-1",
    employeeIdHint: null,
    detailed: true,
    ...overrides,
  };
}
