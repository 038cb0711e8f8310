import type { Context, Hono } from "hono";
import { z } from "zod";
import { sendJson } from "../kit/json-fragments.ts";
import type { DoceboEnv } from "./auth.ts";
import { readBody } from "./body.ts";
import type { DoceboBranch, DoceboDirectory } from "./directory.ts";
import { DoceboHttpError, doceboError, methodNotAllowed } from "./errors.ts";
import { dataBody, listBody, listBodyJson, pageSlice, readPageRequest, readSortDir } from "./paging.ts";
import { batchResult, UserId } from "./user-writes.ts";
import { readUserSort, type UserRouteDeps } from "./users.ts";

const AssignUsers = z.object({ branch_id: UserId, user_ids: z.array(UserId).min(1) });

/** One orgchart node as listed. */
export function branchItem(branch: DoceboBranch, hasChildren: boolean) {
  return {
    id: branch.id,
    code: branch.code,
    name: branch.name,
    parent_id: branch.parent_id,
    has_children: hasChildren,
  };
}

/**
 * Branches (orgchart nodes): `GET /manage/v1/orgchart` (paged like users; `search_text` on name and code),
 * `GET /manage/v1/orgchart/{id}/users` (paged user items) and `POST /manage/v1/orgchart/assign_users`
 * `{branch_id, user_ids}` (adds; a user may sit in several branches).
 */
export function registerOrgchartRoutes(router: Hono<DoceboEnv>, deps: UserRouteDeps): void {
  const { directory, maxPageSize } = deps;

  router.get("/", (c) => {
    const req = readPageRequest(c, maxPageSize);
    const needle = c.req.query("search_text")?.trim().toLowerCase();
    const parents = new Set([...directory.branches.values()].map((b) => b.parent_id));
    const branches = [...directory.branches.values()]
      .filter(
        (b) => !needle || b.name.toLowerCase().includes(needle) || b.code.toLowerCase().includes(needle),
      )
      .sort((a, b) => a.id - b.id);
    const items = pageSlice(branches, req).map((b) => branchItem(b, parents.has(b.id)));
    return c.json(listBody(c, items, branches.length, req));
  });

  router.get("/:id{[0-9]+}/users", (c) => {
    const branchId = Number(c.req.param("id"));
    if (!directory.branches.has(branchId)) return doceboError(c, 404, "Branch not found");
    return sendJson(c, memberPage(c, directory, maxPageSize, { branchId }));
  });

  router.post("/assign_users", async (c) => {
    const body = await readBody(c, AssignUsers);
    if (!directory.branches.has(body.branch_id)) {
      throw new DoceboHttpError(400, `Invalid value for parameter "branch_id": ${body.branch_id}`);
    }
    const results = [...new Set(body.user_ids)].map((id) => {
      if (!directory.users.has(id)) return batchResult(id, false, "User not found");
      directory.assignToBranch(body.branch_id, id);
      return batchResult(id, true);
    });
    return c.json(dataBody(results));
  });

  router.all("/", methodNotAllowed(["GET"]));
  router.all("/:id{[0-9]+}/users", methodNotAllowed(["GET"]));
  router.all("/assign_users", methodNotAllowed(["POST"]));
}

/** A page of user items of one branch or group (sorted and paged like `GET /manage/v1/user`), as UTF-8 JSON. */
export function memberPage(
  c: Context,
  directory: DoceboDirectory,
  maxPageSize: number,
  scope: { branchId?: number; groupId?: number },
) {
  const req = readPageRequest(c, maxPageSize);
  const sortAttr = readUserSort(c.req.query("sort_attr"));
  const descending = readSortDir(c) === "desc";
  const ids = directory.userView({ sortAttr, ...scope });
  const items = pageSlice(ids, req, descending).map((id) => directory.userItemJson(id)!);
  return listBodyJson(c, items, ids.length, req);
}
