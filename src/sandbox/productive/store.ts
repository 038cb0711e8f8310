import { JsonFragmentCache } from "../kit/json-fragments.ts";
import type { ProductivePerson, ProductiveState, ProductiveUser } from "../world/types.ts";
import { insertId, removeId, sortIds } from "./ordered-ids.ts";
import { PeopleIndex, type PeopleSelection } from "./people-index.ts";
import { personResource, userResource } from "./resources.ts";

export type ProductiveRole = ProductiveState["roles"][number];
export type PersonFields = Omit<ProductivePerson, "id">;
export type UserFields = Omit<ProductiveUser, "id">;

/** Records a page-drift fault added and removed after a list page was served. */
export interface DriftEvent {
  at: string;
  collection: "people" | "users";
  added: string[];
  removed: string[];
}

/** What `GET /_sandbox/state` shows: everything but the token and passwords. */
export interface ProductiveSnapshot {
  organizationId: string;
  roles: readonly ProductiveRole[];
  people: ProductivePerson[];
  users: ProductiveUser[];
  tokenOwnerPersonId: string | null;
  tokenRevoked: boolean;
  drift: DriftEvent[];
}

export interface ProductiveStoreOptions {
  /** The person whose personal API token the sandbox accepts; deactivating or archiving them kills the token. */
  tokenOwnerPersonId?: string;
  /** Password of every user not in `userPasswords` (the official doc's example uses `password1234`). */
  defaultPassword: string;
  userPasswords?: Record<string, string>;
}

/**
 * The live organization: people and users by id, ordered ids for paging, the token's fate and drift history.
 * Records are copy-on-write: the state passed in is shared, never mutated (every write stores a new object), which
 * keeps a 100k-person organization cheap. Records handed out are read-only; writes go through the methods so the
 * indexes stay in step, and so does each record's served JSON (kept as a string from its first serve until the
 * record changes or goes).
 */
export class ProductiveStore {
  readonly token: string;
  readonly organizationId: string;
  readonly roles: readonly ProductiveRole[];
  readonly tokenOwnerPersonId: string | undefined;
  /** Set when the token's owner is deactivated or archived: every later call gets 401. */
  tokenRevoked = false;
  readonly drift: DriftEvent[] = [];
  readonly peopleIndex = new PeopleIndex();
  /** User ids in id order. Shared: callers must not mutate it. */
  readonly userIds: string[];

  private readonly people = new Map<string, Readonly<ProductivePerson>>();
  private readonly users = new Map<string, Readonly<ProductiveUser>>();
  private readonly personByUserId = new Map<number, string>();
  private readonly passwords = new Map<string, string>();
  private readonly personJson = new JsonFragmentCache<string>();
  private readonly userJson = new JsonFragmentCache<string>();
  private readonly defaultPassword: string;
  private nextPersonId: number;
  private nextUserId: number;

  constructor(state: ProductiveState, options: ProductiveStoreOptions) {
    this.token = state.credentials.token;
    this.organizationId = state.credentials.organizationId;
    this.roles = state.roles.map((r) => ({ ...r }));
    this.defaultPassword = options.defaultPassword;
    for (const person of state.people) {
      this.people.set(person.id, person);
      if (person.user_id !== null) this.personByUserId.set(person.user_id, person.id);
    }
    this.peopleIndex.load(this.people);
    for (const user of state.users) this.users.set(user.id, user);
    this.userIds = sortIds(this.users.keys());
    for (const [id, password] of Object.entries(options.userPasswords ?? {}))
      this.passwords.set(id, password);
    this.nextPersonId = nextNumericId(this.people.keys());
    this.nextUserId = nextNumericId(this.users.keys());
    if (options.tokenOwnerPersonId !== undefined && !this.people.has(options.tokenOwnerPersonId)) {
      throw new Error(`productive sandbox: tokenOwnerPersonId ${options.tokenOwnerPersonId} is not a person`);
    }
    this.tokenOwnerPersonId = options.tokenOwnerPersonId;
  }

  get peopleCount(): number {
    return this.people.size;
  }

  /** Role of people created without one: the first non-admin role (0 when the organization has no roles). */
  defaultRoleId(): number {
    return (this.roles.find((r) => !r.admin) ?? this.roles[0])?.id ?? 0;
  }

  /** The organization's e-mail domain (of its first person), for records the sandbox invents. */
  get emailDomain(): string {
    const first = this.peopleIndex.all[0];
    const email = first === undefined ? "" : (this.people.get(first)?.email ?? "");
    const at = email.lastIndexOf("@");
    return at < 0 ? "example.com" : email.slice(at + 1);
  }

  person(id: string): Readonly<ProductivePerson> | undefined {
    return this.people.get(id);
  }

  /** The person's JSON:API resource object, serialized (what list pages are built from). */
  personResourceJson(id: string): string {
    return this.personJson.get(id, () => personResource(this.existing(this.people, id), this.organizationId));
  }

  selectPeople(selection: PeopleSelection): readonly string[] {
    return this.peopleIndex.select(selection, (id) => this.people.get(id)!);
  }

  /** Ids of people whose e-mail is `email`, case-insensitive. */
  peopleWithEmail(email: string): readonly string[] {
    return this.peopleIndex.idsWithEmail(email);
  }

  createPerson(fields: PersonFields): Readonly<ProductivePerson> {
    const person: ProductivePerson = { ...fields, id: String(this.nextPersonId++) };
    this.personJson.invalidate(person.id);
    this.people.set(person.id, person);
    this.peopleIndex.add(person);
    if (person.user_id !== null) this.personByUserId.set(person.user_id, person.id);
    return person;
  }

  updatePerson(id: string, patch: Partial<PersonFields>): Readonly<ProductivePerson> {
    const before = this.people.get(id);
    if (!before) throw new Error(`productive sandbox: no person ${id}`);
    const after: ProductivePerson = { ...before, ...patch, id };
    this.personJson.invalidate(id);
    this.people.set(id, after);
    this.peopleIndex.update(before, after);
    if (before.user_id !== after.user_id) {
      if (before.user_id !== null) this.personByUserId.delete(before.user_id);
      if (after.user_id !== null) this.personByUserId.set(after.user_id, id);
    }
    return after;
  }

  /** Hard removal: only page drift does this (Productive has no DELETE for people). */
  removePerson(id: string): void {
    const person = this.people.get(id);
    if (!person) return;
    this.peopleIndex.remove(person);
    this.people.delete(id);
    this.personJson.invalidate(id);
    if (person.user_id !== null) this.personByUserId.delete(person.user_id);
  }

  user(id: string): Readonly<ProductiveUser> | undefined {
    return this.users.get(id);
  }

  /** The user's JSON:API resource object, serialized (what list pages are built from). */
  userResourceJson(id: string): string {
    return this.userJson.get(id, () => userResource(this.existing(this.users, id)));
  }

  createUser(fields: UserFields): Readonly<ProductiveUser> {
    const user: ProductiveUser = { ...fields, id: String(this.nextUserId++) };
    this.userJson.invalidate(user.id);
    this.users.set(user.id, user);
    insertId(this.userIds, user.id);
    return user;
  }

  updateUser(id: string, patch: Partial<UserFields>): Readonly<ProductiveUser> {
    const before = this.users.get(id);
    if (!before) throw new Error(`productive sandbox: no user ${id}`);
    const after: ProductiveUser = { ...before, ...patch, id };
    this.userJson.invalidate(id);
    this.users.set(id, after);
    return after;
  }

  /** Hard removal (page drift only); the linked person keeps existing with `user_id: null`. */
  removeUser(id: string): void {
    if (!this.users.delete(id)) return;
    this.userJson.invalidate(id);
    removeId(this.userIds, id);
    const personId = this.personByUserId.get(Number(id));
    if (personId !== undefined) this.updatePerson(personId, { user_id: null });
  }

  passwordMatches(userId: string, password: string): boolean {
    return (this.passwords.get(userId) ?? this.defaultPassword) === password;
  }

  setPassword(userId: string, password: string): void {
    this.passwords.set(userId, password);
  }

  private existing<T>(records: ReadonlyMap<string, T>, id: string): T {
    const record = records.get(id);
    if (record === undefined) throw new Error(`productive sandbox: no record ${id}`);
    return record;
  }

  snapshot(): ProductiveSnapshot {
    return {
      organizationId: this.organizationId,
      roles: this.roles,
      people: this.peopleIndex.all.map((id) => ({ ...this.people.get(id)! })),
      users: this.userIds.map((id) => ({ ...this.users.get(id)! })),
      tokenOwnerPersonId: this.tokenOwnerPersonId ?? null,
      tokenRevoked: this.tokenRevoked,
      drift: this.drift,
    };
  }
}

function nextNumericId(ids: Iterable<string>): number {
  let max = 0;
  for (const id of ids) {
    const n = Number(id);
    if (Number.isSafeInteger(n) && n > max) max = n;
  }
  return max + 1;
}
