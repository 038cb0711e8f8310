/**
 * The Podio endpoints roster reads. Docs: https://developers.podio.com/doc (facts in ../shared/api-facts.md win
 * over the seed guide). The API is served at the origin root (`https://api.podio.com`); every call carries
 * `Authorization: OAuth2 <access_token>` — Podio's own scheme, not `Bearer`.
 */
import type { Logger } from "pino";
import {
  type Clock,
  createHttpClient,
  type FetchLike,
  type HttpClient,
  HttpError,
  isHttpError,
  oauth2,
  offsetPages,
  type RateWindow,
  type Sleep,
} from "../../http/index.ts";
import { type PodioCredentials, podioGrant, podioTokenUrl } from "./credentials.ts";
import {
  PodioOrgMemberDetail,
  PodioOrgMemberPage,
  PodioSpaceList,
  type PodioSpaceMember,
  PodioSpaceMemberPage,
} from "./types.ts";

const HOUR_MS = 3_600_000;

/** 1,000 calls per hour per user per API key (client id) [C]. No reset header: Podio's window is its own. */
export const PODIO_BUDGET: RateWindow = { limit: 1000, windowMs: HOUR_MS };
/**
 * 250 per hour for the operations Podio marks "rate limited" (removing org members, adding space members) [C].
 * roster only reads, so the read client is paced on `PODIO_BUDGET`; writes will share a second window.
 */
export const PODIO_RESTRICTED_BUDGET: RateWindow = { limit: 250, windowMs: HOUR_MS };
/** Largest `limit` of the org member list [seed, I]: more is a 400, never a silent clamp. */
export const PODIO_MAX_PAGE_SIZE = 100;

export interface PodioApiOptions {
  app: string;
  /** Origin of the API (`https://api.podio.com`). */
  baseUrl: string;
  orgId: number;
  credentials: PodioCredentials;
  /** `form`: `POST /oauth/token` as the official SDKs send it (default); `json`: `POST /oauth/token/v2`. */
  tokenFormat?: "form" | "json";
  windows?: readonly RateWindow[];
  concurrency?: number;
  timeoutMs?: number;
  /** Org member page size; at most 100. */
  pageSize?: number;
  /**
   * Space members: `undefined` (default) reads `GET /space/{id}/member/` — every member in one request per space;
   * a number pages `GET /space/{id}/member/v2/` with that `limit` (at most 100).
   */
  spaceMemberPageSize?: number;
  fetch?: FetchLike;
  logger?: Logger;
  clock?: Clock;
  sleep?: Sleep;
}

export class PodioApi {
  readonly http: HttpClient;
  readonly orgId: number;
  readonly pageSize: number;
  readonly spaceMemberPageSize: number | undefined;
  private readonly credentials: PodioCredentials;

  constructor(options: PodioApiOptions) {
    this.orgId = options.orgId;
    this.credentials = options.credentials;
    this.pageSize = checkedPageSize(options.pageSize ?? PODIO_MAX_PAGE_SIZE, "pageSize");
    this.spaceMemberPageSize =
      options.spaceMemberPageSize === undefined
        ? undefined
        : checkedPageSize(options.spaceMemberPageSize, "spaceMemberPageSize");
    const format = options.tokenFormat ?? "form";
    this.http = createHttpClient({
      app: options.app,
      baseUrl: options.baseUrl,
      auth: oauth2({
        tokenUrl: podioTokenUrl(options.baseUrl, format),
        format,
        grant: podioGrant(options.credentials),
        scheme: "OAuth2",
      }),
      limits: { windows: options.windows ?? [PODIO_BUDGET], concurrency: options.concurrency ?? 4 },
      ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
      ...(options.fetch ? { fetch: options.fetch } : {}),
      ...(options.logger ? { logger: options.logger } : {}),
      ...(options.clock ? { clock: options.clock } : {}),
      ...(options.sleep ? { sleep: options.sleep } : {}),
    });
  }

  // https://developers.podio.com/doc/organizations/get-organization-members-50661
  // GET /org/{org_id}/member/?sort_by=name&limit=100&offset=N — a bare array, no total: walked until a short page,
  // de-duplicated by user id. `sort_by=name` is the most stable order Podio offers: `last_seen_on` moves everyone
  // who uses Podio during the walk to the end, shifting the rest under the walk's offset.
  async *orgMembers() {
    const pages = offsetPages(this.http, {
      path: `/org/${this.orgId}/member/`,
      query: { sort_by: "name" },
      schema: PodioOrgMemberPage,
      items: (body) => body,
      offsetParam: "offset",
      limitParam: "limit",
      pageSize: this.pageSize,
      id: (member) => member.user.user_id,
      request: { operation: "list org members" },
    });
    try {
      for await (const page of pages) yield page.items;
    } catch (error) {
      throw this.explain(error);
    }
  }

  // https://developers.podio.com/doc/organizations (Get organization member)
  // GET /org/{org_id}/member/{user_id} — the member with `tier` and `spaces`; 404 when not in the org → null.
  async orgMember(userId: string) {
    if (!/^\d+$/.test(userId)) return null;
    try {
      return await this.http.json("GET", `/org/${this.orgId}/member/${userId}`, PodioOrgMemberDetail, {
        operation: "get org member",
      });
    } catch (error) {
      if (isHttpError(error, "not_found")) return null;
      throw this.explain(error);
    }
  }

  // https://developers.podio.com/doc/spaces (Get list of organization workspaces)
  // GET /org/{org_id}/space/ — every space of the org for an org admin; one request, unpaged.
  async spaces() {
    try {
      const spaces = await this.http.json("GET", `/org/${this.orgId}/space/`, PodioSpaceList, {
        operation: "list spaces",
      });
      return [...spaces].sort((a, b) => a.space_id - b.space_id);
    } catch (error) {
      throw this.explain(error);
    }
  }

  // https://developers.podio.com/doc/space-members (Get space members)
  // GET /space/{space_id}/member/ — every member of the space in one answer. Null when the space is gone (404).
  async allSpaceMembers(spaceId: number): Promise<PodioSpaceMember[] | null> {
    try {
      return await this.http.json("GET", `/space/${spaceId}/member/`, PodioSpaceMemberPage, {
        operation: "list space members",
      });
    } catch (error) {
      if (isHttpError(error, "not_found")) return null;
      throw this.explain(error);
    }
  }

  // https://developers.podio.com/doc/space-members (Get space members v2)
  // GET /space/{space_id}/member/v2/?limit=N&offset=M — one page. Null when the space is gone (404).
  async spaceMemberPage(spaceId: number, offset: number, limit: number): Promise<PodioSpaceMember[] | null> {
    try {
      return await this.http.json("GET", `/space/${spaceId}/member/v2/`, PodioSpaceMemberPage, {
        query: { limit, offset },
        operation: "list space members",
      });
    } catch (error) {
      if (isHttpError(error, "not_found")) return null;
      throw this.explain(error);
    }
  }

  /** A 403 says who may do what: app tokens never read members; a user must be an org admin. */
  private explain(error: unknown): unknown {
    if (!isHttpError(error, "forbidden")) return error;
    const hint =
      this.credentials.kind === "app"
        ? "an app token (grant `app`: appId + appToken) cannot read organization or space members — Podio answers 403; configure `username` + `password` of an org admin (password grant)"
        : `the configured user must be an active admin of organization ${this.orgId}`;
    return new HttpError({
      code: error.code,
      app: error.app,
      method: error.method,
      path: error.path,
      ...(error.status !== undefined ? { status: error.status } : {}),
      ...(error.operation ? { operation: error.operation } : {}),
      detail: error.detail ? `${error.detail}; ${hint}` : hint,
      cause: error,
    });
  }
}

function checkedPageSize(size: number, name: string): number {
  if (!Number.isInteger(size) || size < 1 || size > PODIO_MAX_PAGE_SIZE) {
    throw new RangeError(`podio: ${name} must be an integer from 1 to ${PODIO_MAX_PAGE_SIZE}, got ${size}`);
  }
  return size;
}
