/**
 * Response shapes, with Podio's field names. An org member (https://developers.podio.com/doc/organizations):
 *
 * ```json
 * {"user":{"user_id":5,"mail":"a@b.c","status":"active","created_on":"2024-03-01 08:00:00"},
 *  "profile":{"profile_id":9,"user_id":5,"name":"A","mail":["a@b.c"],"last_seen_on":"2026-10-30 17:02:11"},
 *  "employee":true,"role":"admin","space_memberships":2}
 * ```
 * Timestamps are Podio's `YYYY-MM-DD HH:MM:SS` in UTC. The single-member GET adds `tier` and `spaces`.
 */
import { type MemberRecord, podioTime, type SpaceRole } from "./member-record.ts";
import type { PodioStore, SpaceRecord } from "./store.ts";

export interface UserView {
  user_id: number;
  mail: string;
  status: MemberRecord["status"];
  created_on: string;
}

export interface ProfileView {
  profile_id: number;
  user_id: number;
  name: string;
  mail: string[];
  last_seen_on: string | null;
}

export interface OrgMemberView {
  user: UserView;
  profile: ProfileView;
  employee: boolean;
  role: MemberRecord["role"];
  space_memberships: number;
}

export interface SpaceView {
  space_id: number;
  name: string;
  url: string;
  url_label: string;
  org_id: number;
  privacy: "closed";
  /** The caller's role in the space; `null` when an org admin sees a space it is not in. */
  role: SpaceRole | null;
}

export const userView = (m: MemberRecord): UserView => ({
  user_id: m.user_id,
  mail: m.mail,
  status: m.status,
  created_on: podioTime(m.createdMs),
});

export const profileView = (m: MemberRecord): ProfileView => ({
  profile_id: m.profile_id,
  user_id: m.user_id,
  name: m.name,
  mail: [m.mail, ...m.mails],
  last_seen_on: m.lastSeenMs === null ? null : podioTime(m.lastSeenMs),
});

export const orgMemberView = (m: MemberRecord): OrgMemberView => ({
  user: userView(m),
  profile: profileView(m),
  employee: m.employee,
  role: m.role,
  space_memberships: m.spaceCount,
});

export function orgMemberDetailView(m: MemberRecord, store: PodioStore) {
  return {
    ...orgMemberView(m),
    /** Billing tier: light members are billed as `light`, everyone else as `full`. */
    tier: m.role === "light" ? "light" : "full",
    spaces: store.spacesOf(m.user_id).map(({ space, role }) => ({
      space_id: space.space_id,
      name: space.name,
      url_label: space.url_label,
      role,
    })),
  };
}

export function spaceView(space: SpaceRecord, store: PodioStore, callerId: number): SpaceView {
  return {
    space_id: space.space_id,
    name: space.name,
    url: `https://podio.com/${store.org.url_label}/${space.url_label}`,
    url_label: space.url_label,
    org_id: store.org.org_id,
    privacy: "closed",
    role: space.members.get(callerId) ?? null,
  };
}

/** A space membership: the member's user and profile, the space role, and whether they are an employee. */
export const spaceMemberView = (m: MemberRecord, role: SpaceRole) => ({
  user: userView(m),
  profile: profileView(m),
  role,
  employee: m.employee,
});
