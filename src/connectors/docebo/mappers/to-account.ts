import type { Account, AccountStatus } from "../../../core/account.ts";
import type { DoceboUserItem } from "../types.ts";
import { doceboTimestamp } from "./timestamps.ts";

/** User levels with admin powers: the superadmin (`godadmin`) and power users (admins of their branches). */
export const PRIVILEGED_LEVELS: readonly string[] = ["godadmin", "poweruser"];

/**
 * Docebo status, explicitly: `"1"` → active, `"0"` → suspended [C]. Docebo has no invited state (a created user
 * can sign in at once) and deleted users disappear from the API, so anything else is `unknown`.
 */
export function doceboStatus(status: DoceboUserItem["status"]): AccountStatus {
  const value = status === null || status === undefined ? "" : String(status).trim();
  if (value === "1") return "active";
  if (value === "0") return "suspended";
  return "unknown";
}

/**
 * A user item (list, branch or group member list, or the detail's `user_data`) → an account. The level is the
 * role; activity is `last_access_date`, created `creation_date` (both UTC `YYYY-MM-DD HH:MM:SS`). `manager_id`,
 * `expiration_date` and the additional fields stay in `raw`.
 */
export function toAccount(app: string, user: DoceboUserItem): Account {
  const firstName = blankToNull(user.first_name);
  const lastName = blankToNull(user.last_name);
  const level = blankToNull(user.level);
  return {
    app,
    externalId: String(user.user_id),
    username: blankToNull(user.username),
    // Kept as sent (case, spaces): the store normalises it for matching.
    email: user.email?.trim() ? user.email : null,
    displayName: [firstName, lastName].filter(Boolean).join(" ") || null,
    firstName,
    lastName,
    status: doceboStatus(user.status),
    roles: level ? [level] : [],
    privileged: level !== null && PRIVILEGED_LEVELS.includes(level),
    lastActivityAt: doceboTimestamp(user.last_access_date),
    createdAt: doceboTimestamp(user.creation_date),
    // No invitation state in Docebo.
    invitedAt: null,
    raw: user,
  };
}

function blankToNull(value: string | null | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}
