import type { Hono } from "hono";
import type { SandboxContext } from "../kit/context.ts";
import { sendJson } from "../kit/json-fragments.ts";
import type { DoceboEnv } from "./auth.ts";
import { type DoceboDirectory, USER_SORT_ATTRS, type UserSortAttr } from "./directory.ts";
import { applyUserDrift } from "./drift.ts";
import { DoceboHttpError, doceboError } from "./errors.ts";
import { dataBody, listBodyJson, pageSlice, readInt, readPageRequest, readSortDir } from "./paging.ts";
import { userDetail } from "./user-item.ts";

export interface UserRouteDeps {
  ctx: SandboxContext;
  directory: DoceboDirectory;
  maxPageSize: number;
  /** The password-grant user; page drift never removes it. */
  adminUsername: string;
}

/** `sort_attr` (default `user_id`); unknown attributes are a 400. */
export function readUserSort(value: string | undefined): UserSortAttr {
  const attr = value === undefined || value === "" ? "user_id" : value;
  if (!(USER_SORT_ATTRS as readonly string[]).includes(attr)) {
    throw new DoceboHttpError(400, `Invalid value for parameter "sort_attr": ${attr}`);
  }
  return attr as UserSortAttr;
}

/**
 * `GET /manage/v1/user` — `page`, `page_size`, `sort_attr`, `sort_dir`, `search_text` (username, e-mail or full
 * name, case-insensitive substring), `branch_id`, `get_total_count`. Suspended users are listed too (`status`
 * `"0"`). `GET /manage/v1/user/{id}` — one user under `data.user_data`.
 */
export function registerUserReads(router: Hono<DoceboEnv>, deps: UserRouteDeps): void {
  const { ctx, directory, maxPageSize } = deps;

  router.get("/", (c) => {
    const req = readPageRequest(c, maxPageSize);
    const sortAttr = readUserSort(c.req.query("sort_attr"));
    const descending = readSortDir(c) === "desc";
    const branchId = readInt(c, "branch_id");
    const searchText = c.req.query("search_text")?.trim() || undefined;
    const ids = directory.userView({ sortAttr, branchId, searchText });
    const served = pageSlice(ids, req, descending);
    const items = served.map((id) => directory.userItemJson(id)!);
    // Serialized before drift removes any of these users.
    const body = listBodyJson(c, items, ids.length, req);
    applyUserDrift(ctx, directory, served, req.page, deps.adminUsername);
    return sendJson(c, body);
  });

  router.get("/:id{[0-9]+}", (c) => {
    const user = directory.users.get(Number(c.req.param("id")));
    if (!user) return doceboError(c, 404, "User not found");
    return c.json(dataBody(userDetail(directory, user)));
  });
}
