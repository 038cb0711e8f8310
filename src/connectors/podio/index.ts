/**
 * The Podio connector: org members → accounts, spaces → groups, space memberships → grants. See
 * docs/connectors/podio.md.
 */
import type { z } from "zod";
import type { PodioConfig } from "../../config/schema.ts";
import type { Account, Grant, Group } from "../../core/account.ts";
import type { Connector, ConnectorDeps, ConnectorDescription, ConnectorStats } from "../contract.ts";
import { PodioApi, type PodioApiOptions } from "./client.ts";
import { podioCredentials } from "./credentials.ts";
import { describePodio } from "./describe.ts";
import { toAccount } from "./mappers/to-account.ts";
import { toGrant } from "./mappers/to-grant.ts";
import { toGroup } from "./mappers/to-group.ts";
import { walkSpaceMembers } from "./space-walk.ts";
import type { PodioSpace } from "./types.ts";

export {
  PODIO_BUDGET,
  PODIO_MAX_PAGE_SIZE,
  PODIO_RESTRICTED_BUDGET,
  PodioApi,
  type PodioApiOptions,
} from "./client.ts";
export { type PodioCredentials, podioCredentials } from "./credentials.ts";
export { podioTimeToIso } from "./mappers/timestamps.ts";
export { isPrivilegedPodioRole, podioStatus } from "./mappers/to-account.ts";
export { decodeWalkState, type SpaceMembersPage, walkSpaceMembers } from "./space-walk.ts";

export type PodioConnectorConfig = z.infer<typeof PodioConfig>;

/** Knobs that are not part of `roster.yaml` (tests, benchmarks). */
export type PodioConnectorOptions = Pick<PodioApiOptions, "tokenFormat" | "pageSize" | "spaceMemberPageSize">;

/** A page of grants and where the walk stands after it. */
export interface GrantPage {
  grants: Grant[];
  /** Opaque: pass to `grantPages(resume)` to continue after this page; absent after the last one. */
  resume?: string;
}

export type PodioConnector = Connector & {
  /** The grants walk (spaces → members) with its resume tokens; `listGrants` is this without them. */
  grantPages(resume?: string): AsyncIterable<GrantPage>;
};

export function createPodioConnector(
  app: string,
  config: PodioConnectorConfig,
  deps: ConnectorDeps = {},
  options: PodioConnectorOptions = {},
): PodioConnector {
  return new Podio(app, config, deps, options);
}

/**
 * One instance serves one sync: `listGroups` remembers the spaces it read, and `listGrants` — which the sync calls
 * next — walks their members without asking for the space list again. Called on its own, `listGrants` fetches the
 * spaces itself, so it is never wrong, only one request dearer.
 */
class Podio implements PodioConnector {
  private readonly api: PodioApi;
  private readonly concurrency: number;
  private spaces: PodioSpace[] | undefined;

  constructor(
    private readonly app: string,
    config: PodioConnectorConfig,
    deps: ConnectorDeps,
    options: PodioConnectorOptions,
  ) {
    // The naive profile (bench/sync.ts baseline): default page size, no known budget, one request at a time.
    const naive = deps.profile === "naive";
    this.concurrency = naive ? 1 : (config.concurrency ?? 4);
    this.api = new PodioApi({
      app,
      baseUrl: config.baseUrl,
      orgId: config.orgId,
      credentials: podioCredentials(config),
      concurrency: this.concurrency,
      ...options,
      ...(config.rateLimit ? { windows: config.rateLimit } : {}),
      ...(naive ? { windows: [], pageSize: 20 } : {}),
      ...(config.timeoutMs !== undefined ? { timeoutMs: config.timeoutMs } : {}),
      ...(deps.fetch ? { fetch: deps.fetch } : {}),
      ...(deps.logger ? { logger: deps.logger } : {}),
      ...(deps.clock ? { clock: deps.clock } : {}),
      ...(deps.sleep ? { sleep: deps.sleep } : {}),
    });
  }

  describe(): ConnectorDescription {
    return describePodio(this.app);
  }

  async *listAccounts(): AsyncIterable<Account[]> {
    // A new pass: spaces remembered from an earlier one are stale.
    this.spaces = undefined;
    // Sequential by nature: only a short page says the walk is over, and there is no total to fan out on.
    for await (const page of this.api.orgMembers()) yield page.map((member) => toAccount(this.app, member));
  }

  async *listGroups(): AsyncIterable<Group[]> {
    this.spaces = undefined;
    const spaces = await this.api.spaces();
    this.spaces = spaces;
    if (spaces.length > 0) yield spaces.map((space) => toGroup(this.app, space));
  }

  async *listGrants(): AsyncIterable<Grant[]> {
    for await (const page of this.grantPages()) yield page.grants;
  }

  async *grantPages(resume?: string): AsyncIterable<GrantPage> {
    const spaces = resume ? undefined : this.spaces;
    this.spaces = undefined;
    const pages = walkSpaceMembers(this.api, {
      ...(spaces ? { spaces } : {}),
      ...(resume ? { resume } : {}),
      // Spaces are independent: fetch as many at once as the client lets in flight.
      prefetch: this.concurrency,
    });
    for await (const page of pages) {
      yield {
        grants: page.members.map((member) => toGrant(this.app, page.space.space_id, member)),
        ...(page.resume ? { resume: page.resume } : {}),
      };
    }
  }

  async getAccount(externalId: string): Promise<Account | null> {
    const member = await this.api.orgMember(externalId);
    return member ? toAccount(this.app, member) : null;
  }

  stats(): ConnectorStats {
    const { requests, retries, rateLimited, waits, waitedMs } = this.api.http.stats();
    return { requests, retries, rateLimited, waits, waitedMs };
  }
}
