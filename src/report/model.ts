/**
 * What the reports show, independent of how it was read from the store: findings of one analysis run with what
 * changed since the previous one, a person's or an app's accounts, and the people × apps access matrix. Every
 * renderer (text, JSON, CSV, HTML) takes these shapes, so the formats cannot disagree.
 */
import type { FindingKey } from "../core/finding.ts";

/** Whether a finding of this run was also in the previous analysis run. */
export type FindingChange = "new" | "unchanged";

/** Who a finding is about, for people reading the report (the key fields stay the comparable part). */
export interface FindingSubject {
  /** The account's e-mail as the app reports it (null for person-keyed findings or when the app hides it). */
  email: string | null;
  /** The linked person, or the person a person-keyed finding is about. */
  person: { employeeId: string; name: string } | null;
}

export interface ReportFinding extends FindingKey, FindingSubject {
  severity: string;
  /** What the analysis saw (the stored evidence object). */
  evidence: Record<string, unknown>;
  change: FindingChange;
}

/** A finding of the previous run that this run no longer has. */
export type FixedFinding = Omit<ReportFinding, "change">;

export interface FindingsReport {
  company: string;
  /** When the report was produced (ISO-8601). */
  generatedAt: string;
  /** Where the data lives, without credentials (`sqlite:/path`, `postgres://host:5432/db`). */
  store: string;
  /** The analysis run reported on, and the one it is compared with (null when there is none). */
  runId: string;
  previousRunId: string | null;
  /** The instant the analysis evaluated ages against. */
  asOf: string | null;
  /** Latest sync run, for the header of the HTML report. */
  syncRunId: string | null;
  findings: ReportFinding[];
  fixed: FixedFinding[];
  /** Filters the findings were narrowed by (`--app`, `--kind`). */
  filters: { app?: string; kind?: string };
}

/**
 * `linked` to a person; `unmatched` (nobody fits); `disputed` (several people fit); `unknown` (nothing identifies
 * the holder, e.g. a redacted address); `ignored` (a person said the account needs no owner).
 */
export type AccountSituation = "linked" | "unmatched" | "disputed" | "unknown" | "ignored";

/** One account in a person's or an app's view. */
export interface AccountView {
  app: string;
  externalId: string;
  email: string | null;
  username: string | null;
  displayName: string | null;
  status: string;
  roles: string[];
  privileged: boolean;
  lastActivityAt: string | null;
  /** `Group name (kind)` or `Group name (kind): role`. */
  memberships: string[];
  situation: AccountSituation;
  /** False when the account was first seen after the latest analysis (its situation is not known yet). */
  analyzed: boolean;
  link: AccountLink | null;
  /** Employee ids of the people a disputed address fits. */
  candidates: string[];
  findings: { kind: string; severity: string }[];
}

export interface AccountLink {
  employeeId: string;
  personName: string;
  matcher: string;
  confidence: number;
  /** What the matcher matched on (the address or username), or the manual decision and its note. */
  evidence: string;
}

export interface PersonCard {
  employeeId: string;
  email: string;
  aliases: string[];
  firstName: string;
  lastName: string;
  department: string | null;
  title: string | null;
  managerId: string | null;
  status: string;
  startDate: string | null;
  endDate: string | null;
}

export interface PersonReport {
  person: PersonCard;
  /** The analysis the links and findings come from (null before the first). */
  analysisRunId: string | null;
  accounts: AccountView[];
  /** Person-keyed findings (e.g. duplicate). */
  findings: { kind: string; app: string; severity: string; evidence: Record<string, unknown> }[];
}

export interface AppReport {
  app: string;
  /** The analysis the links and findings come from (null before the first). */
  analysisRunId: string | null;
  accounts: AccountView[];
  /** Accounts by situation, and findings about them or their holders. */
  counts: { accounts: number; findings: number } & Record<AccountSituation, number>;
  /** Person-keyed findings in this app (duplicates). */
  personFindings: { kind: string; employeeId: string; severity: string; evidence: Record<string, unknown> }[];
}

/** One account in a matrix cell. */
export interface MatrixAccount {
  externalId: string;
  status: string;
  roles: string[];
  findings: string[];
}

export interface MatrixRow {
  employeeId: string;
  name: string;
  email: string;
  department: string | null;
  status: string;
  /** Accounts per app (most people have at most one per app; duplicates show more). */
  cells: Record<string, MatrixAccount[]>;
  /** Person-keyed findings per app (e.g. `duplicate`), shown in that app's cell. */
  personFindings: Record<string, string[]>;
  /** Findings about the person's accounts and about the person. */
  findings: number;
}

export interface UnmatchedAccount {
  app: string;
  externalId: string;
  email: string | null;
  displayName: string | null;
  status: string;
  roles: string[];
  situation: Exclude<AccountSituation, "linked">;
  findings: string[];
}

export interface AccessMatrix {
  apps: string[];
  rows: MatrixRow[];
  /** People left out of `rows` because the matrix was capped (people with findings always come first). */
  omitted: number;
  totalPeople: number;
  unmatched: UnmatchedAccount[];
}
