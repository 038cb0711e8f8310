/**
 * App-neutral account drafts: who holds an account in an app, under which address, in which generic state, with
 * which times and planted problems. Each app module turns drafts into its own records; the answer key is derived
 * from drafts (the ground truth), never by matching addresses back to people.
 */
import type { HrGeneration } from "./hr.ts";
import type { AppName } from "./types.ts";

/** Generic lifecycle: each app maps `disabled` to its own word (deactivated, suspended, archived, inactive). */
export type DraftState = "active" | "invited" | "disabled";
export type OrphanKind = "contractor" | "personal" | "service";

export interface AccountDraft {
  /** Index of the HR person who really holds the account, or -1 for nobody in HR. */
  owner: number;
  /** The address as the app stores it (may differ from HR in case, spaces, or be an alias). */
  email: string;
  firstName: string;
  lastName: string;
  /** Department index of the owner, or -1 for outsiders. */
  department: number;
  state: DraftState;
  admin: boolean;
  /** Creation instant; for `invited` accounts also the invitation instant. */
  createdMs: number;
  lastSeenMs: number | null;
  disabledMs: number | null;
  /** Productboard only: PII hidden from the REST token. */
  redacted: boolean;
  orphan: OrphanKind | null;
  /** What was planted on this account (becomes the answer key's note), or null for an ordinary account. */
  plant: string | null;
  /** Person-level plant: the second account of a duplicate pair. */
  duplicateOf: number | null;
}

export interface AppProfile {
  app: AppName;
  /** Share of people holding an account. */
  coverage: number;
  /** When the company started using the app. */
  adoptedAt: string;
  /** Whether the app reports a last-activity time (stale findings apply). */
  activity: boolean;
  /** Whether accounts can be pending invitations. */
  invites: boolean;
  /** Whether offboarding may remove a leaver's account outright (the app can delete). */
  removesLeavers: boolean;
  /** Whether some members' PII is hidden from the REST token (unknown-identity). */
  redaction: boolean;
  /** Share of accounts with an admin-like role. */
  adminShare: number;
}

export const APP_PROFILES: Record<AppName, AppProfile> = {
  productboard: {
    app: "productboard",
    coverage: 0.35,
    adoptedAt: "2019-06-03T00:00:00.000Z",
    activity: false,
    invites: true,
    removesLeavers: false,
    redaction: true,
    adminShare: 0.02,
  },
  productive: {
    app: "productive",
    coverage: 0.6,
    adoptedAt: "2018-02-12T00:00:00.000Z",
    activity: true,
    invites: true,
    removesLeavers: false,
    redaction: false,
    adminShare: 0.01,
  },
  proofhub: {
    app: "proofhub",
    coverage: 0.45,
    adoptedAt: "2017-09-04T00:00:00.000Z",
    activity: true,
    invites: true,
    removesLeavers: true,
    redaction: false,
    adminShare: 0.015,
  },
  podio: {
    app: "podio",
    coverage: 0.4,
    adoptedAt: "2014-04-07T00:00:00.000Z",
    activity: true,
    invites: true,
    removesLeavers: true,
    redaction: false,
    adminShare: 0.015,
  },
  docebo: {
    app: "docebo",
    coverage: 0.85,
    adoptedAt: "2016-01-18T00:00:00.000Z",
    activity: true,
    invites: false,
    removesLeavers: true,
    redaction: false,
    adminShare: 0.008,
  },
};

/** Access-capable: the account can reach the app now or once an invitation is accepted. */
export function draftCapable(draft: AccountDraft): boolean {
  return draft.state === "active" || draft.state === "invited";
}

/** What every draft builder reads: the HR generation and the world's clock and domains. */
export interface DraftContext {
  hr: HrGeneration;
  asOfMs: number;
  domains: readonly string[];
  thresholds: { staleDays: number; inviteDays: number };
}
