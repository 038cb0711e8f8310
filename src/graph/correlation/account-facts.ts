/**
 * The slice of a stored account that correlation and findings read — no raw payload, roles kept as stored JSON
 * until a finding needs them — so a whole store streams through in pages without holding payloads in memory.
 */
import { type AccountStatus, REDACTED } from "../../core/account.ts";

/**
 * Correlation and findings read only the slim columns (address, username, status, times); the rest —
 * `email` as stored, names, roles — is read afterwards for the few accounts that get a finding or need a
 * name-based guess (`detailed` says whether it has been). Verdicts never depend on those fields.
 */
export interface AccountFacts {
  app: string;
  externalId: string;
  username: string | null;
  email: string | null;
  /** Trimmed, lower-cased address; null when absent or redacted. */
  emailNorm: string | null;
  displayName: string | null;
  firstName: string | null;
  lastName: string | null;
  status: AccountStatus;
  /** JSON array of role names, as stored. */
  rolesJson: string;
  privileged: boolean;
  lastActivityAt: string | null;
  createdAt: string | null;
  invitedAt: string | null;
  firstSeenRun: string;
  /** An employee id the account itself carries (SCIM enterprise `employeeNumber`, ...), when the app has one. */
  employeeIdHint: string | null;
  /** Whether `email`, the names and `rolesJson` have been read (else they are placeholders). */
  detailed: boolean;
}

export type AccountDetails = Pick<
  AccountFacts,
  "email" | "displayName" | "firstName" | "lastName" | "rolesJson"
>;

export function accountRoles(account: AccountFacts): string[] {
  return JSON.parse(account.rolesJson) as string[];
}

export function isRedacted(value: string | null): boolean {
  return value !== null && value.trim() === REDACTED;
}

/** A username that is usable for matching: present, not redacted. */
export function readableUsername(account: AccountFacts): string | null {
  const name = account.username?.trim();
  return name && !isRedacted(name) ? name : null;
}

/** The account's address for display and domain checks: the e-mail, else a username that is an address. */
export function readableAddress(account: AccountFacts): string | null {
  if (account.emailNorm) return account.emailNorm;
  const username = readableUsername(account);
  return username?.includes("@") ? username.toLowerCase() : null;
}

/** Whether anything identifies the holder: an address or a username that is not `[redacted]`. */
export function identityReadable(account: AccountFacts): boolean {
  return account.emailNorm !== null || readableUsername(account) !== null;
}

/**
 * An employee id carried in the payload: SCIM's enterprise extension `employeeNumber`, or a top-level
 * `employee_id` / `employeeId` / `employee_number` field. Only read for apps whose payloads can carry one.
 */
export function employeeIdInPayload(raw: unknown): string | null {
  if (raw === null || typeof raw !== "object") return null;
  const record = raw as Record<string, unknown>;
  const enterprise = record["urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"];
  const candidates = [
    enterprise && typeof enterprise === "object"
      ? (enterprise as Record<string, unknown>).employeeNumber
      : undefined,
    record.employee_id,
    record.employeeId,
    record.employee_number,
  ];
  for (const value of candidates) {
    if (typeof value === "string" && value.trim() !== "") return value.trim();
    if (typeof value === "number") return String(value);
  }
  return null;
}
