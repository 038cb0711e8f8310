/**
 * Tables of the identity-graph store. The same schema runs on SQLite (embedded default) and PostgreSQL:
 * timestamps are ISO-8601 text, booleans are 0/1 integers, lists and payloads are JSON text.
 */
import type { Generated } from "kysely";

export interface RunTable {
  id: string;
  /** `sync`, `import`, `apply`, `analyze` */
  kind: string;
  /** `running`, `succeeded`, `partial`, `failed` */
  status: string;
  started_at: string;
  finished_at: string | null;
  /** JSON: per-app figures, options. */
  summary: string;
  error: string | null;
}

/** What one sync run saw of one app: completeness decides whether anything may be marked gone. */
export interface AppSyncTable {
  run_id: string;
  app: string;
  status: string;
  /** 1 when every listing of the app finished. */
  complete: number;
  accounts_seen: number;
  groups_seen: number;
  grants_seen: number;
  accounts_gone: number;
  groups_gone: number;
  grants_gone: number;
  requests: number;
  retries: number;
  rate_limited: number;
  waited_ms: number;
  /** Why nothing was marked gone, when that happened. */
  gone_skipped_reason: string | null;
  error: string | null;
  started_at: string;
  finished_at: string | null;
}

export interface AccountTable {
  app: string;
  external_id: string;
  username: string | null;
  email: string | null;
  /** Trimmed, lower-cased e-mail for correlation. */
  email_norm: string | null;
  display_name: string | null;
  first_name: string | null;
  last_name: string | null;
  status: string;
  /** JSON array of role names. */
  roles: string;
  privileged: number;
  last_activity_at: string | null;
  created_at: string | null;
  invited_at: string | null;
  raw: string;
  first_seen_run: string;
  last_seen_run: string;
  /** Run that found the account gone after a complete enumeration; null while it exists. */
  gone_run: string | null;
}

export interface GroupTable {
  app: string;
  kind: string;
  external_id: string;
  name: string;
  dynamic: number;
  parent_external_id: string | null;
  raw: string;
  first_seen_run: string;
  last_seen_run: string;
  gone_run: string | null;
}

export interface GrantTable {
  app: string;
  account_external_id: string;
  group_kind: string;
  group_external_id: string;
  role: string | null;
  derived: number;
  first_seen_run: string;
  last_seen_run: string;
  gone_run: string | null;
}

export interface PersonTable {
  employee_id: string;
  email: string;
  email_norm: string;
  /** JSON array. */
  aliases: string;
  first_name: string;
  last_name: string;
  department: string | null;
  title: string | null;
  manager_id: string | null;
  status: string;
  start_date: string | null;
  end_date: string | null;
  source: string;
  first_seen_run: string;
  last_seen_run: string;
  gone_run: string | null;
}

/** Person ↔ account. Manual decisions (`link`, `unlink`, `ignore`) survive re-syncs and always win. */
export interface LinkTable {
  id: Generated<number>;
  app: string;
  account_external_id: string;
  employee_id: string | null;
  /** `manual`, or the matcher that made it. */
  matcher: string;
  confidence: number;
  /** `link`, `unlink`, `ignore` for manual decisions; null for computed links. */
  decision: string | null;
  created_at: string;
  /** Analysis run that computed the link (null for manual decisions). Added in 0002. */
  run_id: string | null;
  /** JSON: what the matcher matched on (address, alias, username), or the note of a manual decision. Added in 0002. */
  evidence: string | null;
}

/**
 * Persons an account might belong to but is not linked to: the several people a disputed address fits, or a
 * name-based guess. Never a link; replaced by each analysis. Added in 0002.
 */
export interface LinkCandidateTable {
  app: string;
  account_external_id: string;
  employee_id: string;
  matcher: string;
  confidence: number;
  /** `disputed` (several persons fit) or `guess` (a name-based guess). */
  reason: string;
  run_id: string;
  /** JSON: what matched. */
  evidence: string;
}

export interface FindingTable {
  id: Generated<number>;
  run_id: string;
  kind: string;
  app: string;
  external_id: string | null;
  employee_id: string | null;
  severity: string;
  evidence: string;
}

/** A run's hold on something only one run may change at a time, kept alive by its heartbeat. */
export interface RunLockTable {
  key: string;
  run_id: string;
  acquired_at: string;
  heartbeat_at: string;
}

/** One row of the ID map (hr.idMap): this account is this person's. */
export interface IdMapTable {
  app: string;
  external_id: string;
  employee_id: string;
  /** The file it came from, and its line there. */
  source: string;
  line: number;
}

/** An analysis whose findings were deleted (findings.keepAnalyses): its run row and summary stay. */
export interface PrunedAnalysisTable {
  run_id: string;
  pruned_at: string;
  /** How many analyses the setting kept when this one was pruned. */
  kept: number;
  /** How many finding rows were deleted. */
  findings: number;
}

export interface Database {
  runs: RunTable;
  pruned_analyses: PrunedAnalysisTable;
  id_map: IdMapTable;
  run_locks: RunLockTable;
  app_syncs: AppSyncTable;
  accounts: AccountTable;
  groups: GroupTable;
  grants: GrantTable;
  persons: PersonTable;
  links: LinkTable;
  link_candidates: LinkCandidateTable;
  findings: FindingTable;
}
