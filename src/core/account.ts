/**
 * Domain types shared by connectors, the store, the graph and the planner. No I/O lives here.
 */

/** One identity's lifecycle state in one app, mapped explicitly per app by each connector. */
export const ACCOUNT_STATUSES = [
  "active",
  "invited",
  "suspended",
  "deactivated",
  "archived",
  "deleted",
  "unknown",
] as const;
export type AccountStatus = (typeof ACCOUNT_STATUSES)[number];

/** Statuses in which the account can still be used to reach the app (or will be, once an invite is accepted). */
export function isAccessCapable(status: AccountStatus): boolean {
  return status === "active" || status === "invited";
}

/** Placeholder some APIs return for a value the token may not read (Productboard without `members:pii:read`). */
export const REDACTED = "[redacted]";

export interface Account {
  /** Name of the app instance in the config (e.g. `productboard`). */
  app: string;
  /** The app's own id for the account, as a string. */
  externalId: string;
  username: string | null;
  email: string | null;
  displayName: string | null;
  firstName: string | null;
  lastName: string | null;
  status: AccountStatus;
  /** Role names as the app spells them (e.g. `admin`, `godadmin`). */
  roles: string[];
  /** Whether one of the roles is admin-like in this app. */
  privileged: boolean;
  /** ISO-8601 timestamps, when the app reports them. */
  lastActivityAt: string | null;
  createdAt: string | null;
  invitedAt: string | null;
  /** The raw payload as the app returned it, for evidence. */
  raw: unknown;
}

export const GROUP_KINDS = ["group", "team", "project", "space", "branch", "role"] as const;
export type GroupKind = (typeof GROUP_KINDS)[number];

/** Anything an account can belong to. */
export interface Group {
  app: string;
  externalId: string;
  kind: GroupKind;
  name: string;
  /** Dynamic (rule-based) groups cannot be joined or left directly. */
  dynamic: boolean;
  parentExternalId: string | null;
  raw: unknown;
}

/** Account → group (or role), direct or derived. Derived grants are never revoked directly. */
export interface Grant {
  app: string;
  accountExternalId: string;
  groupExternalId: string;
  groupKind: GroupKind;
  /** Role within the group, when the app has one (e.g. Podio space `admin`). */
  role: string | null;
  derived: boolean;
}
