/**
 * Productboard REST v2 member endpoints. The SCIM side (`/scim/v2`, its own token) is read through the shared
 * SCIM reader (src/connectors/scim/reader.ts).
 */
import { cursorPages, type HttpClient, type Page, parseResponse } from "../../http/index.ts";
import { type ProductboardMember, ProductboardMemberResponse, ProductboardMembersPage } from "./types.ts";

/** Members per `GET /v2/members` page: fixed by the server (the API takes no page-size parameter). */
export const PRODUCTBOARD_PAGE_SIZE = 100;

/** 50 requests per second per token, REST and SCIM alike (api-facts.md; the seed's 1,000/min is outdated). */
export const PRODUCTBOARD_RATE_LIMIT = { limit: 50, windowMs: 1000 };

/**
 * GET /v2/members (https://developer.productboard.com/v2.0.0/reference, Members) — every member, oldest first. Disabled and
 * invited members are hidden unless asked for (both default false). The walk follows `links.next`; a cursor
 * handed back twice (the community-reported last page that links to the first cursor) stops it with an
 * `HttpError` code `invalid`, so the sync treats the listing as incomplete.
 */
export function listMembers(client: HttpClient): AsyncGenerator<Page<ProductboardMember>, void, undefined> {
  return cursorPages(client, {
    path: "/v2/members",
    query: { includeDisabled: true, includeInvited: true },
    schema: ProductboardMembersPage,
    items: (body) => body.data,
    next: (body) => body.links?.next,
    cursorParam: "pageCursor",
    request: { operation: "list members" },
  });
}

/**
 * GET /v2/members/{id} (https://developer.productboard.com/v2.0.0/reference, Members) — one member, disabled and
 * invited ones too; null on 404.
 */
export async function getMember(client: HttpClient, id: string): Promise<ProductboardMember | null> {
  const path = `/v2/members/${encodeURIComponent(id)}`;
  const operation = "get member";
  const response = await client.request({ method: "GET", path, acceptStatus: [404], operation });
  if (response.status === 404) return null;
  const body = parseResponse(ProductboardMemberResponse, response.body, {
    app: client.app,
    method: "GET",
    path,
    status: response.status,
    operation,
  });
  return body.data;
}
