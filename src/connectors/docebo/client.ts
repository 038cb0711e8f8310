/**
 * The Docebo platform endpoints roster reads (`manage/v1`; official reference: each platform's API browser at
 * https://<domain>.docebosaas.com/api-browser/, service "manage"; facts in ../shared/api-facts.md win over the
 * seed guide). Paths are `/manage/v1/...` on the platform URL — the seed's `/api/v1/manage/v1/...` prefix does
 * not exist.
 * Auth is OAuth2 (`POST /oauth2/token`, `scope=api`, Bearer), owned by the HTTP layer's `oauth2` strategy: cached,
 * renewed before its 3,600 s expire, one token request for any number of callers, renewed once after a 401.
 */
import type { Logger } from "pino";
import type { z } from "zod";
import {
  type Clock,
  createHttpClient,
  type FetchLike,
  type HttpClient,
  isHttpError,
  oauth2,
  pageNumberPages,
  type RateWindow,
  type Sleep,
  type TokenGrant,
} from "../../http/index.ts";
import {
  type DoceboBranchItem,
  DoceboBranchPage,
  type DoceboGroupItem,
  DoceboGroupPage,
  DoceboUserDetail,
  type DoceboUserItem,
  DoceboUserPage,
} from "./types.ts";

/**
 * Docebo's limits are contractual and unpublished; enforcement since mid-2025 answers 429 with no `Retry-After`
 * and no rate-limit headers [C]. 1,000 requests per hour per API client is the default roster assumes [I];
 * `rateLimit` in roster.yaml overrides it with the contract's figure.
 */
export const DOCEBO_BUDGET: RateWindow = { limit: 1000, windowMs: 3_600_000 };

/** `page_size` defaults to and is capped at 200 on every list [C]. */
export const DOCEBO_MAX_PAGE_SIZE = 200;

/** Reads only: member walks of different branches and groups may run side by side. */
export const DOCEBO_DEFAULT_CONCURRENCY = 4;

export interface DoceboApiOptions {
  app: string;
  /** `https://<domain>.docebosaas.com`. */
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  /** Both given: the password grant (the token acts as that user); otherwise client_credentials. */
  username?: string | undefined;
  password?: string | undefined;
  windows?: readonly RateWindow[] | undefined;
  concurrency?: number | undefined;
  timeoutMs?: number | undefined;
  fetch?: FetchLike | undefined;
  logger?: Logger | undefined;
  clock?: Clock | undefined;
  sleep?: Sleep | undefined;
}

/**
 * The grant roster.yaml asks for: password when both username and password are set, client_credentials when
 * neither is. One without the other is a configuration mistake, refused rather than silently ignored.
 */
export function doceboGrant(
  options: Pick<DoceboApiOptions, "app" | "clientId" | "clientSecret" | "username" | "password">,
): TokenGrant {
  const { clientId: client_id, clientSecret: client_secret, username, password } = options;
  if (username && password)
    return { type: "password", client_id, client_secret, username, password, scope: "api" };
  if (username || password) {
    throw new Error(
      `${options.app}: the password grant needs both username and password (give neither for client_credentials)`,
    );
  }
  return { type: "client_credentials", client_id, client_secret, scope: "api" };
}

/** What the walk reads of a list envelope. */
interface DoceboListBody<T> {
  data: {
    items: T[];
    has_more_data?: boolean | null | undefined;
    total_page_count?: number | null | undefined;
  };
}

export class DoceboApi {
  readonly http: HttpClient;

  constructor(options: DoceboApiOptions) {
    const tokenUrl = new URL(options.baseUrl);
    tokenUrl.pathname = `${tokenUrl.pathname.replace(/\/+$/, "")}/oauth2/token`;
    tokenUrl.search = "";
    this.http = createHttpClient({
      app: options.app,
      baseUrl: options.baseUrl,
      auth: oauth2({ tokenUrl: tokenUrl.toString(), grant: doceboGrant(options), format: "form" }),
      limits: {
        windows: options.windows ?? [DOCEBO_BUDGET],
        concurrency: options.concurrency ?? DOCEBO_DEFAULT_CONCURRENCY,
      },
      ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
      ...(options.fetch ? { fetch: options.fetch } : {}),
      ...(options.logger ? { logger: options.logger } : {}),
      ...(options.clock ? { clock: options.clock } : {}),
      ...(options.sleep ? { sleep: options.sleep } : {}),
    });
  }

  // https://<domain>.docebosaas.com/api-browser/ (manage: users)
  // GET /manage/v1/user?page=N&page_size=200, paged while `has_more_data`; suspended users are listed too.
  // No `get_total_count`: `has_more_data` says when to stop.
  users(): AsyncGenerator<DoceboUserItem[]> {
    return this.walk("/manage/v1/user", DoceboUserPage, "list users", (u) => u.user_id);
  }

  // https://<domain>.docebosaas.com/api-browser/ (manage: users)
  // GET /manage/v1/user/{id} → {data: {user_data: {...item...}, branches: [...]}}; 404 → null.
  async user(id: string): Promise<DoceboUserItem | null> {
    if (!/^\d+$/.test(id)) return null;
    try {
      const body = await this.http.json("GET", `/manage/v1/user/${id}`, DoceboUserDetail, {
        operation: "get user",
      });
      return body.data.user_data;
    } catch (error) {
      if (isHttpError(error, "not_found")) return null;
      throw error;
    }
  }

  // https://<domain>.docebosaas.com/api-browser/ (manage: orgchart)
  // GET /manage/v1/orgchart — branches (orgchart nodes) {id, code, name, parent_id, has_children}, paged.
  branches(): AsyncGenerator<DoceboBranchItem[]> {
    return this.walk("/manage/v1/orgchart", DoceboBranchPage, "list branches", (b) => b.id);
  }

  // https://<domain>.docebosaas.com/api-browser/ (manage: orgchart)
  // GET /manage/v1/orgchart/{id}/users — the branch's users as user items, paged like the user list.
  branchUsers(branchId: string): AsyncGenerator<DoceboUserItem[]> {
    return this.walk(
      `/manage/v1/orgchart/${branchId}/users`,
      DoceboUserPage,
      "list branch users",
      (u) => u.user_id,
    );
  }

  // https://<domain>.docebosaas.com/api-browser/ (manage: groups)
  // GET /manage/v1/group — groups {group_id, name, type: static|dynamic, members_count}, paged.
  groups(): AsyncGenerator<DoceboGroupItem[]> {
    return this.walk("/manage/v1/group", DoceboGroupPage, "list groups", (g) => g.group_id);
  }

  // https://<domain>.docebosaas.com/api-browser/ (manage: groups)
  // GET /manage/v1/group/{id}/members [I: path] — the group's users as user items, paged like the user list.
  groupMembers(groupId: string): AsyncGenerator<DoceboUserItem[]> {
    return this.walk(
      `/manage/v1/group/${groupId}/members`,
      DoceboUserPage,
      "list group members",
      (u) => u.user_id,
    );
  }

  /**
   * Walk one list at the maximum page size until `has_more_data` is false (or a page is empty), de-duplicated by
   * id: records shifting between pages while the walk runs are not handed out twice.
   */
  private async *walk<T>(
    path: string,
    schema: z.ZodType<DoceboListBody<T>>,
    operation: string,
    id: (item: T) => string | number,
  ): AsyncGenerator<T[]> {
    const pages = pageNumberPages(this.http, {
      path,
      schema,
      items: (body) => body.data.items,
      pageParam: "page",
      sizeParam: "page_size",
      pageSize: DOCEBO_MAX_PAGE_SIZE,
      hasMore: (body) => body.data.has_more_data,
      totalPages: (body) => body.data.total_page_count,
      id,
      request: { operation },
    });
    for await (const page of pages) yield page.items;
  }
}
