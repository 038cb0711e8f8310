/**
 * The fewest requests a full read of each app can take, from the world state the sandboxes serve: for every list
 * endpoint roster needs (accounts, groups and memberships), Σ pages at the endpoint's largest page size.
 *
 * How a walk can end decides the last page: an API that says where the list ends (a total, `has_more_data`, a null
 * `links.next`) needs ceil(records ÷ page size) pages, at least one; an API that answers a bare array (Podio,
 * ProofHub) can only end on a short page, so a list that fills its last page exactly needs one more, empty page:
 * floor(records ÷ page size) + 1. Token requests are not API calls against the budget and are not counted.
 */
import type { AppName, World } from "../src/sandbox/world/types.ts";

export interface EndpointMinimum {
  app: AppName;
  /** `GET /space/{id}/member/`: ids replaced by `{id}`, as `endpointOf` labels requests. */
  endpoint: string;
  /** Lists behind this endpoint (one per space, branch, group; 1 for a top-level list). */
  lists: number;
  records: number;
  /** Largest page the endpoint serves; `Infinity` for an unpaged list. */
  pageSize: number;
  minimum: number;
}

export type MinimumRequests = EndpointMinimum[];

/**
 * `known`: the answer says where the list ends; `short-page`: only a short page does; `counted`: the parent
 * listing already gave the size (Docebo's `members_count`), so an empty list costs no request at all.
 */
type Ending = "known" | "short-page" | "counted";

function pages(records: number, pageSize: number, ending: Ending): number {
  if (ending === "counted")
    return Number.isFinite(pageSize) ? Math.ceil(records / pageSize) : Math.min(1, records);
  if (!Number.isFinite(pageSize)) return 1;
  return ending === "known" ? Math.max(1, Math.ceil(records / pageSize)) : Math.floor(records / pageSize) + 1;
}

function endpoint(
  app: AppName,
  path: string,
  listSizes: number[],
  pageSize: number,
  ending: Ending,
): EndpointMinimum {
  return {
    app,
    endpoint: path,
    lists: listSizes.length,
    records: listSizes.reduce((sum, n) => sum + n, 0),
    pageSize,
    minimum: listSizes.reduce((sum, n) => sum + pages(n, pageSize, ending), 0),
  };
}

/** The endpoints each connector reads, with the minimum pages for this world. */
export function minimumRequests(world: World): MinimumRequests {
  const { productboard, productive, proofhub, podio, docebo } = world.apps;
  return [
    // REST members (cursor paging, 100 fixed, `links.next` null on the last page); teams from SCIM Groups
    // (members inline, `count` up to the engine's maxResults of 1,000).
    endpoint("productboard", "GET /v2/members", [productboard.members.length], 100, "known"),
    endpoint("productboard", "GET /scim/v2/Groups", [productboard.teams.length], 1000, "known"),
    // People of type 1 (users; contacts and placeholders are not accounts) and their logins, 200 per page,
    // `meta.total_pages` says where it ends. Roles come from the config (no endpoint lists them).
    endpoint(
      "productive",
      "GET /api/v2/people",
      [productive.people.filter((p) => p.person_type === 1).length],
      200,
      "known",
    ),
    endpoint("productive", "GET /api/v2/users", [productive.users.length], 200, "known"),
    // Bare arrays, 100 per page; people carry their groups and projects, so memberships need no more calls.
    endpoint("proofhub", "GET /api/v3/people", [proofhub.people.length], 100, "short-page"),
    endpoint("proofhub", "GET /api/v3/projects", [proofhub.projects.length], 100, "short-page"),
    endpoint("proofhub", "GET /api/v3/groups", [proofhub.groups.length], 100, "short-page"),
    // People carry only a role id: the role list (unpaged) says which roles are admin-like.
    endpoint("proofhub", "GET /api/v3/roles", [proofhub.roles.length], Number.POSITIVE_INFINITY, "known"),
    // Org members (bare array, limit ≤ 100), the spaces (one unpaged list), each space's members in one
    // unpaged request (`GET /space/{id}/member/`).
    endpoint("podio", "GET /org/{id}/member/", [podio.members.length], 100, "short-page"),
    endpoint("podio", "GET /org/{id}/space/", [podio.spaces.length], Number.POSITIVE_INFINITY, "known"),
    endpoint(
      "podio",
      "GET /space/{id}/member/",
      podio.spaces.map((s) => s.members.length),
      Number.POSITIVE_INFINITY,
      "known",
    ),
    // Every list pages at 200 and says `has_more_data`. Branch items carry no member count (one request each, even
    // when empty); group items carry `members_count`, so an empty group needs none.
    endpoint("docebo", "GET /manage/v1/user", [docebo.users.length], 200, "known"),
    endpoint("docebo", "GET /manage/v1/orgchart", [docebo.branches.length], 200, "known"),
    endpoint(
      "docebo",
      "GET /manage/v1/orgchart/{id}/users",
      docebo.branches.map((b) => b.userIds.length),
      200,
      "known",
    ),
    endpoint("docebo", "GET /manage/v1/group", [docebo.groups.length], 200, "known"),
    endpoint(
      "docebo",
      "GET /manage/v1/group/{id}/members",
      docebo.groups.map((g) => g.userIds.length),
      200,
      "counted",
    ),
  ];
}

/** `GET /space/{id}/member/` for `GET /space/17/member/?limit=100`: the label minimum requests are keyed by. */
export function endpointOf(method: string, url: string): string {
  const path = new URL(url).pathname.replace(/\/\d+(?=\/|$)/g, "/{id}");
  return `${method.toUpperCase()} ${path}`;
}
