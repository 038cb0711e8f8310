import type { Context, Hono } from "hono";
import { z } from "zod";
import { sendJson } from "../kit/json-fragments.ts";
import type { DoceboEnv } from "./auth.ts";
import { readBody } from "./body.ts";
import type { DoceboGroup } from "./directory.ts";
import { DoceboHttpError, doceboError, methodNotAllowed } from "./errors.ts";
import { memberPage } from "./orgchart.ts";
import { dataBody, listBody, pageSlice, readPageRequest } from "./paging.ts";
import { batchResult, UserId } from "./user-writes.ts";
import type { UserRouteDeps } from "./users.ts";

const Members = z.object({ user_ids: z.array(UserId).min(1) });

export function groupItem(group: DoceboGroup) {
  return { group_id: group.id, name: group.name, type: group.type, members_count: group.userIds.size };
}

/** Membership of a dynamic group follows its rules; the platform refuses direct enrollment and removal. */
export const DYNAMIC_GROUP_MESSAGE =
  "Users cannot be added to or removed from a dynamic group: its membership is rule-based";

/**
 * Groups: `GET /manage/v1/group` (paged; `type=static|dynamic`, `search_text` on the name),
 * `GET /manage/v1/group/{id}/members` (paged user items), and direct enrollment `POST /manage/v1/group/{id}/members`
 * / removal `DELETE /manage/v1/group/{id}/members`, both `{user_ids}` — 400 on a dynamic group.
 */
export function registerGroupRoutes(router: Hono<DoceboEnv>, deps: UserRouteDeps): void {
  const { directory, maxPageSize } = deps;

  router.get("/", (c) => {
    const req = readPageRequest(c, maxPageSize);
    const type = c.req.query("type");
    if (type !== undefined && type !== "" && type !== "static" && type !== "dynamic") {
      throw new DoceboHttpError(400, `Invalid value for parameter "type": ${type}`);
    }
    const needle = c.req.query("search_text")?.trim().toLowerCase();
    const groups = [...directory.groups.values()]
      .filter((g) => (!type || g.type === type) && (!needle || g.name.toLowerCase().includes(needle)))
      .sort((a, b) => a.id - b.id);
    return c.json(listBody(c, pageSlice(groups, req).map(groupItem), groups.length, req));
  });

  router.get("/:id{[0-9]+}/members", (c) => {
    const groupId = Number(c.req.param("id"));
    if (!directory.groups.has(groupId)) return doceboError(c, 404, "Group not found");
    return sendJson(c, memberPage(c, directory, maxPageSize, { groupId }));
  });

  const changeMembers = (member: boolean) => async (c: Context<DoceboEnv>) => {
    const group = directory.groups.get(Number(c.req.param("id")));
    if (!group) return doceboError(c, 404, "Group not found");
    const { user_ids } = await readBody(c, Members);
    if (group.type === "dynamic") return doceboError(c, 400, DYNAMIC_GROUP_MESSAGE);
    const known = [...new Set(user_ids)].filter((id) => directory.users.has(id));
    directory.setGroupMembership(group.id, known, member);
    const results = [...new Set(user_ids)].map((id) =>
      directory.users.has(id) ? batchResult(id, true) : batchResult(id, false, "User not found"),
    );
    return c.json(dataBody(results));
  };
  router.post("/:id{[0-9]+}/members", changeMembers(true));
  router.delete("/:id{[0-9]+}/members", changeMembers(false));

  router.all("/", methodNotAllowed(["GET"]));
  router.all("/:id{[0-9]+}/members", methodNotAllowed(["GET", "POST", "DELETE"]));
}
