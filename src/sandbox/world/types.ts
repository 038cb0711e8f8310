/**
 * The synthetic company: an HR export, each app's initial state, and the answer key of planted problems.
 *
 * Every timestamp is ISO-8601 and relative to `asOf`; a sandbox that loads a world shifts all of them by
 * `now - asOf` (see `shiftWorldTimes`), so a world file stays byte-identical while the live apps look current.
 * App states use the apps' own field names where the API has them, so each sandbox serves them directly.
 */
import type { FindingKey } from "../../core/finding.ts";
import type { PersonStatus } from "../../core/person.ts";

export const APP_NAMES = ["productboard", "productive", "proofhub", "podio", "docebo"] as const;
export type AppName = (typeof APP_NAMES)[number];

export interface World {
  seed: number;
  people: number;
  /** The instant the world describes; planted ages (stale, old invites) are measured from it. */
  asOf: string;
  company: { name: string; domains: string[] };
  /** Thresholds the answer key was computed with. */
  thresholds: { staleDays: number; inviteDays: number };
  hr: HrRecord[];
  apps: {
    productboard: ProductboardState;
    productive: ProductiveState;
    proofhub: ProofhubState;
    podio: PodioState;
    docebo: DoceboState;
  };
  answerKey: AnswerKeyEntry[];
}

/** One row of the HR export (`hr.csv`). */
export interface HrRecord {
  employeeId: string;
  email: string;
  aliases: string[];
  firstName: string;
  lastName: string;
  department: string;
  title: string;
  managerId: string | null;
  status: PersonStatus;
  startDate: string;
  endDate: string | null;
}

/** One expected finding, keyed like roster's own findings. `note` says what was planted (for people, not tests). */
export interface AnswerKeyEntry extends FindingKey {
  note?: string;
}

// ---------------------------------------------------------------- Productboard (v2 members + SCIM)
export interface ProductboardState {
  credentials: { restToken: string; restTokenNoPii: string; scimToken: string };
  members: ProductboardMember[];
  teams: { id: string; name: string; memberIds: string[] }[];
}
export interface ProductboardMember {
  id: string; // uuid
  name: string;
  email: string;
  role: "admin" | "maker" | "contributor" | "viewer";
  disabled: boolean;
  invitationPending: boolean;
  createdAt: string;
  /** PII this workspace hides from the REST token (served as "[redacted]"; SCIM still sees it). */
  piiRedacted: boolean;
}

// ---------------------------------------------------------------- Productive.io (JSON:API)
export interface ProductiveState {
  credentials: { token: string; organizationId: string };
  /** Custom roles of the organization; `role_id` on people points here. */
  roles: { id: number; name: string; admin: boolean }[];
  people: ProductivePerson[];
  users: ProductiveUser[];
}
export interface ProductivePerson {
  id: string;
  first_name: string;
  last_name: string;
  email: string;
  role_id: number;
  /** 1 user, 2 contact, 3 placeholder */
  person_type: 1 | 2 | 3;
  deactivated_at: string | null;
  archived_at: string | null;
  invited_at: string | null;
  joined_at: string | null;
  last_seen_at: string | null;
  is_user: boolean;
  user_id: number | null;
  title: string | null;
  tag_list: string[];
  virtual: boolean;
  placeholder: boolean;
  created_at: string;
}
export interface ProductiveUser {
  id: string;
  email: string;
  first_name: string;
  last_name: string;
  time_zone: string | null;
  locale: string;
  sysadmin: boolean;
  two_factor_auth: boolean;
  sso_provision: boolean;
  default_organization_id: number;
  updated_at: string;
}

// ---------------------------------------------------------------- ProofHub (v3)
export interface ProofhubState {
  credentials: { apiKey: string; company: string };
  roles: { id: number; name: string; default: boolean; admin: boolean }[];
  people: ProofhubPerson[];
  projects: { id: number; title: string; assigned: number[] }[];
  groups: { id: number; name: string; assigned: number[] }[];
}
export interface ProofhubPerson {
  id: number;
  first_name: string;
  last_name: string;
  title: string | null;
  email: string;
  role: { id: number };
  groups: number[];
  timezone: number;
  language: string;
  suspended: boolean;
  /** Invited but never joined. */
  verified: boolean;
  last_active: string | null;
  created_at: string;
  updated_at: string;
  projects: number[];
}

// ---------------------------------------------------------------- Podio (org / space members)
export interface PodioState {
  credentials: {
    clientId: string;
    clientSecret: string;
    username: string;
    password: string;
    appId: number;
    appToken: string;
  };
  org: { org_id: number; name: string };
  members: PodioOrgMember[];
  spaces: {
    space_id: number;
    name: string;
    members: { user_id: number; role: "admin" | "regular" | "light" }[];
  }[];
}
export interface PodioOrgMember {
  user_id: number;
  profile_id: number;
  name: string;
  mail: string;
  /** Other addresses on the profile. */
  mails: string[];
  role: "admin" | "regular" | "light";
  employee: boolean;
  /** `invited` members have not accepted yet; `inactive` are deactivated accounts still in the org. */
  status: "active" | "invited" | "inactive";
  last_seen_on: string | null;
  created_on: string;
}

// ---------------------------------------------------------------- Docebo (manage/v1 + SCIM)
export interface DoceboState {
  credentials: {
    clientId: string;
    clientSecret: string;
    username: string;
    password: string;
    scimToken: string;
  };
  users: DoceboUser[];
  branches: { id: number; code: string; name: string; parent_id: number | null; userIds: number[] }[];
  groups: { id: number; name: string; type: "static" | "dynamic"; userIds: number[] }[];
}
export interface DoceboUser {
  user_id: number;
  username: string;
  first_name: string;
  last_name: string;
  email: string;
  /** "1" active, "0" suspended */
  status: "0" | "1";
  /** `godadmin` (superadmin), `poweruser`, `user` */
  level: "godadmin" | "poweruser" | "user";
  creation_date: string;
  last_access_date: string | null;
  expiration_date: string | null;
  language: string;
  manager_id: number | null;
}
