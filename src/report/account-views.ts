/**
 * Accounts as the person and app views show them, mapped from the graph's views: status and roles, the groups /
 * roles / grants they hold, how they were linked (matcher, confidence, what matched, a manual decision), the
 * people a disputed address fits, and the latest analysis's findings.
 */
import type { AccountSummary, GrantView, LinkView, StoredFinding } from "../graph/index.ts";
import type { AccountLink, AccountView } from "./model.ts";

/** `Engineering (group)`, `All Employees (group, derived)`, `Company Hub (space): admin`. */
export function membershipLabel(
  g: Pick<GrantView, "groupName" | "groupExternalId" | "groupKind" | "role" | "derived">,
): string {
  return `${g.groupName ?? g.groupExternalId} (${g.groupKind}${g.derived ? ", derived" : ""})${g.role ? `: ${g.role}` : ""}`;
}

function linkOf(link: LinkView, personName: string | null): AccountLink | null {
  if (link.situation !== "linked" || !link.employeeId) return null;
  const evidence = link.decision
    ? `manual ${link.decision.decision}${link.decision.note ? `: ${link.decision.note}` : ""} (${link.decision.decidedAt})`
    : (link.matchedOn ?? "");
  return {
    employeeId: link.employeeId,
    personName: personName ?? "",
    matcher: link.matcher ?? "",
    confidence: link.confidence ?? 0,
    evidence,
  };
}

export function accountView(
  account: AccountSummary,
  link: LinkView,
  personName: string | null,
  memberships: string[],
  findings: StoredFinding[],
): AccountView {
  return {
    app: account.app,
    externalId: account.externalId,
    email: account.email,
    username: account.username,
    displayName: account.displayName,
    status: account.status,
    roles: account.roles,
    privileged: account.privileged,
    lastActivityAt: account.lastActivityAt,
    memberships,
    situation: link.situation,
    analyzed: link.analyzed,
    link: linkOf(link, personName),
    candidates: link.situation === "disputed" ? link.candidates.map((c) => c.employeeId) : [],
    findings: findings.map((f) => ({ kind: f.kind, severity: f.severity })),
  };
}
