import type { Group } from "../../../core/account.ts";
import type { DoceboBranchItem, DoceboGroupItem } from "../types.ts";

/** An orgchart node → a group of kind `branch`, under its parent branch. Branches are never rule-based here. */
export function branchToGroup(app: string, branch: DoceboBranchItem): Group {
  const name = branch.name?.trim() || branch.code?.trim() || `branch ${branch.id}`;
  return {
    app,
    externalId: String(branch.id),
    kind: "branch",
    name,
    dynamic: false,
    parentExternalId:
      branch.parent_id === null || branch.parent_id === undefined ? null : String(branch.parent_id),
    raw: branch,
  };
}

/** A dynamic (rule-based) group's members follow its rules: the platform refuses direct enrollment and removal. */
export function isDynamicGroup(group: DoceboGroupItem): boolean {
  return group.type?.trim().toLowerCase() === "dynamic";
}

/** `members_count` as a number, or undefined when the list item does not say. */
export function memberCount(group: DoceboGroupItem): number | undefined {
  const count = group.members_count;
  return count === null || count === undefined ? undefined : Number(count);
}

/** A group → a group of kind `group`; `dynamic` from its type. */
export function groupToGroup(app: string, group: DoceboGroupItem): Group {
  return {
    app,
    externalId: String(group.group_id),
    kind: "group",
    name: group.name?.trim() || `group ${group.group_id}`,
    dynamic: isDynamicGroup(group),
    parentExternalId: null,
    raw: group,
  };
}
