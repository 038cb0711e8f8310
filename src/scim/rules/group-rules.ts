import type { EngineContext, ResourceRules } from "../engine-context.ts";
import { invalidValue } from "../errors.ts";
import { isObject, type Json } from "../json.ts";
import type { ScimResource } from "../store.ts";
import { userDisplay } from "./user-rules.ts";

/**
 * Group rules: every member must be an existing User (400 `invalidValue` otherwise; nested groups are not
 * supported), duplicates collapse, and `display`, `type` and `$ref` are filled from the User. Members already in
 * the previous version are not looked up again, so adding one member to a large group costs one lookup.
 */
export function groupRules(context: EngineContext): ResourceRules {
  return {
    async prepare(resource, previous, scope) {
      if (!Array.isArray(resource.members)) return resource;
      const known = new Map<string, Json>();
      if (previous && Array.isArray(previous.members)) {
        for (const member of previous.members.filter(isObject)) known.set(String(member.value), member);
      }
      const members: Json[] = [];
      const seen = new Set<string>();
      for (const member of resource.members.filter(isObject)) {
        if (typeof member.value !== "string" || member.value === "") {
          throw invalidValue("Each member needs a 'value': the id of a User");
        }
        if (member.type !== undefined && member.type !== "User") {
          throw invalidValue(
            `Member '${member.value}' has type '${String(member.type)}': only Users can be members`,
          );
        }
        if (seen.has(member.value)) continue;
        seen.add(member.value);
        const earlier = known.get(member.value);
        if (earlier) {
          members.push(earlier);
          continue;
        }
        const user: ScimResource | undefined = await context.store.get("User", member.value);
        if (!user) throw invalidValue(`Member '${member.value}' is not an existing User`);
        const display = userDisplay(user);
        members.push({
          value: user.id,
          $ref: `${scope.base}/Users/${user.id}`,
          type: "User",
          ...(display !== undefined ? { display } : {}),
        });
      }
      const next: ScimResource = { ...resource };
      if (members.length > 0) next.members = members;
      else delete next.members;
      return next;
    },
    async afterWrite() {},
    async beforeDelete() {},
  };
}
