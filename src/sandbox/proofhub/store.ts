import { createRng, type Rng } from "../kit/rng.ts";
import type { ProofhubPerson, ProofhubState } from "../world/types.ts";
import { IdOrdered } from "./id-ordered.ts";
import { PeopleTable, type PersonChanges, personRecord, type StoredPerson } from "./people-table.ts";

/** A project or group: something people are `assigned` to. Insertion-ordered set, so output order is stable. */
export interface Container {
  id: number;
  name: string;
  assigned: Set<number>;
}

/** Which list on the person mirrors a container's `assigned`. */
export type MembershipKey = "projects" | "groups";

export type Role = ProofhubState["roles"][number];

/** Every field a person has after a POST or a (full-replacement) PUT, already validated against the store. */
export interface PersonFields {
  first_name: string;
  last_name: string;
  email: string;
  title: string | null;
  roleId: number;
  language: string;
  timezone: number;
  suspended: boolean;
  groups: number[];
  projects: number[];
}

/** One round of page drift: who appeared and who vanished after a list page was served. */
export interface DriftEvent {
  at: string;
  /** `start` of the page after which the drift happened. */
  afterStart: number;
  added: number[];
  removed: number[];
}

/** How the API key stands: it dies with its owner (deleted) and, in the sandbox, while the owner is suspended [I]. */
export type KeyStatus = "valid" | "owner-deleted" | "owner-suspended";

/**
 * The live ProofHub account: people (ordered, indexed), projects, groups and roles. Every write keeps both sides
 * of a membership in step — `person.projects` ↔ `project.assigned`, `person.groups` ↔ `group.assigned`.
 */
export class ProofhubStore {
  readonly credentials: ProofhubState["credentials"];
  readonly roles: readonly Role[];
  readonly people: PeopleTable;
  readonly projects: IdOrdered<Container>;
  readonly groups: IdOrdered<Container>;
  readonly drift: DriftEvent[] = [];
  private readonly driftRng: Rng;

  constructor(
    state: ProofhubState,
    readonly keyOwnerId: number | undefined,
    driftSeed: number,
  ) {
    this.credentials = { ...state.credentials };
    this.roles = state.roles.map((role) => ({ ...role }));
    this.people = new PeopleTable(state.people.map(personRecord));
    this.projects = new IdOrdered(
      state.projects.map((p) => ({ id: p.id, name: p.title, assigned: new Set(p.assigned) })),
      "project",
    );
    this.groups = new IdOrdered(
      state.groups.map((g) => ({ id: g.id, name: g.name, assigned: new Set(g.assigned) })),
      "group",
    );
    this.reconcileMemberships("projects");
    this.reconcileMemberships("groups");
    if (keyOwnerId !== undefined && !this.people.get(keyOwnerId)) {
      throw new Error(`proofhub sandbox: keyOwnerId ${keyOwnerId} is not a person in the state`);
    }
    this.driftRng = createRng(driftSeed);
  }

  // ------------------------------------------------------------------ roles and the API key

  role(id: number): Role | undefined {
    return this.roles.find((role) => role.id === id);
  }

  /** The role a person gets when none is sent: the one marked `default`, else the first. */
  defaultRole(): Role | undefined {
    return this.roles.find((role) => role.default) ?? this.roles[0];
  }

  keyStatus(): KeyStatus {
    if (this.keyOwnerId === undefined) return "valid";
    const owner = this.people.get(this.keyOwnerId);
    if (!owner) return "owner-deleted";
    return owner.suspended ? "owner-suspended" : "valid";
  }

  /** Whether the key's owner holds an admin role (a key without a known owner counts as admin). */
  keyIsAdmin(): boolean {
    if (this.keyOwnerId === undefined) return true;
    const owner = this.people.get(this.keyOwnerId);
    return owner !== undefined && this.role(owner.role.id)?.admin === true;
  }

  // ------------------------------------------------------------------ people

  createPerson(fields: PersonFields, now: string, verified = false): StoredPerson {
    const person: ProofhubPerson = {
      id: this.people.nextId(),
      first_name: fields.first_name,
      last_name: fields.last_name,
      title: fields.title,
      email: fields.email,
      role: { id: fields.roleId },
      groups: [],
      timezone: fields.timezone,
      language: fields.language,
      suspended: fields.suspended,
      verified,
      last_active: null,
      created_at: now,
      updated_at: now,
      projects: [],
    };
    this.people.insert(person);
    this.setPersonMemberships(person, "projects", fields.projects);
    this.setPersonMemberships(person, "groups", fields.groups);
    return person;
  }

  /** Full replacement: every field takes the value in `fields`, which already holds the defaults for omissions. */
  replacePerson(person: StoredPerson, fields: PersonFields, now: string): StoredPerson {
    this.people.update(person, {
      first_name: fields.first_name,
      last_name: fields.last_name,
      email: fields.email,
      title: fields.title,
      role: { id: fields.roleId },
      language: fields.language,
      timezone: fields.timezone,
      suspended: fields.suspended,
      updated_at: now,
    });
    this.setPersonMemberships(person, "projects", fields.projects);
    this.setPersonMemberships(person, "groups", fields.groups);
    return person;
  }

  /** Permanent: the person leaves every project and group, and the id is never reused. */
  deletePerson(id: number): boolean {
    const person = this.people.get(id);
    if (!person) return false;
    this.setPersonMemberships(person, "projects", []);
    this.setPersonMemberships(person, "groups", []);
    this.people.remove(id);
    return true;
  }

  // ------------------------------------------------------------------ projects and groups

  containers(key: MembershipKey): IdOrdered<Container> {
    return key === "projects" ? this.projects : this.groups;
  }

  /** Replace who is assigned to a project or group, updating each affected person's list. */
  setAssigned(key: MembershipKey, container: Container, personIds: readonly number[]): void {
    const next = new Set(personIds);
    for (const personId of container.assigned) {
      if (next.has(personId)) continue;
      const person = this.people.get(personId);
      if (person) {
        this.people.update(
          person,
          membership(
            key,
            person[key].filter((id) => id !== container.id),
          ),
        );
      }
    }
    for (const personId of next) {
      if (container.assigned.has(personId)) continue;
      const person = this.people.get(personId);
      if (person && !person[key].includes(container.id)) {
        this.people.update(person, membership(key, [...person[key], container.id]));
      }
    }
    container.assigned = next;
  }

  createGroup(name: string, personIds: readonly number[]): Container {
    const group: Container = { id: this.groups.nextId(), name, assigned: new Set() };
    this.groups.insert(group);
    this.setAssigned("groups", group, personIds);
    return group;
  }

  deleteGroup(id: number): boolean {
    const group = this.groups.get(id);
    if (!group) return false;
    this.setAssigned("groups", group, []);
    this.groups.remove(id);
    return true;
  }

  // ------------------------------------------------------------------ page drift

  /**
   * Someone else edits the account between two pages: `remove` people vanish — picked among those already served
   * (index < `servedEnd`), so every later offset shifts and an offset walk skips people who never left — and `add`
   * people appear at the end. The key owner is never removed.
   */
  applyDrift(afterStart: number, servedEnd: number, drift: { add: number; remove: number }, now: string) {
    if (drift.add === 0 && drift.remove === 0) return undefined;
    const removed: number[] = [];
    for (let i = 0; i < drift.remove && this.people.size > 0; i += 1) {
      const victim = this.pickDriftVictim(Math.min(servedEnd, this.people.size));
      if (victim === undefined) break;
      this.deletePerson(victim);
      removed.push(victim);
    }
    const added: number[] = [];
    const role = this.defaultRole();
    for (let i = 0; i < drift.add && role; i += 1) {
      const id = this.people.nextId();
      const person = this.createPerson(
        {
          first_name: "Drift",
          last_name: `Person ${id}`,
          email: `drift-${id}@${this.credentials.company}.sandbox.invalid`,
          title: null,
          roleId: role.id,
          language: "en",
          timezone: 0,
          suspended: false,
          groups: [],
          projects: [],
        },
        now,
      );
      added.push(person.id);
    }
    const event: DriftEvent = { at: now, afterStart, added, removed };
    this.drift.push(event);
    return event;
  }

  private pickDriftVictim(servedEnd: number): number | undefined {
    const range = servedEnd > 0 ? servedEnd : this.people.size;
    for (let attempt = 0; attempt < 8; attempt += 1) {
      const person = this.people.at(this.driftRng.int(0, range - 1));
      if (person && person.id !== this.keyOwnerId) return person.id;
    }
    return this.people.all().find((p) => p.id !== this.keyOwnerId)?.id;
  }

  // ------------------------------------------------------------------ snapshot

  /** The account as a `ProofhubState` (API key redacted), plus the key owner and the drift record. */
  snapshot(): ProofhubState & { keyOwnerId: number | null; drift: DriftEvent[] } {
    return {
      credentials: { apiKey: "[redacted]", company: this.credentials.company },
      roles: this.roles.map((role) => ({ ...role })),
      people: this.people.all().map(personRecord),
      projects: this.projects.all().map((p) => ({
        id: p.id,
        title: p.name,
        assigned: [...p.assigned],
      })),
      groups: this.groups.all().map((g) => ({ id: g.id, name: g.name, assigned: [...g.assigned] })),
      keyOwnerId: this.keyOwnerId ?? null,
      drift: this.drift.map((event) => ({ ...event })),
    };
  }

  // ------------------------------------------------------------------ memberships

  /** Someone accepted the invitation e-mail (the sandbox plays it: `POST /_sandbox/people/{id}/accept`). */
  acceptInvitation(person: StoredPerson, now: string): StoredPerson {
    return this.people.update(person, { verified: true, last_active: now, updated_at: now });
  }

  /** Replace one person's projects or groups, updating each container's `assigned`. */
  private setPersonMemberships(person: StoredPerson, key: MembershipKey, ids: readonly number[]): void {
    const containers = this.containers(key);
    const next = new Set(ids.filter((id) => containers.has(id)));
    for (const id of person[key]) {
      if (!next.has(id)) containers.get(id)?.assigned.delete(person.id);
    }
    for (const id of next) containers.get(id)?.assigned.add(person.id);
    this.people.update(person, membership(key, [...next]));
  }

  /**
   * Load-time only. The world may list a membership on one side only: serve the union, keeping each list's own
   * order, and drop ids that point nowhere.
   */
  private reconcileMemberships(key: MembershipKey): void {
    const containers = this.containers(key);
    for (const person of this.people.all()) {
      const ids = person[key];
      if (ids.some((id, i) => !containers.has(id) || ids.indexOf(id) !== i)) {
        this.people.update(person, membership(key, [...new Set(ids.filter((id) => containers.has(id)))]));
      }
    }
    for (const container of containers.all()) {
      for (const personId of container.assigned) {
        const person = this.people.get(personId);
        if (!person) container.assigned.delete(personId);
        else if (!person[key].includes(container.id)) {
          this.people.update(person, membership(key, [...person[key], container.id]));
        }
      }
    }
    for (const person of this.people.all()) {
      for (const id of person[key]) containers.get(id)?.assigned.add(person.id);
    }
  }
}

/** The change that sets a person's projects or groups. */
function membership(key: MembershipKey, ids: readonly number[]): PersonChanges {
  return key === "projects" ? { projects: ids } : { groups: ids };
}
