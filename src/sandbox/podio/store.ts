/**
 * The Podio sandbox's live state: one organization, its members (indexed by user id and mail, and pre-sorted per
 * `sort_by` key), its spaces with their members, and the accounts that are not (or no longer) in the org: a Podio
 * account outlives its org membership, so a re-invite by mail gets the same user id back.
 */
import { JsonFragmentCache } from "../kit/json-fragments.ts";
import type { PodioState } from "../world/types.ts";
import { byLastSeen, byName, MemberOrder } from "./member-order.ts";
import {
  type MemberRecord,
  type MemberStatus,
  memberRecord,
  memberState,
  type OrgRole,
  type SpaceRole,
} from "./member-record.ts";
import { orgMemberView } from "./views.ts";

/** The store's own handle on a member record (the records it hands out are read-only). */
type WritableMember = { -readonly [K in keyof MemberRecord]: MemberRecord[K] };

export interface SpaceRecord {
  space_id: number;
  name: string;
  url_label: string;
  /** user_id → role. */
  members: Map<number, SpaceRole>;
  /** user ids in the order they joined: what space member lists page over. */
  order: number[];
}

/** A Podio account known to the sandbox (member or not): what a re-invite or a password grant resolves to. */
interface Account {
  user_id: number;
  profile_id: number;
  name: string;
}

/** One round of page drift (see `drift.ts`), kept so tests and `/_sandbox/state` can see what changed. */
export interface DriftRecord {
  at: string;
  after: { path: string; offset: number; returned: number };
  added: number[];
  removed: number[];
}

export interface NewMember {
  name: string;
  mail: string;
  role: OrgRole;
  employee: boolean;
  status: MemberStatus;
  lastSeenMs: number | null;
  createdMs: number;
}

const slug = (name: string) =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "") || "space";

export class PodioStore {
  readonly org: { org_id: number; name: string; url_label: string };
  readonly credentials: PodioState["credentials"];
  /** Domain of the admin login: invitees on it count as employees. */
  readonly domain: string;
  readonly byName = new MemberOrder(byName);
  readonly byLastSeen = new MemberOrder(byLastSeen);
  readonly spaces = new Map<number, SpaceRecord>();
  readonly drift: DriftRecord[] = [];
  private readonly members = new Map<number, WritableMember>();
  /** Each member's `GET /org/{id}/member/` JSON, from its first serve until the member changes or leaves. */
  private readonly orgMemberFragments = new JsonFragmentCache<number>();
  private readonly byMail = new Map<string, MemberRecord>();
  /** Accounts outside the org, by lower-cased mail: former members and logins that never joined. */
  private readonly outsiders = new Map<string, Account>();
  /** Active org admins: the last one cannot be removed. */
  private readonly admins = new Set<number>();
  private nextUserId = 1;
  private nextProfileId = 1;
  /**
   * The state's own login (`credentials.username`) when no member has that mail — as in generated worlds, whose
   * member lists and answer keys hold people only: it acts as an active org admin (the org's integration user)
   * that the member list does not show [I]. Undefined when the login is a member (then it is that member).
   */
  private readonly integrationUser: MemberRecord | undefined;

  constructor(state: PodioState) {
    this.credentials = { ...state.credentials };
    this.org = { ...state.org, url_label: slug(state.org.name) };
    this.domain = state.credentials.username.split("@")[1]?.toLowerCase() ?? "";
    for (const member of state.members) {
      if (this.members.has(member.user_id)) {
        throw new Error(`podio sandbox: duplicate user_id ${member.user_id} in state`);
      }
      this.index(memberRecord(member));
    }
    this.byName.load(this.members.values());
    this.byLastSeen.load(this.members.values());
    const login = state.credentials.username;
    if (login && !this.byMail.has(login.toLowerCase())) {
      const account = this.accountFor(login);
      this.integrationUser = {
        ...account,
        mail: login,
        mails: [],
        role: "admin",
        employee: true,
        status: "active",
        lastSeenMs: null,
        createdMs: 0,
        spaceCount: 0,
      };
    }
    for (const space of state.spaces) {
      const record: SpaceRecord = {
        space_id: space.space_id,
        name: space.name,
        url_label: slug(space.name),
        members: new Map(),
        order: [],
      };
      this.spaces.set(space.space_id, record);
      for (const { user_id, role } of space.members) {
        if (this.members.has(user_id)) this.addSpaceMember(record, user_id, role);
      }
    }
  }

  member(userId: number): MemberRecord | undefined {
    return this.members.get(userId);
  }

  /** The member as the org member list serves it, serialized. */
  orgMemberJson(member: MemberRecord): string {
    return this.orgMemberFragments.get(member.user_id, () => orgMemberView(member));
  }

  /** A scan: adding members by profile id is rare, and an index would cost memory on every member. */
  memberByProfile(profileId: number): MemberRecord | undefined {
    for (const member of this.members.values()) if (member.profile_id === profileId) return member;
    return undefined;
  }

  memberByMail(mail: string): MemberRecord | undefined {
    return this.byMail.get(mail.toLowerCase());
  }

  isActiveAdmin(userId: number): boolean {
    return this.admins.has(userId) || this.integrationCaller(userId) !== undefined;
  }

  /** The unlisted integration admin (see `integrationUser`), if `userId` is it and it has not become a member. */
  integrationCaller(userId: number): MemberRecord | undefined {
    const user = this.integrationUser;
    return user && user.user_id === userId && !this.members.has(userId) ? user : undefined;
  }

  get activeAdminCount(): number {
    return this.admins.size;
  }

  /** The user id a login or an invite by mail resolves to; a mail never seen before gets a fresh account. */
  accountFor(mail: string, name = mail): Account {
    const key = mail.toLowerCase();
    const member = this.byMail.get(key);
    if (member) return member;
    let account = this.outsiders.get(key);
    if (!account) {
      account = { user_id: this.nextUserId++, profile_id: this.nextProfileId++, name };
      this.outsiders.set(key, account);
    }
    return account;
  }

  addMember(input: NewMember): MemberRecord {
    const account = this.accountFor(input.mail, input.name);
    if (this.members.has(account.user_id)) {
      throw new Error(`podio sandbox: ${input.mail} is already a member of the org`);
    }
    this.outsiders.delete(input.mail.toLowerCase());
    const record = memberRecord({
      user_id: account.user_id,
      profile_id: account.profile_id,
      name: account.name,
      mail: input.mail,
      mails: [],
      role: input.role,
      employee: input.employee,
      status: input.status,
      last_seen_on: input.lastSeenMs === null ? null : new Date(input.lastSeenMs).toISOString(),
      created_on: new Date(input.createdMs).toISOString(),
    });
    this.index(record);
    this.byName.insert(record);
    this.byLastSeen.insert(record);
    return record;
  }

  /** End an org membership: gone from every space of the org too. The account stays known (same id on re-invite). */
  removeMember(userId: number): MemberRecord | undefined {
    const record = this.members.get(userId);
    if (!record) return undefined;
    for (const space of this.spaces.values()) this.removeSpaceMember(space, userId);
    this.members.delete(userId);
    this.orgMemberFragments.invalidate(userId);
    for (const mail of [record.mail, ...record.mails]) {
      const key = mail.toLowerCase();
      if (this.byMail.get(key) === record) this.byMail.delete(key);
      if (!this.outsiders.has(key)) {
        this.outsiders.set(key, {
          user_id: record.user_id,
          profile_id: record.profile_id,
          name: record.name,
        });
      }
    }
    this.admins.delete(userId);
    this.byName.remove(record);
    this.byLastSeen.remove(record);
    return record;
  }

  addSpaceMember(space: SpaceRecord, userId: number, role: SpaceRole): boolean {
    const member = this.members.get(userId);
    if (!member || space.members.has(userId)) return false;
    space.members.set(userId, role);
    space.order.push(userId);
    member.spaceCount += 1;
    this.orgMemberFragments.invalidate(userId);
    return true;
  }

  setSpaceRole(space: SpaceRecord, userId: number, role: SpaceRole): void {
    if (!space.members.has(userId)) return;
    space.members.set(userId, role);
  }

  removeSpaceMember(space: SpaceRecord, userId: number): boolean {
    if (!space.members.delete(userId)) return false;
    const at = space.order.indexOf(userId);
    if (at >= 0) space.order.splice(at, 1);
    const member = this.members.get(userId);
    if (member) member.spaceCount -= 1;
    this.orgMemberFragments.invalidate(userId);
    return true;
  }

  /** The state in the world's shape, plus the drift log. Credentials are left out (no secrets over HTTP). */
  snapshot(): Omit<PodioState, "credentials"> & {
    credentials: { clientId: string; username: string; appId: number };
    drift: DriftRecord[];
  } {
    return {
      credentials: {
        clientId: this.credentials.clientId,
        username: this.credentials.username,
        appId: this.credentials.appId,
      },
      org: { org_id: this.org.org_id, name: this.org.name },
      members: [...this.members.values()].map(memberState),
      spaces: [...this.spaces.values()].map((space) => ({
        space_id: space.space_id,
        name: space.name,
        members: space.order.map((user_id) => ({ user_id, role: space.members.get(user_id)! })),
      })),
      drift: this.drift,
    };
  }

  /** The spaces a member is in, with the role in each. */
  spacesOf(userId: number): { space: SpaceRecord; role: SpaceRole }[] {
    const out: { space: SpaceRecord; role: SpaceRole }[] = [];
    for (const space of this.spaces.values()) {
      const role = space.members.get(userId);
      if (role) out.push({ space, role });
    }
    return out;
  }

  private index(record: MemberRecord): void {
    this.members.set(record.user_id, record);
    this.orgMemberFragments.invalidate(record.user_id);
    this.indexMail(record, record.mail);
    for (const mail of record.mails) this.indexMail(record, mail);
    if (record.role === "admin" && record.status === "active") this.admins.add(record.user_id);
    this.nextUserId = Math.max(this.nextUserId, record.user_id + 1);
    this.nextProfileId = Math.max(this.nextProfileId, record.profile_id + 1);
  }

  private indexMail(record: MemberRecord, mail: string): void {
    const key = mail.toLowerCase();
    // Reuse the world's string when it is lower-case already, rather than keep a copy per member.
    if (!this.byMail.has(key)) this.byMail.set(key === mail ? mail : key, record);
  }
}
