import type { Context, Hono } from "hono";
import { z } from "zod";
import type { DoceboUser } from "../world/types.ts";
import type { DoceboEnv } from "./auth.ts";
import { readBody } from "./body.ts";
import type { DoceboDirectory, NewDoceboUser } from "./directory.ts";
import { DoceboHttpError, doceboError } from "./errors.ts";
import { dataBody } from "./paging.ts";
import type { UserRouteDeps } from "./users.ts";

/** PHP clients send ids and flags as strings as often as numbers; both are accepted. */
export const UserId = z.union([z.number().int().positive(), z.string().regex(/^\d+$/).transform(Number)]);
const Flag = z
  .union([z.enum(["0", "1"]), z.literal(0), z.literal(1), z.boolean()])
  .transform((v): "0" | "1" => (v === true || v === "1" || v === 1 ? "1" : "0"));
const DateOnly = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "expected YYYY-MM-DD");

/** Request names differ from the response's: `userid`, `firstname`, `lastname` (api-facts.md). */
const UserFields = z.object({
  userid: z.string().trim().min(1),
  email: z.email(),
  firstname: z.string(),
  lastname: z.string(),
  password: z.string().min(1),
  level: z.enum(["godadmin", "poweruser", "user"]),
  /** `1` active, `0` suspended. */
  valid: Flag,
  language: z.string().min(1),
  expiration_date: DateOnly.nullable(),
  manager_id: UserId.nullable(),
  send_notification_email: Flag,
});
const CreateUser = UserFields.partial().required({ userid: true, email: true });
const UpdateUser = UserFields.partial();
const UserIds = z.object({ user_ids: z.array(UserId).min(1) });
const ChangeStatus = UserIds.extend({ status: z.union([z.enum(["0", "1"]), z.literal(0), z.literal(1)]) });

type UserFields = z.infer<typeof UpdateUser>;

/** One row of a batch answer (`delete`, `change_status`, `assign_users`, group members). */
export interface BatchResult {
  user_id: number;
  success: boolean;
  message?: string;
}

export function batchResult(userId: number, success: boolean, message?: string): BatchResult {
  return { user_id: userId, success, ...(message ? { message } : {}) };
}

/**
 * Writes on `/manage/v1/user`: create, update (PUT and PATCH, both partial), batch delete with a JSON body, and
 * batch suspend / reactivate.
 */
export function registerUserWrites(router: Hono<DoceboEnv>, deps: UserRouteDeps): void {
  const { ctx, directory } = deps;

  router.post("/", async (c) => {
    const body = await readBody(c, CreateUser);
    checkUnique(directory, body);
    const user = directory.createUser({
      username: body.userid,
      first_name: body.firstname ?? "",
      last_name: body.lastname ?? "",
      email: body.email,
      status: body.valid ?? "1",
      level: body.level ?? "user",
      creation_date: ctx.nowIso(),
      last_access_date: null,
      expiration_date: toIsoDate(body.expiration_date),
      language: body.language ?? "english",
      manager_id: checkManager(directory, body.manager_id, undefined) ?? null,
    });
    if (body.send_notification_email === "1") {
      ctx.recordInvitation(user.email, "welcome", { user_id: user.user_id, username: user.username });
    }
    return c.json(dataBody({ user_id: user.user_id }));
  });

  // A maintained connector updates with PATCH, the docs say PUT: both are partial updates.
  const update = async (c: Context<DoceboEnv>) => {
    const id = Number(c.req.param("id"));
    if (!directory.users.has(id)) return doceboError(c, 404, "User not found");
    const body = await readBody(c, UpdateUser);
    checkUnique(directory, body, id);
    const patch: Partial<NewDoceboUser> = {
      username: body.userid,
      first_name: body.firstname,
      last_name: body.lastname,
      email: body.email,
      status: body.valid,
      level: body.level,
      language: body.language,
      expiration_date: body.expiration_date === undefined ? undefined : toIsoDate(body.expiration_date),
      manager_id: checkManager(directory, body.manager_id, id),
    };
    directory.updateUser(id, patch);
    return c.json(dataBody({ success: true, user_id: id }));
  };
  router.put("/:id{[0-9]+}", update);
  router.patch("/:id{[0-9]+}", update);

  // The real endpoint deletes (api-facts.md); the seed guide's soft delete is not emulated.
  router.delete("/delete", async (c) => {
    const { user_ids } = await readBody(c, UserIds);
    const results = unique(user_ids).map((id) =>
      directory.deleteUser(id) ? batchResult(id, true) : batchResult(id, false, "User not found"),
    );
    return c.json(dataBody(results));
  });

  router.put("/change_status", async (c) => {
    const body = await readBody(c, ChangeStatus);
    const status = String(body.status) as DoceboUser["status"];
    const results = unique(body.user_ids).map((id) =>
      directory.updateUser(id, { status }) ? batchResult(id, true) : batchResult(id, false, "User not found"),
    );
    return c.json(dataBody(results));
  });
}

function checkUnique(directory: DoceboDirectory, body: UserFields, self?: number): void {
  if (body.userid !== undefined && directory.usernameTaken(body.userid, self)) {
    throw new DoceboHttpError(400, `Username "${body.userid}" already exists`);
  }
  if (body.email !== undefined && directory.emailTaken(body.email, self)) {
    throw new DoceboHttpError(400, `Email "${body.email}" is already used by another user`);
  }
}

function checkManager(directory: DoceboDirectory, managerId: number | null | undefined, self?: number) {
  if (managerId === undefined || managerId === null) return managerId;
  if (managerId === self || !directory.users.has(managerId)) {
    throw new DoceboHttpError(400, `Invalid value for parameter "manager_id": ${managerId}`);
  }
  return managerId;
}

function toIsoDate(date: string | null | undefined): string | null {
  return date ? `${date}T00:00:00.000Z` : null;
}

function unique(ids: readonly number[]): number[] {
  return [...new Set(ids)];
}
