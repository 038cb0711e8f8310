/**
 * Findings: policy verdicts about an account or a person. The world generator's answer key uses the same kinds and
 * keys, so a report can be compared with it line for line.
 */
export const FINDING_KINDS = [
  "leaver-active",
  "orphan",
  "disputed",
  "stale",
  "privileged",
  "external",
  "pending-invite",
  "duplicate",
  "unknown-identity",
] as const;
export type FindingKind = (typeof FINDING_KINDS)[number];

/** The comparable key of a finding: the app and the account's external id, or the person's employee id. */
export interface FindingKey {
  kind: FindingKind;
  app: string;
  externalId?: string;
  employeeId?: string;
}

export function findingKeyString(key: FindingKey): string {
  return [key.kind, key.app, key.externalId ?? "", key.employeeId ?? ""].join("|");
}
