/**
 * Reading a SCIM 2.0 service provider (RFC 7644): `/ServiceProviderConfig` once for the page size, `/Users` and
 * `/Groups` page by page, `/Users/{id}` for one account. Shared by the generic SCIM connector and the Productboard
 * connector's SCIM mode; give it an `HttpClient` whose `baseUrl` is the SCIM base (`https://host/scim/v2`) and
 * whose auth is the SCIM token.
 */
import type { z } from "zod";
import { type HttpClient, isHttpError, type Page, parseResponse, scimPages } from "../../http/index.ts";
import { ScimGroup, ScimServiceProviderConfig, ScimUser } from "./types.ts";

/** Page size when the server does not advertise `filter.maxResults` (and the RFC's customary default). */
export const DEFAULT_SCIM_COUNT = 100;
/** Never ask for more than this per page, whatever a server advertises: bounds response size and memory. */
export const MAX_SCIM_COUNT = 1000;

export interface ScimReaderOptions {
  /**
   * Ask `/ServiceProviderConfig` for `filter.maxResults` before the first listing (one request per reader) and
   * page with it. Default true: on a server capping at 1,000 it turns 10 pages of 100 into one, so it pays for
   * itself from the second page on. False pages with `defaultCount` without asking.
   */
  discoverPageSize?: boolean;
  /** Page size when discovery is off or the server advertises none. Default 100. */
  defaultCount?: number;
}

/** How the page size was decided, for describe() and the docs. */
export interface ScimPageSize {
  count: number;
  source: "serviceProviderConfig" | "default";
}

export interface ScimReader {
  /** The page size (`count`) every listing uses; asks `/ServiceProviderConfig` once, on first use. */
  pageSize(): Promise<ScimPageSize>;
  /** Every User, page by page (`startIndex` / `count`, de-duplicated by id). */
  users(): AsyncGenerator<Page<ScimUser>, void, undefined>;
  /** Every Group with its members, page by page. */
  groups(): AsyncGenerator<Page<ScimGroup>, void, undefined>;
  /** One User by id, or null when the server answers 404. */
  user(id: string): Promise<ScimUser | null>;
}

export function createScimReader(client: HttpClient, options: ScimReaderOptions = {}): ScimReader {
  const defaultCount = options.defaultCount ?? DEFAULT_SCIM_COUNT;
  const discover = options.discoverPageSize ?? true;
  let decided: Promise<ScimPageSize> | undefined;

  const pageSize = (): Promise<ScimPageSize> => {
    decided ??= discover
      ? discoverPageSize(client, defaultCount)
      : Promise.resolve({ count: defaultCount, source: "default" });
    return decided;
  };

  async function* list<R extends z.ZodType<{ id: string }>>(path: string, resource: R, operation: string) {
    const { count } = await pageSize();
    yield* scimPages(client, { path, resource, count, request: { operation } });
  }

  return {
    pageSize,
    // https://www.rfc-editor.org/rfc/rfc7644#section-3.4.2 (GET /Users?startIndex=&count=)
    users: () => list("Users", ScimUser, "list users"),
    // https://www.rfc-editor.org/rfc/rfc7644#section-3.4.2 (GET /Groups?startIndex=&count=)
    groups: () => list("Groups", ScimGroup, "list groups"),
    // https://www.rfc-editor.org/rfc/rfc7644#section-3.4.1 (GET /Users/{id})
    async user(id: string): Promise<ScimUser | null> {
      const path = `Users/${encodeURIComponent(id)}`;
      const operation = "get user";
      const response = await client.request({ method: "GET", path, acceptStatus: [404], operation });
      if (response.status === 404) return null;
      return parseResponse(ScimUser, response.body, {
        app: client.app,
        method: "GET",
        path: `${client.baseUrl.pathname.replace(/\/+$/, "")}/${path}`,
        status: response.status,
        operation,
      });
    },
  };
}

/**
 * https://www.rfc-editor.org/rfc/rfc7643#section-5 (GET /ServiceProviderConfig): `filter.maxResults`, capped at
 * `MAX_SCIM_COUNT`. A server without the endpoint, or with an unreadable answer, pages with the default; the
 * listings themselves then report any real failure (a bad token fails `/Users` just the same).
 */
async function discoverPageSize(client: HttpClient, defaultCount: number): Promise<ScimPageSize> {
  try {
    // A 404 (no discovery endpoint) is an answer, not an error: its body parses without `filter`.
    const config = await client.json("GET", "ServiceProviderConfig", ScimServiceProviderConfig, {
      operation: "read service provider config",
      acceptStatus: [404],
    });
    const advertised = Number(config.filter?.maxResults);
    if (Number.isInteger(advertised) && advertised > 0) {
      return { count: Math.min(advertised, MAX_SCIM_COUNT), source: "serviceProviderConfig" };
    }
  } catch (error) {
    if (!isHttpError(error)) throw error;
  }
  return { count: defaultCount, source: "default" };
}
