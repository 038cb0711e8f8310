/**
 * Podio organization members and spaces from account drafts. Partner-agency and personal-address accounts are
 * external guests (`employee: false`, light members); the external id is the member's `user_id`.
 */
import type { Rng } from "../../kit/rng.ts";
import { DEPARTMENTS } from "../company.ts";
import type { AccountDraft, DraftContext } from "../draft.ts";
import { flat, iso } from "../instant.ts";
import type { PodioOrgMember, PodioState } from "../types.ts";

type SpaceMember = PodioState["spaces"][number]["members"][number];

export function podioState(
  rng: Rng,
  drafts: readonly AccountDraft[],
  ctx: DraftContext,
  credentials: PodioState["credentials"],
  org: PodioState["org"],
): { state: PodioState; externalIds: string[] } {
  let userId = 1_000_000;
  let profileId = 2_000_000;
  const members: PodioOrgMember[] = drafts.map((draft) => {
    userId += rng.int(1, 40);
    profileId += rng.int(1, 40);
    const guest = draft.orphan === "contractor" || draft.orphan === "personal";
    const mails = [draft.email];
    if (draft.owner >= 0 && draft.plant === null && rng.chance(0.1)) {
      // Some profiles list another of the person's own (unshared) addresses.
      const other = ctx.hr.hr[draft.owner]!.aliases.find((alias) => !ctx.hr.shared.has(alias));
      if (other !== undefined) mails.push(other);
    }
    return {
      user_id: userId,
      profile_id: profileId,
      name: flat(`${draft.firstName} ${draft.lastName}`),
      mail: draft.email,
      mails,
      role: draft.admin ? "admin" : guest || rng.chance(0.08) ? "light" : "regular",
      employee: !guest,
      status: draft.state === "active" ? "active" : draft.state === "invited" ? "invited" : "inactive",
      last_seen_on: draft.lastSeenMs === null ? null : iso(draft.lastSeenMs),
      created_on: iso(draft.createdMs),
    };
  });

  const spaces: PodioState["spaces"] = [];
  if (members.length > 0) {
    let spaceId = 3_000_000;
    const nextSpace = (name: string) => {
      spaceId += rng.int(1, 60);
      const space = { space_id: spaceId, name, members: [] as SpaceMember[] };
      spaces.push(space);
      return space;
    };
    const hub = nextSpace("Company Hub");
    const byDept = new Map<number, PodioState["spaces"][number]>();
    for (let d = 0; d < DEPARTMENTS.length; d++) {
      if (drafts.some((draft) => draft.department === d))
        byDept.set(d, nextSpace(`${DEPARTMENTS[d]!.name} Team`));
    }
    const guestSpaces = Array.from({ length: Math.max(1, Math.round(members.length / 150)) }, (_, k) =>
      nextSpace(k === 0 ? "Partner Projects" : `Partner Projects ${k + 1}`),
    );
    drafts.forEach((draft, i) => {
      const member = members[i]!;
      if (member.status === "inactive" && rng.chance(0.7)) return;
      const manager = draft.owner >= 0 && ctx.hr.isManager[draft.owner];
      const spaceRole: SpaceMember["role"] = member.role === "admin" || manager ? "admin" : member.role;
      if (member.employee)
        hub.members.push({ user_id: member.user_id, role: member.role === "admin" ? "admin" : "regular" });
      const deptSpace = byDept.get(draft.department);
      if (deptSpace) deptSpace.members.push({ user_id: member.user_id, role: spaceRole });
      if (!member.employee || rng.chance(0.03)) {
        rng
          .pick(guestSpaces)
          .members.push({ user_id: member.user_id, role: member.employee ? "regular" : "light" });
      }
    });
  }

  return {
    state: { credentials, org, members, spaces },
    externalIds: members.map((m) => String(m.user_id)),
  };
}
