/**
 * The identity graph: HR sources → persons; correlation of every account to a person; findings per analysis run;
 * and the views a report is built from. See src/graph/README.md for the API and docs/findings.md for the rules.
 */
export {
  AnalyzeError,
  type AnalyzeOptions,
  type AnalyzeResult,
  type AppAnalysis,
  analyze,
} from "./analyze.ts";
export {
  type Correlation,
  DECISIONS,
  type DecisionKind,
  type ManualDecision,
  SITUATIONS,
  type Situation,
} from "./correlation/correlate.ts";
export { MATCHERS } from "./correlation/matchers.ts";
export { clearDecision, listDecisions, recordDecision } from "./decisions.ts";
export type {
  AccountEvidence,
  CandidateEvidence,
  Finding,
  FindingEvidence,
  PersonEvidence,
  Severity,
} from "./findings/types.ts";
export { SEVERITIES } from "./findings/types.ts";
export {
  type AnalysisRun,
  analysisRuns,
  type FindingQuery,
  type FindingsDiff,
  findingsDiff,
  findingsOfRun,
  latestAnalysisRun,
  latestFindings,
  type StoredFinding,
} from "./history.ts";
export { type AccountRef, LookupError, parseAccountRef, resolveAccount, resolvePerson } from "./lookup.ts";
export { COLUMN_SYNONYMS } from "./sources/columns.ts";
export {
  hrSourceFile,
  type ImportOptions,
  type ImportProblem,
  type ImportResult,
  importPeople,
} from "./sources/import.ts";
export { STATUS_WORDS } from "./sources/person-values.ts";
export {
  type AccessCell,
  type AccessMatrix,
  type AccessRow,
  accessMatrix,
  type LiveAccount,
  type LiveAccountPlacements,
  type Placement,
  placeLiveAccounts,
} from "./views/access-matrix.ts";
export type { CandidateView, LinkView } from "./views/account-links.ts";
export {
  type AccountSummary,
  type AppAccountView,
  type AppView,
  type AppViewOptions,
  type AppViewShared,
  appView,
  appViewShared,
  type PersonSummary,
} from "./views/app-view.ts";
export {
  type GrantView,
  type PersonAccountView,
  type PersonRecord,
  type PersonView,
  personView,
} from "./views/person-view.ts";
