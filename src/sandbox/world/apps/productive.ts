/**
 * Productive.io people and users from account drafts. Only `person_type` 1 people are accounts; client contacts
 * (2) and placeholders (3) are mixed in as noise. A joined user has a linked `users` record (`users[].id` =
 * `String(user_id)`); the account's external id is the person id.
 */
import type { Rng } from "../../kit/rng.ts";
import { CLIENT_DOMAINS, DEPARTMENTS } from "../company.ts";
import type { AccountDraft, DraftContext } from "../draft.ts";
import { DAY_MS, iso } from "../instant.ts";
import { emailLocalPart, FIRST_NAMES, LAST_NAMES } from "../names.ts";
import { between } from "../random.ts";
import type { ProductivePerson, ProductiveState, ProductiveUser } from "../types.ts";
import { slug } from "./naming.ts";

export const PRODUCTIVE_ROLES: ProductiveState["roles"] = [
  { id: 48201, name: "Administrator", admin: true },
  { id: 48202, name: "Project manager", admin: false },
  { id: 48203, name: "Member", admin: false },
  { id: 48204, name: "Finance", admin: false },
  { id: 48205, name: "Client access", admin: false },
];
const [ADMIN, MANAGER, MEMBER, FINANCE, CLIENT] = PRODUCTIVE_ROLES.map((role) => role.id) as [
  number,
  number,
  number,
  number,
  number,
];
const TIME_ZONES = [
  "Europe/Zagreb",
  "Europe/London",
  "Europe/Berlin",
  "America/New_York",
  "America/Los_Angeles",
  null,
];
const PLACEHOLDER_TITLES = [
  "Senior Designer",
  "Backend Developer",
  "Project Manager",
  "Copywriter",
  "QA Tester",
];

const DEPARTMENT_TAGS = DEPARTMENTS.map((dept) => slug(dept.name));

/** A person before ids are assigned (`id` and `user_id` are filled in creation order). */
interface Row {
  createdMs: number;
  draft: number | null;
  person: ProductivePerson;
  joinedMs: number | null;
}

export function productiveState(
  rng: Rng,
  drafts: readonly AccountDraft[],
  ctx: DraftContext,
  credentials: ProductiveState["credentials"],
): { state: ProductiveState; externalIds: string[] } {
  const rows: Row[] = drafts.map((draft, i) => accountRow(rng, draft, i, ctx));
  if (ctx.hr.hr.length > 0) rows.push(...noiseRows(rng, drafts.length, ctx));
  rows.sort((a, b) => a.createdMs - b.createdMs);

  const people: ProductivePerson[] = [];
  const users: ProductiveUser[] = [];
  const externalIds: string[] = new Array(drafts.length);
  let personId = 2835;
  let userId = 2861;
  for (const row of rows) {
    personId += rng.int(1, 4);
    let linkedUser: number | null = null;
    if (row.joinedMs !== null) {
      userId += rng.int(1, 3);
      linkedUser = userId;
    }
    const id = String(personId);
    const p = row.person;
    p.id = id;
    p.user_id = linkedUser;
    people.push(p);
    if (row.draft !== null) externalIds[row.draft] = id;
    if (linkedUser !== null) {
      const draft = drafts[row.draft!]!;
      users.push({
        id: String(linkedUser),
        email: p.email,
        first_name: p.first_name,
        last_name: p.last_name,
        time_zone: rng.pick(TIME_ZONES),
        locale: "en",
        sysadmin: false,
        two_factor_auth: rng.chance(0.4),
        sso_provision: rng.chance(0.2),
        default_organization_id: Number(credentials.organizationId),
        updated_at: iso(Math.max(row.joinedMs!, draft.lastSeenMs ?? 0, draft.disabledMs ?? 0)),
      });
    }
  }
  return { state: { credentials, roles: PRODUCTIVE_ROLES, people, users }, externalIds };
}

function roleFor(draft: AccountDraft, ctx: DraftContext): number {
  if (draft.admin) return ADMIN;
  if (draft.owner < 0) return draft.orphan === "contractor" ? CLIENT : MEMBER;
  if (ctx.hr.isManager[draft.owner]) return MANAGER;
  return DEPARTMENTS[draft.department]!.name === "Finance" ? FINANCE : MEMBER;
}

function accountRow(rng: Rng, draft: AccountDraft, index: number, ctx: DraftContext): Row {
  const invitedMs = draft.createdMs;
  let joinedMs: number | null = null;
  if (draft.state !== "invited") {
    const latest = Math.min(
      draft.lastSeenMs ?? ctx.asOfMs - 3_600_000,
      draft.disabledMs ?? Number.POSITIVE_INFINITY,
    );
    joinedMs = between(rng, invitedMs, Math.min(invitedMs + 2 * DAY_MS, latest));
  }
  let deactivatedMs: number | null = null;
  let archivedMs: number | null = null;
  if (draft.state === "disabled") {
    deactivatedMs = draft.disabledMs!;
    if (rng.chance(0.3))
      archivedMs = between(rng, deactivatedMs, Math.min(deactivatedMs + 30 * DAY_MS, ctx.asOfMs - 3_600_000));
  }
  const tags: string[] =
    draft.owner >= 0
      ? [DEPARTMENT_TAGS[draft.department]!]
      : draft.orphan === "contractor"
        ? ["contractor"]
        : draft.orphan === "service"
          ? ["shared"]
          : [];
  return {
    createdMs: draft.createdMs,
    draft: index,
    joinedMs,
    person: {
      id: "",
      first_name: draft.firstName,
      last_name: draft.lastName,
      email: draft.email,
      role_id: roleFor(draft, ctx),
      person_type: 1,
      deactivated_at: deactivatedMs === null ? null : iso(deactivatedMs),
      archived_at: archivedMs === null ? null : iso(archivedMs),
      invited_at: iso(invitedMs),
      joined_at: joinedMs === null ? null : iso(joinedMs),
      last_seen_at: draft.lastSeenMs === null ? null : iso(draft.lastSeenMs),
      is_user: joinedMs !== null,
      user_id: null,
      title:
        draft.owner >= 0
          ? ctx.hr.hr[draft.owner]!.title
          : draft.orphan === "contractor"
            ? "Contractor"
            : null,
      tag_list: tags,
      virtual: false,
      placeholder: false,
      created_at: iso(draft.createdMs),
    },
  };
}

/** Client contacts and resource placeholders: people records that are not accounts. */
function noiseRows(rng: Rng, accounts: number, ctx: DraftContext): Row[] {
  const rows: Row[] = [];
  const used = new Set<string>();
  const contacts = Math.max(2, Math.round(accounts * 0.08));
  const placeholders = Math.max(1, Math.round(accounts * 0.02));
  const since = ctx.asOfMs - 1000 * DAY_MS;
  for (let k = 0; k < contacts + placeholders; k++) {
    const createdMs = between(rng, since, ctx.asOfMs - DAY_MS);
    const contact = k < contacts;
    const first = contact ? rng.pick(FIRST_NAMES) : rng.pick(PLACEHOLDER_TITLES);
    const last = contact ? rng.pick(LAST_NAMES) : "(placeholder)";
    let email = "";
    if (contact) {
      const base = `${emailLocalPart(first)}.${emailLocalPart(last)}@${rng.pick(CLIENT_DOMAINS)}`;
      email = base;
      for (let n = 2; used.has(email); n++) email = base.replace("@", `${n}@`);
      used.add(email);
    }
    rows.push({
      createdMs,
      draft: null,
      joinedMs: null,
      person: {
        id: "",
        first_name: first,
        last_name: last,
        email,
        role_id: CLIENT,
        person_type: contact ? 2 : 3,
        deactivated_at: null,
        archived_at: null,
        invited_at: null,
        joined_at: null,
        last_seen_at: null,
        is_user: false,
        user_id: null,
        title: contact ? "Client contact" : null,
        tag_list: contact ? ["client"] : ["placeholder"],
        virtual: false,
        placeholder: !contact,
        created_at: iso(createdMs),
      },
    });
  }
  return rows;
}
