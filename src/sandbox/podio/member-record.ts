/**
 * The sandbox's in-memory form of an org member: the world's `PodioOrgMember` with times as epoch milliseconds.
 * Kept lean on purpose (100,000 of them must fit in well under 100 MB): strings are shared with the world state,
 * Podio's time format is produced when a member is served, and space memberships live on the spaces (the member
 * only counts them).
 */
import type { PodioOrgMember } from "../world/types.ts";

export type OrgRole = PodioOrgMember["role"];
export type SpaceRole = "admin" | "regular" | "light";
export type MemberStatus = PodioOrgMember["status"];

/** Read-only outside the store: `PodioStore` makes every change (and drops the member's served JSON with it). */
export interface MemberRecord {
  readonly user_id: number;
  readonly profile_id: number;
  readonly name: string;
  readonly mail: string;
  /** Other addresses on the profile (never the primary one). */
  readonly mails: readonly string[];
  readonly role: OrgRole;
  readonly employee: boolean;
  readonly status: MemberStatus;
  readonly lastSeenMs: number | null;
  readonly createdMs: number;
  /** How many of the org's spaces the member is in (`space_memberships`). */
  readonly spaceCount: number;
}

const NO_MAILS: readonly string[] = Object.freeze([]);

/**
 * Podio serves timestamps as `"2026-10-31 09:15:00"` (UTC, no `T`, no zone), not ISO-8601: a connector must parse
 * them as UTC. The world stores ISO; the sandbox converts when serving.
 */
export function podioTime(ms: number): string {
  // Hot path (two per served member): the date part comes from a per-day cache, the time part from arithmetic.
  const day = Math.floor(ms / DAY_MS);
  let date = dates.get(day);
  if (date === undefined) {
    date = new Date(day * DAY_MS).toISOString().slice(0, 10);
    if (dates.size < 50_000) dates.set(day, date);
  }
  const seconds = Math.floor((ms - day * DAY_MS) / 1000);
  return `${date} ${TWO_DIGITS[Math.floor(seconds / 3600)]}:${TWO_DIGITS[Math.floor(seconds / 60) % 60]}:${TWO_DIGITS[seconds % 60]}`;
}

const DAY_MS = 86_400_000;
const dates = new Map<number, string>();
const TWO_DIGITS = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, "0"));

function parseTime(iso: string, userId: number, field: string): number {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new Error(`podio sandbox: member ${userId} has an unreadable ${field}: ${iso}`);
  return ms;
}

export function memberRecord(member: PodioOrgMember): MemberRecord {
  const primary = member.mail.toLowerCase();
  const mails =
    member.mails.length === 0
      ? NO_MAILS
      : member.mails.some((m) => m.toLowerCase() === primary)
        ? member.mails.filter((m) => m.toLowerCase() !== primary)
        : [...member.mails];
  return {
    user_id: member.user_id,
    profile_id: member.profile_id,
    name: member.name,
    mail: member.mail,
    mails,
    role: member.role,
    employee: member.employee,
    status: member.status,
    lastSeenMs:
      member.last_seen_on === null ? null : parseTime(member.last_seen_on, member.user_id, "last_seen_on"),
    createdMs: parseTime(member.created_on, member.user_id, "created_on"),
    spaceCount: 0,
  };
}

/** Back to the world's shape (for `/_sandbox/state`), timestamps as ISO again. */
export function memberState(record: MemberRecord): PodioOrgMember {
  return {
    user_id: record.user_id,
    profile_id: record.profile_id,
    name: record.name,
    mail: record.mail,
    mails: [...record.mails],
    role: record.role,
    employee: record.employee,
    status: record.status,
    last_seen_on: record.lastSeenMs === null ? null : new Date(record.lastSeenMs).toISOString(),
    created_on: new Date(record.createdMs).toISOString(),
  };
}

/** `query=` matching: name or any address contains the (lower-cased) text. */
export function memberMatchesText(record: MemberRecord, text: string): boolean {
  if (record.name.toLowerCase().includes(text) || record.mail.toLowerCase().includes(text)) return true;
  return record.mails.some((m) => m.toLowerCase().includes(text));
}
