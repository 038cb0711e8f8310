/**
 * Request authentication: `Authorization: OAuth2 <access_token>` (Podio's own scheme; `Bearer` only with the
 * `acceptBearer` option). Answers, all 401 in Podio's error envelope:
 * - no header or another scheme: `error: "unauthorized"`;
 * - unknown token: `error: "invalid_token", error_description: "invalid_token"`;
 * - expired token (lifetime over, or an early-expiry fault): `error: "invalid_token",
 *   error_description: "expired_token"` — the answer Podio's SDKs refresh on.
 * Then the caller's rate budget is charged (see `rate-limits.ts`), and the role checks below run per route.
 */
import type { MiddlewareHandler } from "hono";
import type { Caller, PodioDeps, PodioEnv } from "./env.ts";
import { forbidden, notFound, PodioApiError } from "./errors.ts";
import type { MemberRecord } from "./member-record.ts";
import { chargeGeneral } from "./rate-limits.ts";
import type { SpaceRecord } from "./store.ts";

const unauthorized = (error: string, description: string) => new PodioApiError(401, error, description);

/** Token check, then the general rate budget: put in front of every API route. */
export function authenticated(deps: PodioDeps): MiddlewareHandler<PodioEnv> {
  const charge = chargeGeneral(deps);
  return async (c, next) => {
    const header = c.req.header("authorization") ?? "";
    const match = /^(\S+)\s+(\S+)\s*$/.exec(header);
    const scheme = match?.[1]?.toLowerCase();
    if (!match || !(scheme === "oauth2" || (scheme === "bearer" && deps.settings.acceptBearer))) {
      throw unauthorized(
        "unauthorized",
        "Authentication required: send Authorization: OAuth2 <access_token>",
      );
    }
    const check = deps.tokens.checkAccess(match[2]!);
    if (!check.ok) throw unauthorized("invalid_token", check.reason);
    c.set("caller", { ref: check.grant.ref, clientId: check.grant.clientId });
    return charge(c, next);
  };
}

/** The org the path names; any other id is 404 (the sandbox holds one organization). */
export function requireOrg(deps: PodioDeps, orgId: string): void {
  if (Number(orgId) !== deps.store.org.org_id) throw notFound();
}

/** The caller as an active member of the org; app tokens and outsiders are refused. */
export function callerMember(deps: PodioDeps, caller: Caller): MemberRecord {
  if (caller.ref.type !== "user") {
    throw forbidden("An app token cannot access organization or space members; authenticate as a user");
  }
  const member = deps.store.member(caller.ref.id) ?? deps.store.integrationCaller(caller.ref.id);
  if (member?.status !== "active") {
    throw forbidden("The user is not a member of the organization");
  }
  return member;
}

/** Org member management is for org admins only. */
export function requireOrgAdmin(deps: PodioDeps, caller: Caller): MemberRecord {
  const member = callerMember(deps, caller);
  if (!deps.store.isActiveAdmin(member.user_id)) {
    throw forbidden("Only administrators of the organization can do this");
  }
  return member;
}

export function findSpace(deps: PodioDeps, spaceId: string): SpaceRecord {
  const space = deps.store.spaces.get(Number(spaceId));
  if (!space) throw notFound();
  return space;
}

/** Members of a space (and org admins) may read it; others get 403. */
export function requireSpaceReader(deps: PodioDeps, caller: Caller, space: SpaceRecord): MemberRecord {
  const member = callerMember(deps, caller);
  if (!deps.store.isActiveAdmin(member.user_id) && !space.members.has(member.user_id)) {
    throw forbidden("The user is not a member of the space");
  }
  return member;
}

/** Space admins and org admins may change a space's members. */
export function requireSpaceAdmin(deps: PodioDeps, caller: Caller, space: SpaceRecord): MemberRecord {
  const member = callerMember(deps, caller);
  if (!deps.store.isActiveAdmin(member.user_id) && space.members.get(member.user_id) !== "admin") {
    throw forbidden("Only administrators of the space can do this");
  }
  return member;
}
