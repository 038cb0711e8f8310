/**
 * The per-account rules. Only access-capable accounts (active or invited) get findings; see docs/findings.md for
 * why each matters and which config changes it. `duplicate` is person-level and lives in duplicates.ts.
 */
import { isAccessCapable } from "../../core/account.ts";
import { emailDomain } from "../../core/person.ts";
import { type AccountFacts, accountRoles, readableAddress } from "../correlation/account-facts.ts";
import type { Correlation } from "../correlation/correlate.ts";
import type { PersonMatch } from "../correlation/matchers.ts";
import type { IndexedPerson } from "../correlation/person-index.ts";
import type { ActivityKind } from "./app-profiles.ts";
import type {
  AccountEvidence,
  CandidateEvidence,
  Finding,
  FindingEvidence,
  PersonEvidence,
} from "./types.ts";

export const DAY_MS = 86_400_000;

export interface FindingRules {
  asOfMs: number;
  staleDays: number;
  inviteDays: number;
  /** Lower-cased company domains; empty turns `external` off (nothing to compare with). */
  companyDomains: string[];
  /** `findings.privilegedRoles`: per app, the roles that count as admin-like (overrides the connector). */
  privilegedRoles: Record<string, string[]> | undefined;
  activity: (app: string) => ActivityKind;
  /** When roster first saw an account (the start of its first sync run), for invites without a date. */
  firstSeenAt: (runId: string) => string | null;
}

export function accountEvidence(a: AccountFacts): AccountEvidence {
  return {
    app: a.app,
    externalId: a.externalId,
    email: a.email,
    username: a.username,
    displayName: a.displayName,
    status: a.status,
    roles: accountRoles(a),
    privileged: a.privileged,
    lastActivityAt: a.lastActivityAt,
    createdAt: a.createdAt,
    invitedAt: a.invitedAt,
  };
}

export function personEvidence(p: IndexedPerson): PersonEvidence {
  return {
    employeeId: p.employeeId,
    email: p.email,
    name: `${p.firstName} ${p.lastName}`.trim(),
    status: p.status,
    department: p.department,
    title: p.title,
    endDate: p.endDate,
    gone: p.gone,
  };
}

export function candidateEvidence(m: PersonMatch): CandidateEvidence {
  return {
    employeeId: m.person.employeeId,
    name: `${m.person.firstName} ${m.person.lastName}`.trim(),
    matcher: m.matcher,
    confidence: m.confidence,
    on: m.on,
  };
}

/** Whether the account's roles are admin-like: the config's list for the app when given, else the connector's. */
const BY_CONNECTOR = { privileged: true, by: "connector" } as const;
const NOT_BY_CONNECTOR = { privileged: false, by: "connector" } as const;

export function isPrivileged(
  a: AccountFacts,
  rules: FindingRules,
): { privileged: boolean; by: "connector" | "config" } {
  const configured = rules.privilegedRoles?.[a.app];
  if (!configured) return a.privileged ? BY_CONNECTOR : NOT_BY_CONNECTOR;
  const wanted = new Set(configured.map((r) => r.toLowerCase()));
  return { privileged: accountRoles(a).some((r) => wanted.has(r.toLowerCase())), by: "config" };
}

/** A terminated person, or one HR still lists as active after their end date. */
export function leaverReason(p: IndexedPerson, asOfMs: number): string | null {
  if (p.status === "terminated") return p.endDate ? `terminated, end date ${p.endDate}` : "terminated";
  if (p.status === "active" && p.endDate !== null && p.endDate < dayOf(asOfMs))
    return `HR still says active, but the end date ${p.endDate} has passed`;
  return null;
}

function isCompanyDomain(domain: string, companyDomains: string[]): boolean {
  return companyDomains.some((d) => domain === d || domain.endsWith(`.${d}`));
}

const days = (fromMs: number, toMs: number) => Math.floor((toMs - fromMs) / DAY_MS);

function linkEvidence(c: Correlation): Partial<FindingEvidence> {
  return {
    ...(c.matcher ? { matcher: c.matcher } : {}),
    ...(c.confidence !== null ? { confidence: c.confidence } : {}),
    ...(c.on ? { matchedOn: c.on } : {}),
    ...(c.manual
      ? { decision: { decision: c.manual.decision, note: c.manual.note, decidedAt: c.manual.decidedAt } }
      : {}),
  };
}

/** `YYYY-MM-DD` of `asOfMs`, cached (compared with HR end dates for every linked account). */
let todayCache: { ms: number; day: string } | undefined;
function dayOf(ms: number): string {
  if (todayCache?.ms !== ms) todayCache = { ms, day: new Date(ms).toISOString().slice(0, 10) };
  return todayCache.day;
}

const NONE: Finding[] = [];

/**
 * A cheap, conservative test run before the rules: false only when no rule can fire (an employee's linked, used,
 * unprivileged account at a company address) — the common case, which then costs no allocation at all.
 */
function mayHaveFindings(a: AccountFacts, c: Correlation, rules: FindingRules, privileged: boolean): boolean {
  if (privileged || a.status !== "active") return true;
  const p = c.person;
  if (c.situation !== "linked" || p === null || p.gone || p.status !== "active" || p.endDate !== null)
    return true;
  const address = readableAddress(a);
  if (address !== null && rules.companyDomains.length > 0) {
    const domain = address.slice(address.lastIndexOf("@") + 1);
    if (!isCompanyDomain(domain, rules.companyDomains)) return true;
  }
  const activity = rules.activity(a.app);
  if (activity === "none") return false;
  const staleBefore = rules.asOfMs - rules.staleDays * DAY_MS;
  if (a.lastActivityAt !== null) return !(Date.parse(a.lastActivityAt) >= staleBefore);
  return activity === "tracked" && a.createdAt !== null;
}

export function accountFindings(a: AccountFacts, c: Correlation, rules: FindingRules): Finding[] {
  if (!isAccessCapable(a.status)) return NONE;
  if (!mayHaveFindings(a, c, rules, isPrivileged(a, rules).privileged)) return NONE;
  const out: Finding[] = [];
  const key = { app: a.app, externalId: a.externalId };
  // Evidence is built once, and only for accounts that have a finding.
  let built: AccountEvidence | undefined;
  const evidence = () => {
    built ??= accountEvidence(a);
    return built;
  };
  const who = readableAddress(a) ?? a.displayName ?? `${a.app}:${a.externalId}`;
  const { privileged, by } = isPrivileged(a, rules);
  const identityProblem: string[] = [];

  // Identity: who holds the account, and should they?
  if (c.situation === "linked" && c.person && !c.person.gone) {
    const because = leaverReason(c.person, rules.asOfMs);
    if (because) {
      identityProblem.push("leaver-active");
      out.push({
        kind: "leaver-active",
        ...key,
        severity: "critical",
        evidence: {
          summary: `${who} belongs to ${c.person.employeeId} (${because}) but is still ${a.status}`,
          account: evidence(),
          person: personEvidence(c.person),
          ...linkEvidence(c),
          leaverBecause: because,
        },
      });
    }
  } else if (c.situation === "linked" || c.situation === "unmatched") {
    identityProblem.push("orphan");
    const gone = c.person?.gone
      ? ` (manually linked to ${c.person.employeeId}, who is no longer in the HR export)`
      : c.missingPerson
        ? ` (manually linked to ${c.missingPerson}, whom HR never listed)`
        : c.manual?.decision === "unlink"
          ? " (unlinked by hand)"
          : "";
    out.push({
      kind: "orphan",
      ...key,
      severity: privileged ? "high" : "medium",
      evidence: {
        summary: `${who} is ${a.status} but belongs to no one in HR${gone}`,
        account: evidence(),
        ...(c.person ? { person: personEvidence(c.person) } : {}),
        ...linkEvidence(c),
        ...(c.guesses.length ? { guesses: c.guesses.map(candidateEvidence) } : {}),
      },
    });
  } else if (c.situation === "disputed") {
    identityProblem.push("disputed");
    out.push({
      kind: "disputed",
      ...key,
      severity: privileged ? "high" : "medium",
      evidence: {
        summary: `${who} fits ${c.candidates.length} people in HR (${c.candidates.map((m) => m.person.employeeId).join(", ")})`,
        account: evidence(),
        candidates: c.candidates.map(candidateEvidence),
      },
    });
  } else if (c.situation === "unknown") {
    identityProblem.push("unknown-identity");
    out.push({
      kind: "unknown-identity",
      ...key,
      severity: privileged ? "high" : "medium",
      evidence: {
        summary: `${a.app}:${a.externalId} is ${a.status} but its holder cannot be read (address and name are redacted or missing)`,
        account: evidence(),
      },
    });
  }

  // External: the address is at a domain the company does not own (not for ignored or unreadable accounts).
  const address = readableAddress(a);
  const domain = address ? emailDomain(address) : null;
  if (
    c.situation !== "ignored" &&
    domain &&
    rules.companyDomains.length > 0 &&
    !isCompanyDomain(domain, rules.companyDomains)
  ) {
    identityProblem.push("external");
    out.push({
      kind: "external",
      ...key,
      severity: privileged ? "high" : "low",
      evidence: {
        summary: `${who} is at ${domain}, not a company domain`,
        account: evidence(),
        ...(c.person ? { person: personEvidence(c.person) } : {}),
        domain,
        companyDomains: rules.companyDomains,
      },
    });
  }

  // Stale: active, but not used for staleDays (or never, since being created that long ago).
  const activity = rules.activity(a.app);
  const staleBefore = rules.asOfMs - rules.staleDays * DAY_MS;
  let stale = false;
  if (a.status === "active" && activity !== "none") {
    const last = a.lastActivityAt ? Date.parse(a.lastActivityAt) : Number.NaN;
    const created = a.createdAt ? Date.parse(a.createdAt) : Number.NaN;
    if (!Number.isNaN(last) && last < staleBefore) {
      stale = true;
      out.push(
        ageFinding(
          "stale",
          key,
          evidence(),
          rules.staleDays,
          last,
          "last-activity",
          rules,
          privileged,
          `${who} has not been used for ${days(last, rules.asOfMs)} days`,
        ),
      );
    } else if (
      Number.isNaN(last) &&
      activity === "tracked" &&
      !Number.isNaN(created) &&
      created < staleBefore
    ) {
      stale = true;
      out.push(
        ageFinding(
          "stale",
          key,
          evidence(),
          rules.staleDays,
          created,
          "created",
          rules,
          privileged,
          `${who} was created ${days(created, rules.asOfMs)} days ago and never used`,
        ),
      );
    }
  }

  // Pending invite: invited longer ago than inviteDays and never accepted.
  if (a.status === "invited") {
    const firstSeen = rules.firstSeenAt(a.firstSeenRun);
    const [at, basis] = a.invitedAt
      ? [a.invitedAt, "invited" as const]
      : a.createdAt
        ? [a.createdAt, "created" as const]
        : [firstSeen, "first-seen" as const];
    const sinceMs = at ? Date.parse(at) : Number.NaN;
    if (!Number.isNaN(sinceMs) && sinceMs < rules.asOfMs - rules.inviteDays * DAY_MS) {
      const age = days(sinceMs, rules.asOfMs);
      const summary =
        basis === "first-seen"
          ? `${who} has been a pending invitation at least since roster first saw it ${age} days ago`
          : `${who} was invited ${age} days ago and never accepted`;
      out.push(
        ageFinding(
          "pending-invite",
          key,
          evidence(),
          rules.inviteDays,
          sinceMs,
          basis,
          rules,
          privileged,
          summary,
        ),
      );
    }
  }

  // Privileged: admin-like role; more severe on an account that should not exist or is not used.
  if (privileged) {
    const severity = identityProblem.length > 0 ? "high" : stale ? "medium" : "low";
    out.push({
      kind: "privileged",
      ...key,
      severity,
      evidence: {
        summary: `${who} has an admin-like role (${accountRoles(a).join(", ") || "privileged"})${identityProblem.length ? `, and is also ${identityProblem.join(", ")}` : stale ? ", and is stale" : ""}`,
        account: evidence(),
        ...(c.person ? { person: personEvidence(c.person) } : {}),
        privilegedBy: by,
      },
    });
  }
  return out;
}

function ageFinding(
  kind: "stale" | "pending-invite",
  key: { app: string; externalId: string },
  account: AccountEvidence,
  thresholdDays: number,
  sinceMs: number,
  basis: NonNullable<FindingEvidence["basis"]>,
  rules: FindingRules,
  privileged: boolean,
  summary: string,
): Finding {
  return {
    kind,
    ...key,
    severity: privileged ? "medium" : "low",
    evidence: {
      summary,
      account,
      thresholdDays,
      days: days(sinceMs, rules.asOfMs),
      since: new Date(sinceMs).toISOString(),
      basis,
    },
  };
}
