import type { EngineContext, RequestScope, ResourceRules } from "../engine-context.ts";
import { nowIso } from "../engine-context.ts";
import { uniqueness } from "../errors.ts";
import { isObject, type Json } from "../json.ts";
import { nextVersion } from "../resource-view.ts";
import { ENTERPRISE_USER_SCHEMA } from "../schemas.ts";
import type { ScimResource } from "../store.ts";

/** Name shown for a user in `members[].display` and `manager.displayName`. */
export function userDisplay(user: ScimResource): string | undefined {
  const display = user.displayName ?? user.userName;
  return typeof display === "string" ? display : undefined;
}

/** Every group listing `userId` as a member, via the store's filter (`members.value eq id`). */
export async function groupsOf(context: EngineContext, userId: string): Promise<ScimResource[]> {
  const result = await context.store.query("Group", {
    filter: { op: "eq", path: { name: "members", sub: "value" }, value: userId },
    startIndex: 1,
    count: 100_000,
  });
  return result.resources;
}

/**
 * User rules: `userName` unique in any letter case (409 `uniqueness`), `manager.displayName` filled from the
 * manager's User, group `members[].display` kept in step when a user's display name changes, and membership
 * removed from every group when a user is deleted.
 */
export function userRules(context: EngineContext): ResourceRules {
  const { store } = context;

  async function rewriteGroups(userId: string, change: (members: Json[]) => Json[]): Promise<void> {
    for (const group of await groupsOf(context, userId)) {
      const members = Array.isArray(group.members) ? group.members.filter(isObject) : [];
      const next: ScimResource = {
        ...group,
        meta: {
          ...group.meta,
          lastModified: nowIso(context.clock),
          version: nextVersion(group.meta.version),
        },
      };
      const changed = change(members);
      if (changed.length > 0) next.members = changed;
      else delete next.members;
      await store.replace("Group", next);
    }
  }

  return {
    async prepare(resource, previous) {
      const userName = String(resource.userName);
      if (!previous || String(previous.userName).toLowerCase() !== userName.toLowerCase()) {
        const found = await store.query("User", {
          filter: { op: "eq", path: { name: "userName" }, value: userName },
          startIndex: 1,
          count: 2,
        });
        if (found.resources.some((other) => other.id !== resource.id)) {
          throw uniqueness(
            `userName '${userName}' is already taken (userName is compared case-insensitively)`,
          );
        }
      }
      const enterprise = resource[ENTERPRISE_USER_SCHEMA];
      if (isObject(enterprise) && isObject(enterprise.manager)) {
        const manager = { ...enterprise.manager };
        delete manager.displayName;
        const managerUser =
          manager.value === resource.id
            ? resource
            : typeof manager.value === "string"
              ? await store.get("User", manager.value)
              : undefined;
        const display = managerUser && userDisplay(managerUser);
        if (display !== undefined) manager.displayName = display;
        return { ...resource, [ENTERPRISE_USER_SCHEMA]: { ...enterprise, manager } };
      }
      return resource;
    },

    async afterWrite(stored, previous) {
      const display = userDisplay(stored);
      if (!previous || userDisplay(previous) === display) return;
      await rewriteGroups(stored.id, (members) =>
        members.map((member) => (member.value === stored.id ? { ...member, display } : member)),
      );
    },

    async beforeDelete(previous: ScimResource, _scope: RequestScope) {
      await rewriteGroups(previous.id, (members) => members.filter((member) => member.value !== previous.id));
    },
  };
}
