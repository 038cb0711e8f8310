/**
 * ProofHub people, roles, groups and projects from account drafts. Group and project membership is kept on both
 * sides (`person.groups` / `group.assigned`, `person.projects` / `project.assigned`); the external id is the
 * person id.
 */
import type { Rng } from "../../kit/rng.ts";
import { DEPARTMENTS } from "../company.ts";
import type { AccountDraft, DraftContext } from "../draft.ts";
import { iso } from "../instant.ts";
import type { ProofhubPerson, ProofhubState } from "../types.ts";
import { numbered } from "./naming.ts";

export const PROOFHUB_ROLES: ProofhubState["roles"] = [
  { id: 903912750, name: "Owner", default: false, admin: true },
  { id: 903912751, name: "Administrator", default: false, admin: true },
  { id: 903912752, name: "Manager", default: false, admin: false },
  { id: 903912753, name: "Member", default: true, admin: false },
  { id: 903912754, name: "Client", default: false, admin: false },
];
const [OWNER, ADMINISTRATOR, MANAGER, MEMBER, CLIENT] = PROOFHUB_ROLES.map((role) => role.id) as [
  number,
  number,
  number,
  number,
  number,
];
const TIMEZONES = [8, 15, 21, 31, 45, 52];
const LANGUAGES = ["en", "en", "en", "en", "de", "fr", "es"];
const PROJECT_NAMES = [
  "Website Redesign",
  "Spring Campaign",
  "Client Onboarding",
  "Brand Refresh",
  "Trade Show Booth",
  "Partner Portal",
  "Product Launch",
  "Case Study Series",
  "Newsletter",
  "Pricing Page",
  "Webinar Program",
  "Sales Playbook",
  "Localization",
  "Customer Advisory Board",
];

export function proofhubState(
  rng: Rng,
  drafts: readonly AccountDraft[],
  ctx: DraftContext,
  credentials: ProofhubState["credentials"],
): { state: ProofhubState; externalIds: string[] } {
  const groupByDept = new Map<number, ProofhubState["groups"][number]>();
  const groups: ProofhubState["groups"] = [];
  let nextGroupId = 33838200;
  const groupFor = (dept: number) => {
    let group = groupByDept.get(dept);
    if (group === undefined) {
      nextGroupId += rng.int(1, 40);
      group = {
        id: nextGroupId,
        name: dept < 0 ? "External collaborators" : DEPARTMENTS[dept]!.name,
        assigned: [],
      };
      groupByDept.set(dept, group);
      groups.push(group);
    }
    return group;
  };

  const projects: ProofhubState["projects"] = [];
  const projectCount = drafts.length === 0 ? 0 : Math.max(1, Math.round(drafts.length / 12));
  let nextProjectId = 23423200;
  for (let p = 0; p < projectCount; p++) {
    nextProjectId += rng.int(1, 500);
    projects.push({ id: nextProjectId, title: numbered(PROJECT_NAMES, p), assigned: [] });
  }

  let ownerAssigned = false;
  let personId = 12009000;
  const people: ProofhubPerson[] = drafts.map((draft) => {
    personId += rng.int(1, 900);
    let role = MEMBER;
    if (draft.admin) {
      role = ownerAssigned ? ADMINISTRATOR : OWNER;
      ownerAssigned = true;
    } else if (draft.orphan === "contractor") role = CLIENT;
    else if (draft.owner >= 0 && ctx.hr.isManager[draft.owner]) role = MANAGER;

    const group = groupFor(draft.orphan === null ? draft.department : -1);
    group.assigned.push(personId);
    const memberOf = new Set<number>();
    const joins = projects.length === 0 ? 0 : draft.orphan !== null ? 1 : rng.int(1, 3);
    for (let j = 0; j < joins; j++) memberOf.add(rng.int(0, projects.length - 1));
    const projectIds = [...memberOf].sort((a, b) => a - b).map((index) => projects[index]!.id);
    for (const index of [...memberOf].sort((a, b) => a - b)) projects[index]!.assigned.push(personId);

    const updatedMs = Math.max(draft.createdMs, draft.lastSeenMs ?? 0, draft.disabledMs ?? 0);
    return {
      id: personId,
      first_name: draft.firstName,
      last_name: draft.lastName,
      title:
        draft.owner >= 0
          ? ctx.hr.hr[draft.owner]!.title
          : draft.orphan === "contractor"
            ? "Contractor"
            : null,
      email: draft.email,
      role: { id: role },
      groups: [group.id],
      timezone: rng.pick(TIMEZONES),
      language: rng.pick(LANGUAGES),
      suspended: draft.state === "disabled",
      verified: draft.state !== "invited",
      last_active: draft.lastSeenMs === null ? null : iso(draft.lastSeenMs),
      created_at: iso(draft.createdMs),
      updated_at: iso(updatedMs),
      projects: projectIds,
    };
  });
  groups.sort((a, b) => a.id - b.id);

  return {
    state: { credentials, roles: PROOFHUB_ROLES, people, projects, groups },
    externalIds: people.map((p) => String(p.id)),
  };
}
