/**
 * Productboard members and teams from account drafts. Members carry the v2 `fields` (name, email, role, disabled,
 * invitationPending) plus `createdAt` and `piiRedacted`; the account's external id is the member uuid.
 */
import type { Rng } from "../../kit/rng.ts";
import { DEPARTMENTS } from "../company.ts";
import type { AccountDraft, DraftContext } from "../draft.ts";
import { flat, iso } from "../instant.ts";
import { uuid } from "../random.ts";
import type { ProductboardMember, ProductboardState } from "../types.ts";
import { numbered } from "./naming.ts";

const MAKER_DEPARTMENTS = new Set(["Product", "Design"]);
const BUILDER_DEPARTMENTS = new Set(["Engineering", "Data"]);
const TEAM_NAMES = [
  "Platform",
  "Growth",
  "Mobile",
  "Payments",
  "Insights",
  "Integrations",
  "Core Experience",
  "Enterprise",
  "Onboarding",
  "Search",
  "Notifications",
  "Reporting",
];

function memberRole(rng: Rng, draft: AccountDraft): ProductboardMember["role"] {
  if (draft.admin) return "admin";
  if (draft.orphan === "contractor" || draft.orphan === "personal")
    return rng.chance(0.6) ? "viewer" : "contributor";
  if (draft.orphan === "service") return "contributor";
  const dept = DEPARTMENTS[draft.department]!.name;
  if (MAKER_DEPARTMENTS.has(dept)) return rng.chance(0.8) ? "maker" : "contributor";
  if (BUILDER_DEPARTMENTS.has(dept))
    return rng.chance(0.4) ? "maker" : rng.chance(0.85) ? "contributor" : "viewer";
  return rng.chance(0.7) ? "contributor" : "viewer";
}

export function productboardState(
  rng: Rng,
  drafts: readonly AccountDraft[],
  ctx: DraftContext,
  credentials: ProductboardState["credentials"],
): { state: ProductboardState; externalIds: string[] } {
  const members: ProductboardMember[] = drafts.map((draft) => ({
    id: uuid(rng),
    name: flat(`${draft.firstName} ${draft.lastName}`),
    email: draft.email,
    role: memberRole(rng, draft),
    disabled: draft.state === "disabled",
    invitationPending: draft.state === "invited",
    createdAt: iso(draft.createdMs),
    piiRedacted: draft.redacted,
  }));

  const teams: ProductboardState["teams"] = [];
  if (members.length > 0) {
    const count = Math.min(40, Math.max(3, Math.round(members.length / 25)));
    for (let t = 0; t < count; t++)
      teams.push({ id: uuid(rng), name: numbered(TEAM_NAMES, t), memberIds: [] });
    const leadership = { id: uuid(rng), name: "Product Leadership", memberIds: [] as string[] };
    drafts.forEach((draft, i) => {
      const member = members[i]!;
      if (member.disabled) return;
      if (member.role === "admin" || (draft.owner >= 0 && ctx.hr.isManager[draft.owner])) {
        if (draft.department >= 0 && DEPARTMENTS[draft.department]!.name === "Product")
          leadership.memberIds.push(member.id);
        else if (member.role === "admin") leadership.memberIds.push(member.id);
      }
      if (member.role === "viewer" && draft.owner < 0) return;
      const joins = rng.chance(0.2) ? 2 : 1;
      for (let j = 0; j < joins; j++) {
        const team = teams[rng.int(0, teams.length - 1)]!;
        if (team.memberIds[team.memberIds.length - 1] !== member.id) team.memberIds.push(member.id);
      }
    });
    teams.push(leadership);
  }

  return {
    state: { credentials, members, teams },
    externalIds: members.map((m) => m.id),
  };
}
