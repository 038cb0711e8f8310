/** Findings as the graph reports them: the comparable key, a severity, and the evidence behind the verdict. */
import type { AccountStatus } from "../../core/account.ts";
import type { FindingKey, FindingKind } from "../../core/finding.ts";
import type { PersonStatus } from "../../core/person.ts";

export const SEVERITIES = ["critical", "high", "medium", "low"] as const;
export type Severity = (typeof SEVERITIES)[number];

export interface AccountEvidence {
  app: string;
  externalId: string;
  email: string | null;
  username: string | null;
  displayName: string | null;
  status: AccountStatus;
  roles: string[];
  privileged: boolean;
  lastActivityAt: string | null;
  createdAt: string | null;
  invitedAt: string | null;
}

export interface PersonEvidence {
  employeeId: string;
  email: string;
  name: string;
  status: PersonStatus;
  department: string | null;
  title: string | null;
  endDate: string | null;
  /** No longer in the HR export. */
  gone: boolean;
}

export interface CandidateEvidence {
  employeeId: string;
  name: string;
  matcher: string;
  confidence: number;
  /** What matched (the address, alias or name). */
  on: string;
}

export interface FindingEvidence {
  /** One sentence for people: what is wrong with what. */
  summary: string;
  account?: AccountEvidence;
  /** `duplicate`: every access-capable account the person holds in the app, with how it was linked. */
  accounts?: (AccountEvidence & { matcher: string; confidence: number })[];
  person?: PersonEvidence;
  /** How the account was linked to `person` (`manual` for a person's decision). */
  matcher?: string;
  confidence?: number;
  matchedOn?: string;
  decision?: { decision: string; note: string | null; decidedAt: string };
  /** `disputed`: the persons the address fits. */
  candidates?: CandidateEvidence[];
  /** `orphan`: name-based guesses (never links). */
  guesses?: CandidateEvidence[];
  /** `external`: the address's domain and the company's. */
  domain?: string;
  companyDomains?: string[];
  /** Age-based findings: the threshold, the age, and what the age was measured from. */
  thresholdDays?: number;
  days?: number;
  since?: string;
  basis?: "last-activity" | "created" | "invited" | "first-seen";
  /** `privileged`: which rule said so. */
  privilegedBy?: "connector" | "config";
  /** Why the person counts as a leaver. */
  leaverBecause?: string;
}

export interface Finding extends FindingKey {
  kind: FindingKind;
  severity: Severity;
  evidence: FindingEvidence;
}
