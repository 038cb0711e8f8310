/**
 * Docebo users, branches (org chart) and groups from account drafts. `manager_id` points at the Docebo user of the
 * person's HR manager when that manager has one; contractors carry an expiration date. The external id is the
 * `user_id`.
 */
import type { Rng } from "../../kit/rng.ts";
import { DEPARTMENTS } from "../company.ts";
import type { AccountDraft, DraftContext } from "../draft.ts";
import { DAY_MS, iso } from "../instant.ts";
import { between } from "../random.ts";
import type { DoceboState, DoceboUser } from "../types.ts";

const LANGUAGES = ["english", "english", "english", "english", "german", "french", "spanish", "italian"];

export function doceboState(
  rng: Rng,
  drafts: readonly AccountDraft[],
  ctx: DraftContext,
  credentials: DoceboState["credentials"],
  companyName: string,
): { state: DoceboState; externalIds: string[] } {
  const companyDomains = new Set(ctx.domains);
  let userId = 12300;
  let godadmins = 0;
  const userIdOf = new Map<number, number>();
  const users: DoceboUser[] = drafts.map((draft) => {
    userId += rng.int(1, 3);
    // The person's own account (not a second one, not a shared role address) is what manager_id points at.
    const own =
      draft.owner >= 0 && draft.duplicateOf === null && !ctx.hr.shared.has(draft.email.trim().toLowerCase());
    if (own && !userIdOf.has(draft.owner)) userIdOf.set(draft.owner, userId);
    userIdOf.set(draft.owner, userId);
    let level: DoceboUser["level"] = "user";
    if (draft.admin) {
      level = godadmins < 2 ? "godadmin" : "poweruser";
      godadmins += 1;
    }
    const expires =
      draft.orphan === "contractor"
        ? iso(between(rng, ctx.asOfMs + 30 * DAY_MS, ctx.asOfMs + 365 * DAY_MS))
        : null;
    return {
      user_id: userId,
      username: draft.email.trim(),
      first_name: draft.firstName,
      last_name: draft.lastName,
      email: draft.email,
      status: draft.state === "disabled" ? "0" : "1",
      level,
      creation_date: iso(draft.createdMs),
      last_access_date: draft.lastSeenMs === null ? null : iso(draft.lastSeenMs),
      expiration_date: expires,
      language: rng.pick(LANGUAGES),
      manager_id: null,
    };
  });
  drafts.forEach((draft, i) => {
    if (draft.owner < 0) return;
    const managerId = ctx.hr.hr[draft.owner]!.managerId;
    if (managerId === null) return;
    const managerIndex = Number(managerId.slice(1)) - 1;
    users[i]!.manager_id = userIdOf.get(managerIndex) ?? null;
  });

  const branches: DoceboState["branches"] = [];
  const groups: DoceboState["groups"] = [];
  if (users.length > 0) {
    const root = { id: 1, code: "ROOT", name: companyName, parent_id: null, userIds: [] as number[] };
    branches.push(root);
    const byDept = new Map<number, DoceboState["branches"][number]>();
    const external = {
      id: 2,
      code: "EXTERNAL",
      name: "External Partners",
      parent_id: 1,
      userIds: [] as number[],
    };
    branches.push(external);
    DEPARTMENTS.forEach((dept, d) => {
      const branch = {
        id: 10 + d,
        code: dept.name.toUpperCase().replace(/[^A-Z0-9]+/g, "-"),
        name: dept.name,
        parent_id: 1,
        userIds: [] as number[],
      };
      byDept.set(d, branch);
      branches.push(branch);
    });

    const year = new Date(ctx.asOfMs).getUTCFullYear();
    const allEmployees = { id: 1, name: "All Employees", type: "dynamic" as const, userIds: [] as number[] };
    const engineering = {
      id: 2,
      name: "Engineering Track",
      type: "dynamic" as const,
      userIds: [] as number[],
    };
    const newHires = { id: 3, name: "New Hires", type: "static" as const, userIds: [] as number[] };
    const managers = { id: 4, name: "People Managers", type: "static" as const, userIds: [] as number[] };
    const awareness = {
      id: 5,
      name: `Security Awareness ${year}`,
      type: "static" as const,
      userIds: [] as number[],
    };
    const contractors = { id: 6, name: "Contractors", type: "static" as const, userIds: [] as number[] };
    groups.push(allEmployees, engineering, newHires, managers, awareness, contractors);

    drafts.forEach((draft, i) => {
      const user = users[i]!;
      if (draft.orphan === "contractor" || draft.orphan === "personal") external.userIds.push(user.user_id);
      else if (draft.department >= 0) byDept.get(draft.department)!.userIds.push(user.user_id);
      else root.userIds.push(user.user_id);
      const at = user.email.lastIndexOf("@");
      const domain = user.email
        .slice(at + 1)
        .trim()
        .toLowerCase();
      if (user.status === "1" && companyDomains.has(domain) && draft.orphan === null)
        allEmployees.userIds.push(user.user_id);
      if (draft.department >= 0 && DEPARTMENTS[draft.department]!.name === "Engineering") {
        engineering.userIds.push(user.user_id);
      }
      if (draft.owner >= 0 && ctx.hr.startMs[draft.owner]! > ctx.asOfMs - 180 * DAY_MS)
        newHires.userIds.push(user.user_id);
      if (draft.owner >= 0 && ctx.hr.isManager[draft.owner]) managers.userIds.push(user.user_id);
      if (user.status === "1" && rng.chance(0.3)) awareness.userIds.push(user.user_id);
      if (draft.orphan === "contractor") contractors.userIds.push(user.user_id);
    });
  }

  return {
    state: { credentials, users, branches, groups },
    externalIds: users.map((u) => String(u.user_id)),
  };
}
