/**
 * `shiftWorldTimes`: move a world to another instant. Every timestamp in the HR export and the app states moves
 * by `now - asOf`, so planted ages (stale accounts, old invitations, leavers' end dates) stay the same relative to
 * the new `asOf` — a sandbox serving a shifted world looks current, and the answer key still holds.
 *
 * HR dates (`YYYY-MM-DD`) are read as midnight UTC, shifted by the same delta and cut back to a date; they move by
 * the delta rounded down to whole days, which keeps every end date before the new `asOf`.
 */
import { iso, isoDate } from "./instant.ts";
import type {
  DoceboState,
  PodioState,
  ProductboardState,
  ProductiveState,
  ProofhubState,
  World,
} from "./types.ts";

type Shift = (value: string) => string;
type ShiftNullable = (value: string | null) => string | null;

export function shiftWorldTimes(world: World, nowMs: number): World {
  if (!Number.isFinite(nowMs))
    throw new RangeError(`now must be a finite number of milliseconds, got ${nowMs}`);
  const delta = nowMs - Date.parse(world.asOf);
  const at: Shift = (value) => iso(Date.parse(value) + delta);
  const maybe: ShiftNullable = (value) => (value === null ? null : at(value));
  const day = (value: string) => isoDate(Date.parse(value) + delta);
  return {
    seed: world.seed,
    people: world.people,
    asOf: iso(nowMs),
    company: { name: world.company.name, domains: [...world.company.domains] },
    thresholds: { ...world.thresholds },
    hr: world.hr.map((person) => ({
      ...person,
      aliases: [...person.aliases],
      startDate: day(person.startDate),
      endDate: person.endDate === null ? null : day(person.endDate),
    })),
    apps: {
      productboard: shiftProductboard(world.apps.productboard, at),
      productive: shiftProductive(world.apps.productive, at, maybe),
      proofhub: shiftProofhub(world.apps.proofhub, at, maybe),
      podio: shiftPodio(world.apps.podio, at, maybe),
      docebo: shiftDocebo(world.apps.docebo, at, maybe),
    },
    answerKey: world.answerKey.map((entry) => ({ ...entry })),
  };
}

function shiftProductboard(state: ProductboardState, at: Shift): ProductboardState {
  return {
    credentials: { ...state.credentials },
    members: state.members.map((m) => ({ ...m, createdAt: at(m.createdAt) })),
    teams: state.teams.map((t) => ({ ...t, memberIds: [...t.memberIds] })),
  };
}

function shiftProductive(state: ProductiveState, at: Shift, maybe: ShiftNullable): ProductiveState {
  return {
    credentials: { ...state.credentials },
    roles: state.roles.map((r) => ({ ...r })),
    people: state.people.map((p) => ({
      ...p,
      deactivated_at: maybe(p.deactivated_at),
      archived_at: maybe(p.archived_at),
      invited_at: maybe(p.invited_at),
      joined_at: maybe(p.joined_at),
      last_seen_at: maybe(p.last_seen_at),
      tag_list: [...p.tag_list],
      created_at: at(p.created_at),
    })),
    users: state.users.map((u) => ({ ...u, updated_at: at(u.updated_at) })),
  };
}

function shiftProofhub(state: ProofhubState, at: Shift, maybe: ShiftNullable): ProofhubState {
  return {
    credentials: { ...state.credentials },
    roles: state.roles.map((r) => ({ ...r })),
    people: state.people.map((p) => ({
      ...p,
      role: { ...p.role },
      groups: [...p.groups],
      last_active: maybe(p.last_active),
      created_at: at(p.created_at),
      updated_at: at(p.updated_at),
      projects: [...p.projects],
    })),
    projects: state.projects.map((p) => ({ ...p, assigned: [...p.assigned] })),
    groups: state.groups.map((g) => ({ ...g, assigned: [...g.assigned] })),
  };
}

function shiftPodio(state: PodioState, at: Shift, maybe: ShiftNullable): PodioState {
  return {
    credentials: { ...state.credentials },
    org: { ...state.org },
    members: state.members.map((m) => ({
      ...m,
      mails: [...m.mails],
      last_seen_on: maybe(m.last_seen_on),
      created_on: at(m.created_on),
    })),
    spaces: state.spaces.map((s) => ({ ...s, members: s.members.map((m) => ({ ...m })) })),
  };
}

function shiftDocebo(state: DoceboState, at: Shift, maybe: ShiftNullable): DoceboState {
  return {
    credentials: { ...state.credentials },
    users: state.users.map((u) => ({
      ...u,
      creation_date: at(u.creation_date),
      last_access_date: maybe(u.last_access_date),
      expiration_date: maybe(u.expiration_date),
    })),
    branches: state.branches.map((b) => ({ ...b, userIds: [...b.userIds] })),
    groups: state.groups.map((g) => ({ ...g, userIds: [...g.userIds] })),
  };
}
