/**
 * The Productive.io API v2 endpoints roster reads (JSON:API, https://developer.productive.io; facts in
 * ../shared/api-facts.md win over the seed guide). Base URL `https://api.productive.io/api/v2`; every request carries
 * `X-Auth-Token` (a personal token that never expires) and `X-Organization-Id`.
 */
import type { Logger } from "pino";
import {
  type Clock,
  createHttpClient,
  type FetchLike,
  type HttpClient,
  isHttpError,
  pageNumberPages,
  type RateWindow,
  type Sleep,
  staticHeaders,
} from "../../http/index.ts";
import {
  ProductivePeoplePage,
  type ProductivePerson,
  ProductivePersonDocument,
  type ProductiveUser,
  ProductiveUserDocument,
  ProductiveUsersPage,
} from "./types.ts";

/** 100 requests per 10 s **and** 4,000 per 30 min, per token [C]: both windows are paced at once. */
export const PRODUCTIVE_BUDGET: readonly RateWindow[] = [
  { limit: 100, windowMs: 10_000 },
  { limit: 4_000, windowMs: 1_800_000 },
];

/** `page[size]` maximum (`meta.max_page_size`) [C]. */
export const PRODUCTIVE_MAX_PAGE_SIZE = 200;

/** JSON:API media type. Reads send it as the official examples do; writes without it get 415. */
export const JSON_API = "application/vnd.api+json";

/**
 * The accounts: people of type 1 (users; contacts and placeholders are not accounts) in **both** statuses —
 * 1 active and 2 deactivated (archived people fall in one of the two). Asking for both explicitly keeps
 * deactivated people in the listing whatever the server's default status filter is, in one walk.
 */
export const ACCOUNT_PEOPLE_FILTER = { "filter[person_type]": 1, "filter[status]": "1,2" } as const;

export interface ProductiveApiOptions {
  app: string;
  baseUrl: string;
  token: string;
  organizationId: string;
  windows?: readonly RateWindow[];
  concurrency?: number;
  /** `page[size]` of the walks; default (and at most) 200. */
  pageSize?: number;
  timeoutMs?: number;
  fetch?: FetchLike;
  logger?: Logger;
  clock?: Clock;
  sleep?: Sleep;
}

export class ProductiveApi {
  readonly http: HttpClient;
  private readonly pageSize: number;

  constructor(options: ProductiveApiOptions) {
    this.pageSize = options.pageSize ?? PRODUCTIVE_MAX_PAGE_SIZE;
    this.http = createHttpClient({
      app: options.app,
      baseUrl: options.baseUrl,
      auth: staticHeaders({ "X-Auth-Token": options.token, "X-Organization-Id": options.organizationId }),
      limits: {
        windows: options.windows ?? PRODUCTIVE_BUDGET,
        ...(options.concurrency !== undefined ? { concurrency: options.concurrency } : {}),
      },
      // A future write must pass `contentType: JSON_API` with its `json` body: the client's default for a JSON
      // body (application/json) would replace this header and Productive would answer 415.
      headers: { Accept: JSON_API, "Content-Type": JSON_API },
      ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
      ...(options.fetch ? { fetch: options.fetch } : {}),
      ...(options.logger ? { logger: options.logger } : {}),
      ...(options.clock ? { clock: options.clock } : {}),
      ...(options.sleep ? { sleep: options.sleep } : {}),
    });
  }

  // https://developer.productive.io/people.html#people-get-people
  // GET /people?filter[person_type]=1&filter[status]=1,2&page[number]=N&page[size]=200, in id order, until
  // meta.total_pages.
  async *accountPeople(): AsyncGenerator<ProductivePerson[]> {
    for await (const page of pageNumberPages(this.http, {
      path: "people",
      query: ACCOUNT_PEOPLE_FILTER,
      schema: ProductivePeoplePage,
      items: (body) => body.data,
      pageParam: "page[number]",
      sizeParam: "page[size]",
      pageSize: this.pageSize,
      totalPages: (body) => body.meta?.total_pages,
      id: (person) => person.id,
      request: { operation: "list people" },
    })) {
      yield page.items;
    }
  }

  // https://developer.productive.io/people.html#people-get-person — 404 → null.
  async person(id: string): Promise<ProductivePerson | null> {
    if (!/^\d+$/.test(id)) return null;
    try {
      const doc = await this.http.json("GET", `people/${id}`, ProductivePersonDocument, {
        operation: "get person",
      });
      return doc.data;
    } catch (error) {
      if (isHttpError(error, "not_found")) return null;
      throw error;
    }
  }

  // https://developer.productive.io/people.html#people-get-people — GET /people?filter[person_type]=1&
  // filter[email]=... : whether person `id` is a user-type person (a single person's payload does not say).
  async isUserTypePerson(id: string, email: string): Promise<boolean> {
    const body = await this.http.json("GET", "people", ProductivePeoplePage, {
      query: { "filter[person_type]": 1, "filter[email]": email, "page[size]": PRODUCTIVE_MAX_PAGE_SIZE },
      operation: "check person type",
    });
    return body.data.some((person) => person.id === id);
  }

  // https://developer.productive.io/users.html (seeds/001) — GET /users?page[number]=N&page[size]=200, until
  // meta.total_pages. No filters: /users supports none.
  async *users(): AsyncGenerator<ProductiveUser[]> {
    for await (const page of pageNumberPages(this.http, {
      path: "users",
      schema: ProductiveUsersPage,
      items: (body) => body.data,
      pageParam: "page[number]",
      sizeParam: "page[size]",
      pageSize: this.pageSize,
      totalPages: (body) => body.meta?.total_pages,
      id: (user) => user.id,
      request: { operation: "list users" },
    })) {
      yield page.items;
    }
  }

  // https://developer.productive.io/users.html (seeds/001) — GET /users/{id}; 404 → null.
  async user(id: string): Promise<ProductiveUser | null> {
    if (!/^\d+$/.test(id)) return null;
    try {
      const doc = await this.http.json("GET", `users/${id}`, ProductiveUserDocument, {
        operation: "get user",
      });
      return doc.data;
    } catch (error) {
      if (isHttpError(error, "not_found")) return null;
      throw error;
    }
  }
}
