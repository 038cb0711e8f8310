/**
 * Spaces and space members. https://developers.podio.com/doc/spaces, https://developers.podio.com/doc/space-members
 *
 * - `GET /org/{org_id}/space/` — the org's spaces (all of them for org admins, their own for other members).
 * - `GET /space/{space_id}` — one space.
 * - `GET /space/{space_id}/member/` — every member, bare array, no paging.
 * - `GET /space/{space_id}/member/v2/` — the same items paged: `limit` (default 100), `offset`.
 * - `POST /space/{space_id}/member/` `{role, users?, profiles?, mails?, message?}` — add org members by user or
 *   profile id, invite anyone else by mail (Podio mails them; the sandbox records the invitation and the invitee
 *   appears in the org as `invited`). No API creates an account outright. 204. A "rate limited" operation.
 * - `PUT /space/{space_id}/member/{user_ids}` `{role}` — change the role of members (ids comma-separated). 204.
 * - `DELETE /space/{space_id}/member/{user_ids}` — end space memberships; ids not in the space are ignored. 204.
 * Reading needs space membership or org admin; writing needs space admin or org admin.
 */
import type { Hono } from "hono";
import { z } from "zod";
import {
  authenticated,
  callerMember,
  findSpace,
  requireOrg,
  requireSpaceAdmin,
  requireSpaceReader,
} from "./auth.ts";
import type { PodioDeps, PodioEnv } from "./env.ts";
import { invalidValue, notFound } from "./errors.ts";
import type { MemberRecord, SpaceRole } from "./member-record.ts";
import { idList, intQuery, jsonBody } from "./params.ts";
import { chargeRestricted } from "./rate-limits.ts";
import type { SpaceRecord } from "./store.ts";
import { spaceMemberView, spaceView } from "./views.ts";

const SpaceRoleSchema = z.enum(["admin", "regular", "light"]);
const Ids = z.array(z.number().int().positive());

const AddMembers = z
  .object({
    role: SpaceRoleSchema,
    users: Ids.default([]),
    profiles: Ids.default([]),
    mails: z.array(z.email()).default([]),
    message: z.string().optional(),
  })
  .refine((b) => b.users.length + b.profiles.length + b.mails.length > 0, {
    message: "give at least one of users, profiles or mails",
  });

const ChangeRole = z.object({ role: SpaceRoleSchema });

function spaceMembers(deps: PodioDeps, space: SpaceRecord, userIds: readonly number[]) {
  return userIds.map((id) => spaceMemberView(deps.store.member(id)!, space.members.get(id)!));
}

export function spaceRoutes(app: Hono<PodioEnv>, deps: PodioDeps): void {
  const { store, settings, ctx } = deps;
  const auth = authenticated(deps);

  app.get("/org/:org_id{[0-9]+}/space/", auth, (c) => {
    requireOrg(deps, c.req.param("org_id"));
    const caller = callerMember(deps, c.get("caller"));
    const all = store.isActiveAdmin(caller.user_id);
    const spaces = [...store.spaces.values()]
      .filter((space) => all || space.members.has(caller.user_id))
      .sort((a, b) => a.space_id - b.space_id);
    return c.json(spaces.map((space) => spaceView(space, store, caller.user_id)));
  });

  app.get("/space/:space_id{[0-9]+}", auth, (c) => {
    const space = findSpace(deps, c.req.param("space_id"));
    const caller = requireSpaceReader(deps, c.get("caller"), space);
    return c.json(spaceView(space, store, caller.user_id));
  });

  app.get("/space/:space_id{[0-9]+}/member/", auth, (c) => {
    const space = findSpace(deps, c.req.param("space_id"));
    requireSpaceReader(deps, c.get("caller"), space);
    return c.json(spaceMembers(deps, space, space.order));
  });

  app.get("/space/:space_id{[0-9]+}/member/v2/", auth, (c) => {
    const space = findSpace(deps, c.req.param("space_id"));
    requireSpaceReader(deps, c.get("caller"), space);
    const limit = intQuery(c, "limit", {
      default: settings.spaceMemberDefaultLimit,
      min: 1,
      max: settings.maxLimit,
    });
    const offset = intQuery(c, "offset", { default: 0, min: 0 });
    return c.json(spaceMembers(deps, space, space.order.slice(offset, offset + limit)));
  });

  app.post("/space/:space_id{[0-9]+}/member/", auth, chargeRestricted(deps), async (c) => {
    const space = findSpace(deps, c.req.param("space_id"));
    const inviter = requireSpaceAdmin(deps, c.get("caller"), space);
    const body = await jsonBody(c, AddMembers);
    // Check everything before changing anything: one bad id fails the whole call.
    const known: MemberRecord[] = [];
    for (const id of body.users) {
      const member = store.member(id);
      if (!member) throw invalidValue(`User ${id} is not a member of the organization`, { users: id });
      known.push(member);
    }
    for (const id of body.profiles) {
      const member = store.memberByProfile(id);
      if (!member) throw invalidValue(`Profile ${id} is not a member of the organization`, { profiles: id });
      known.push(member);
    }
    for (const member of known) store.addSpaceMember(space, member.user_id, body.role);
    for (const mail of new Set(body.mails.map((m) => m.toLowerCase()))) {
      const member = store.memberByMail(mail) ?? inviteToOrg(deps, mail, body.role);
      store.addSpaceMember(space, member.user_id, body.role);
      ctx.recordInvitation(mail, "space-invite", {
        space_id: space.space_id,
        space: space.name,
        role: body.role,
        invited_by: inviter.user_id,
        ...(body.message ? { message: body.message } : {}),
      });
    }
    return c.body(null, 204);
  });

  app.put("/space/:space_id{[0-9]+}/member/:user_ids{[0-9]+(?:,[0-9]+)*}", auth, async (c) => {
    const space = findSpace(deps, c.req.param("space_id"));
    requireSpaceAdmin(deps, c.get("caller"), space);
    const { role } = await jsonBody(c, ChangeRole);
    const ids = idList(c.req.param("user_ids"));
    if (ids.some((id) => !space.members.has(id))) throw notFound();
    for (const id of ids) store.setSpaceRole(space, id, role);
    return c.body(null, 204);
  });

  app.delete("/space/:space_id{[0-9]+}/member/:user_ids{[0-9]+(?:,[0-9]+)*}", auth, (c) => {
    const space = findSpace(deps, c.req.param("space_id"));
    requireSpaceAdmin(deps, c.get("caller"), space);
    for (const id of idList(c.req.param("user_ids"))) store.removeSpaceMember(space, id);
    return c.body(null, 204);
  });
}

/** Somebody new to the org, invited through a space: an `invited` org member until they accept. */
function inviteToOrg(deps: PodioDeps, mail: string, spaceRole: SpaceRole): MemberRecord {
  const domain = mail.split("@")[1]?.toLowerCase() ?? "";
  const now = deps.ctx.clock.now();
  return deps.store.addMember({
    name: mail,
    mail,
    role: spaceRole === "light" ? "light" : "regular",
    employee: domain !== "" && domain === deps.store.domain,
    status: "invited",
    lastSeenMs: null,
    createdMs: now,
  });
}
