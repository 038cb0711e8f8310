/**
 * Organization members. https://developers.podio.com/doc/organizations
 *
 * - `GET /org/{org_id}/member/` — org admins only; a **bare JSON array**, no total: page with `limit`/`offset`
 *   until a short page. Includes invited and inactive members. `sort_by` (`name` | `last_seen_on`), `sort_desc`,
 *   `query` (name or mail contains), `member_type`. Page drift applies here (see `drift.ts`).
 * - `GET /org/{org_id}/member/{user_id}` — one member, with `tier` and `spaces`.
 * - `DELETE /org/{org_id}/member/{user_id}` — ends the membership and every space membership in the org; 204.
 *   Irreversible (re-inviting by mail brings the same account back as `invited`). The last active admin cannot
 *   be removed (403). A "rate limited" operation: it also counts against the 250/h budget.
 */
import type { Hono } from "hono";
import { jsonBytes, rawJsonArray, sendJson } from "../kit/json-fragments.ts";
import { authenticated, requireOrg, requireOrgAdmin } from "./auth.ts";
import { applyDrift } from "./drift.ts";
import type { PodioDeps, PodioEnv } from "./env.ts";
import { forbidden, notFound } from "./errors.ts";
import type { MemberOrder } from "./member-order.ts";
import { type MemberRecord, memberMatchesText } from "./member-record.ts";
import { boolQuery, enumQuery, intQuery } from "./params.ts";
import { chargeRestricted } from "./rate-limits.ts";
import { orgMemberDetailView } from "./views.ts";

/** `member_type` filter values: an org role, or employee / external (not on the org's own domain). */
const MEMBER_TYPES = ["admin", "regular", "light", "employee", "external"] as const;
type MemberType = (typeof MEMBER_TYPES)[number];

interface MemberFilter {
  query: string | undefined;
  memberType: MemberType | undefined;
}

function matches(member: MemberRecord, filter: MemberFilter): boolean {
  if (filter.query && !memberMatchesText(member, filter.query)) return false;
  switch (filter.memberType) {
    case undefined:
      return true;
    case "employee":
      return member.employee;
    case "external":
      return !member.employee;
    default:
      return member.role === filter.memberType;
  }
}

/** A filtered page: walks the sorted order until `offset + limit` matches, so cost grows with how far it reads. */
function filteredPage(
  order: MemberOrder,
  filter: MemberFilter,
  offset: number,
  limit: number,
  descending: boolean,
): MemberRecord[] {
  const out: MemberRecord[] = [];
  let skipped = 0;
  for (let i = 0; i < order.length && out.length < limit; i += 1) {
    const member = order.at(i, descending)!;
    if (!matches(member, filter)) continue;
    if (skipped < offset) skipped += 1;
    else out.push(member);
  }
  return out;
}

export function orgMemberRoutes(app: Hono<PodioEnv>, deps: PodioDeps): void {
  const { store, settings } = deps;
  const auth = authenticated(deps);

  app.get("/org/:org_id{[0-9]+}/member/", auth, (c) => {
    requireOrg(deps, c.req.param("org_id"));
    requireOrgAdmin(deps, c.get("caller"));
    const limit = intQuery(c, "limit", {
      default: settings.orgMemberDefaultLimit,
      min: 1,
      max: settings.maxLimit,
    });
    const offset = intQuery(c, "offset", { default: 0, min: 0 });
    const sortBy = enumQuery(c, "sort_by", ["name", "last_seen_on"] as const) ?? "name";
    const descending = boolQuery(c, "sort_desc", false);
    const filter: MemberFilter = {
      query: c.req.query("query")?.trim().toLowerCase() || undefined,
      memberType: enumQuery(c, "member_type", MEMBER_TYPES),
    };
    const order = sortBy === "name" ? store.byName : store.byLastSeen;
    const page =
      filter.query || filter.memberType
        ? filteredPage(order, filter, offset, limit, descending)
        : order.page(offset, limit, descending);
    const body = jsonBytes(rawJsonArray(page.map((member) => store.orgMemberJson(member))));
    applyDrift(deps.ctx, store, page, { path: c.req.path, offset });
    return sendJson(c, body);
  });

  app.get("/org/:org_id{[0-9]+}/member/:user_id{[0-9]+}", auth, (c) => {
    requireOrg(deps, c.req.param("org_id"));
    requireOrgAdmin(deps, c.get("caller"));
    const member = store.member(Number(c.req.param("user_id")));
    if (!member) throw notFound();
    return c.json(orgMemberDetailView(member, store));
  });

  app.delete("/org/:org_id{[0-9]+}/member/:user_id{[0-9]+}", auth, chargeRestricted(deps), (c) => {
    requireOrg(deps, c.req.param("org_id"));
    requireOrgAdmin(deps, c.get("caller"));
    const member = store.member(Number(c.req.param("user_id")));
    if (!member) throw notFound();
    if (store.isActiveAdmin(member.user_id) && store.activeAdminCount <= 1) {
      throw forbidden("The last administrator of the organization cannot be removed");
    }
    store.removeMember(member.user_id);
    return c.body(null, 204);
  });
}
