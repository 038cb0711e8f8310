/**
 * The ProofHub API v3 endpoints roster reads. Docs: https://github.com/ProofHub/api_v3 (facts in
 * ../shared/api-facts.md win over the seed guide). Base URL `https://{company}.proofhub.com/api/v3`; every request
 * carries `X-API-KEY` and a `User-Agent: AppName (email)` — without the latter ProofHub answers 400.
 */
import type { Logger } from "pino";
import {
  type Clock,
  createHttpClient,
  type FetchLike,
  type HttpClient,
  isHttpError,
  type RateWindow,
  type Sleep,
  staticHeaders,
} from "../../http/index.ts";
import { walkList } from "./list-walk.ts";
import {
  ProofhubGroupPage,
  ProofhubPeoplePage,
  ProofhubPerson,
  ProofhubProjectPage,
  ProofhubRoleList,
} from "./types.ts";

/** 25 requests per 10 s per account and IP since September 2020 (the seed's 30 is out of date) [C]. */
export const PROOFHUB_BUDGET: RateWindow = { limit: 25, windowMs: 10_000 };

export interface ProofhubApiOptions {
  app: string;
  baseUrl: string;
  apiKey: string;
  userAgent: string;
  windows?: readonly RateWindow[];
  concurrency?: number;
  /** `limit` of the list walks; default (and at most) 100. */
  pageSize?: number;
  timeoutMs?: number;
  fetch?: FetchLike;
  logger?: Logger;
  clock?: Clock;
  sleep?: Sleep;
}

export class ProofhubApi {
  readonly http: HttpClient;
  private readonly pageSize: number | undefined;

  constructor(options: ProofhubApiOptions) {
    this.pageSize = options.pageSize;
    this.http = createHttpClient({
      app: options.app,
      baseUrl: options.baseUrl,
      // The User-Agent travels with the key: ProofHub refuses any request without it (400).
      auth: staticHeaders({ "X-API-KEY": options.apiKey, "User-Agent": options.userAgent }),
      limits: {
        windows: options.windows ?? [PROOFHUB_BUDGET],
        // Every walk here is sequential (offset pages end on a short page, which must be seen first).
        concurrency: options.concurrency ?? 1,
      },
      ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
      ...(options.fetch ? { fetch: options.fetch } : {}),
      ...(options.logger ? { logger: options.logger } : {}),
      ...(options.clock ? { clock: options.clock } : {}),
      ...(options.sleep ? { sleep: options.sleep } : {}),
    });
  }

  // https://github.com/ProofHub/api_v3 (Roles) — GET roles → [{id, name, default}], all of them, unpaged.
  roles() {
    return this.http.json("GET", "roles", ProofhubRoleList, { operation: "list roles" });
  }

  // https://github.com/ProofHub/api_v3 (People) — GET people?start=N&limit=100, a bare array, at most 100 a request.
  people() {
    return walkList(this.http, {
      path: "people",
      schema: ProofhubPeoplePage,
      operation: "list people",
      ...(this.pageSize ? { pageSize: this.pageSize } : {}),
    });
  }

  // https://github.com/ProofHub/api_v3 (People) — GET people/{id}; 404 → null.
  async person(id: string): Promise<ProofhubPerson | null> {
    if (!/^\d+$/.test(id)) return null;
    try {
      return await this.http.json("GET", `people/${id}`, ProofhubPerson, { operation: "get person" });
    } catch (error) {
      if (isHttpError(error, "not_found")) return null;
      throw error;
    }
  }

  // https://github.com/ProofHub/api_v3 (Projects) — GET projects → [{id, title, assigned, ...}], paged like people.
  projects() {
    return walkList(this.http, {
      path: "projects",
      schema: ProofhubProjectPage,
      operation: "list projects",
      ...(this.pageSize ? { pageSize: this.pageSize } : {}),
    });
  }

  // https://github.com/ProofHub/api_v3 (Groups) — GET groups → [{id, name, assigned}], paged like people.
  groups() {
    return walkList(this.http, {
      path: "groups",
      schema: ProofhubGroupPage,
      operation: "list groups",
      ...(this.pageSize ? { pageSize: this.pageSize } : {}),
    });
  }
}
