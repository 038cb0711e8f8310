import type { Group } from "../../../core/account.ts";
import type { ProofhubGroup, ProofhubProject } from "../types.ts";
import type { RoleInfo } from "./roles.ts";

/** A project → group kind `project` (ProofHub projects are what people are assigned to for work). */
export function projectToGroup(app: string, project: ProofhubProject): Group {
  return {
    app,
    externalId: String(project.id),
    kind: "project",
    name: project.title?.trim() || `Project ${project.id}`,
    dynamic: false,
    parentExternalId: null,
    raw: project,
  };
}

/** A people group (`GET groups`) → group kind `group`. */
export function groupToGroup(app: string, group: ProofhubGroup): Group {
  return {
    app,
    externalId: String(group.id),
    kind: "group",
    name: group.name?.trim() || `Group ${group.id}`,
    dynamic: false,
    parentExternalId: null,
    raw: group,
  };
}

/** An account role (`GET roles`) → group kind `role`, so "who holds Owner" is a membership like any other. */
export function roleToGroup(app: string, role: RoleInfo): Group {
  return {
    app,
    externalId: role.id,
    kind: "role",
    name: role.name,
    dynamic: false,
    parentExternalId: null,
    raw: role.raw,
  };
}
