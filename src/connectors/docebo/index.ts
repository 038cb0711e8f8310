/**
 * The Docebo connector (config type `docebo`): users → accounts, branches and groups → groups, and grants from each
 * branch's users and each group's members, over the `manage/v1` REST API with OAuth2. See docs/connectors/docebo.md.
 */
import type { z } from "zod";
import type { DoceboConfig as DoceboConfigSchema } from "../../config/schema.ts";
import type { Account, Grant, Group } from "../../core/account.ts";
import type { Connector, ConnectorDeps, ConnectorDescription, ConnectorStats } from "../contract.ts";
import { DOCEBO_DEFAULT_CONCURRENCY, DoceboApi } from "./client.ts";
import { describeDocebo } from "./describe.ts";
import { toAccount } from "./mappers/to-account.ts";
import { type Membership, memberGrants } from "./mappers/to-grants.ts";
import { branchToGroup, groupToGroup, isDynamicGroup, memberCount } from "./mappers/to-group.ts";
import { mergeWalks } from "./member-walks.ts";
import type { DoceboBranchItem, DoceboGroupItem, DoceboUserItem } from "./types.ts";

export { DOCEBO_BUDGET, DOCEBO_MAX_PAGE_SIZE, doceboGrant } from "./client.ts";
export { describeDocebo } from "./describe.ts";
export { doceboTimestamp } from "./mappers/timestamps.ts";
export { doceboStatus, PRIVILEGED_LEVELS } from "./mappers/to-account.ts";

export type DoceboConfig = z.infer<typeof DoceboConfigSchema>;

export function createDoceboConnector(
  app: string,
  config: DoceboConfig,
  deps: ConnectorDeps = {},
): Connector {
  return new DoceboConnector(app, config, deps);
}

/** Branches and groups as one listing returned them: the member walks of `listGrants` start from these. */
interface Directory {
  branches: DoceboBranchItem[];
  groups: DoceboGroupItem[];
}

/**
 * One instance serves one sync: `listGroups` remembers the branch and group items of its complete walk, and
 * `listGrants` — which the sync calls next — walks their member lists without listing them again. Called out of
 * that order, `listGrants` lists branches and groups itself, so it is never wrong, only dearer.
 */
class DoceboConnector implements Connector {
  private readonly api: DoceboApi;
  private readonly concurrency: number;
  private listed: Directory | undefined;

  constructor(
    private readonly app: string,
    config: DoceboConfig,
    deps: ConnectorDeps,
  ) {
    // The naive profile (bench/sync.ts baseline): no known budget, one request at a time (page_size 200 is
    // Docebo's default as well as its maximum).
    const naive = deps.profile === "naive";
    this.concurrency = naive ? 1 : (config.concurrency ?? DOCEBO_DEFAULT_CONCURRENCY);
    this.api = new DoceboApi({
      app,
      baseUrl: config.baseUrl,
      clientId: config.clientId,
      clientSecret: config.clientSecret,
      username: config.username,
      password: config.password,
      windows: naive ? [] : config.rateLimit,
      concurrency: this.concurrency,
      timeoutMs: config.timeoutMs,
      fetch: deps.fetch,
      logger: deps.logger,
      clock: deps.clock,
      sleep: deps.sleep,
    });
  }

  describe(): ConnectorDescription {
    return describeDocebo(this.app);
  }

  async *listAccounts(): AsyncIterable<Account[]> {
    for await (const users of this.api.users()) yield users.map((user) => toAccount(this.app, user));
  }

  async *listGroups(): AsyncIterable<Group[]> {
    this.listed = undefined;
    const directory: Directory = { branches: [], groups: [] };
    for await (const branches of this.api.branches()) {
      directory.branches.push(...branches);
      yield branches.map((branch) => branchToGroup(this.app, branch));
    }
    for await (const groups of this.api.groups()) {
      directory.groups.push(...groups);
      yield groups.map((group) => groupToGroup(this.app, group));
    }
    // Only a walk that reached its last page may stand in for the listing in listGrants.
    this.listed = directory;
  }

  async *listGrants(): AsyncIterable<Grant[]> {
    const directory = this.listed ?? (await this.listDirectory());
    this.listed = undefined;
    for await (const grants of mergeWalks(this.memberWalks(directory), this.concurrency)) {
      if (grants.length > 0) yield grants;
    }
  }

  async getAccount(externalId: string): Promise<Account | null> {
    const user = await this.api.user(externalId);
    return user ? toAccount(this.app, user) : null;
  }

  stats(): ConnectorStats {
    const { requests, retries, rateLimited, waits, waitedMs } = this.api.http.stats();
    return { requests, retries, rateLimited, waits, waitedMs };
  }

  /**
   * One member walk per branch (orgchart items carry no member count, so each costs at least one request) and per
   * group whose `members_count` is not 0. Members of dynamic groups are derived grants.
   */
  private *memberWalks(directory: Directory): Generator<() => AsyncIterable<Grant[]>> {
    for (const branch of directory.branches) {
      const membership: Membership = {
        groupExternalId: String(branch.id),
        groupKind: "branch",
        dynamic: false,
      };
      yield () => this.grantPages(membership, this.api.branchUsers(membership.groupExternalId));
    }
    for (const group of directory.groups) {
      if (memberCount(group) === 0) continue;
      const membership: Membership = {
        groupExternalId: String(group.group_id),
        groupKind: "group",
        dynamic: isDynamicGroup(group),
      };
      yield () => this.grantPages(membership, this.api.groupMembers(membership.groupExternalId));
    }
  }

  private async *grantPages(
    membership: Membership,
    pages: AsyncIterable<DoceboUserItem[]>,
  ): AsyncIterable<Grant[]> {
    for await (const users of pages) yield memberGrants(this.app, membership, users);
  }

  private async listDirectory(): Promise<Directory> {
    const directory: Directory = { branches: [], groups: [] };
    for await (const branches of this.api.branches()) directory.branches.push(...branches);
    for await (const groups of this.api.groups()) directory.groups.push(...groups);
    return directory;
  }
}
