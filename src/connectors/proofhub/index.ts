/**
 * The ProofHub connector (API v3): people → accounts, projects / groups / roles → groups, and grants derived from
 * the people payloads. See docs/connectors/proofhub.md.
 */

import type { z } from "zod";
import type { ProofhubConfig } from "../../config/schema.ts";
import type { Account, Grant, Group } from "../../core/account.ts";
import type { Connector, ConnectorDeps, ConnectorDescription, ConnectorStats } from "../contract.ts";
import { ProofhubApi } from "./client.ts";
import { describeProofhub } from "./describe.ts";
import { RoleDirectory } from "./mappers/roles.ts";
import { toAccount } from "./mappers/to-account.ts";
import { groupToGroup, projectToGroup, roleToGroup } from "./mappers/to-group.ts";
import { PeopleSnapshot } from "./people-snapshot.ts";

export { PROOFHUB_BUDGET } from "./client.ts";
export { PROOFHUB_MAX_PAGE_SIZE } from "./list-walk.ts";
export { PRIVILEGED_ROLE_NAME } from "./mappers/roles.ts";
export { proofhubStatus } from "./mappers/to-account.ts";

export type ProofhubConnectorConfig = z.infer<typeof ProofhubConfig>;

export function createProofhubConnector(
  app: string,
  config: ProofhubConnectorConfig,
  deps: ConnectorDeps = {},
): Connector {
  return new ProofhubConnector(app, config, deps);
}

/**
 * One instance serves one sync: `listAccounts` starts a pass (fresh roles, fresh people snapshot), `listGroups`
 * reuses the pass's roles, `listGrants` derives grants from the pass's complete people walk and ends the pass.
 * Called out of that order, each listing fetches what it needs itself, so it is never wrong, only dearer.
 */
class ProofhubConnector implements Connector {
  private readonly api: ProofhubApi;
  private roles: RoleDirectory | undefined;
  private people: PeopleSnapshot | undefined;

  constructor(
    private readonly app: string,
    config: ProofhubConnectorConfig,
    deps: ConnectorDeps,
  ) {
    this.api = new ProofhubApi({
      app,
      baseUrl: config.baseUrl,
      apiKey: config.apiKey,
      userAgent: config.userAgent,
      ...(config.rateLimit ? { windows: config.rateLimit } : {}),
      ...(config.concurrency !== undefined ? { concurrency: config.concurrency } : {}),
      ...(config.timeoutMs !== undefined ? { timeoutMs: config.timeoutMs } : {}),
      // The naive profile (bench/sync.ts baseline): default page size, no known budget, one request at a time.
      ...(deps.profile === "naive" ? { windows: [], concurrency: 1, pageSize: 25 } : {}),
      ...(deps.fetch ? { fetch: deps.fetch } : {}),
      ...(deps.logger ? { logger: deps.logger } : {}),
      ...(deps.clock ? { clock: deps.clock } : {}),
      ...(deps.sleep ? { sleep: deps.sleep } : {}),
    });
  }

  describe(): ConnectorDescription {
    return describeProofhub(this.app);
  }

  async *listAccounts(): AsyncIterable<Account[]> {
    this.people = undefined;
    const roles = await this.loadRoles({ fresh: true });
    const snapshot = new PeopleSnapshot();
    this.people = snapshot;
    for await (const page of this.api.people()) {
      for (const person of page) snapshot.record(person);
      yield page.map((person) => toAccount(this.app, person, roles));
    }
    snapshot.markComplete();
  }

  async *listGroups(): AsyncIterable<Group[]> {
    const roles = await this.loadRoles({ fresh: false });
    const roleGroups = roles.all().map((role) => roleToGroup(this.app, role));
    if (roleGroups.length > 0) yield roleGroups;
    for await (const page of this.api.projects()) yield page.map((p) => projectToGroup(this.app, p));
    for await (const page of this.api.groups()) yield page.map((g) => groupToGroup(this.app, g));
  }

  async *listGrants(): AsyncIterable<Grant[]> {
    try {
      let snapshot = this.people;
      if (!snapshot?.complete) {
        // No complete people walk in this pass (listAccounts failed or was not called): walk people now rather
        // than derive grants from part of the account.
        snapshot = new PeopleSnapshot();
        for await (const page of this.api.people()) for (const person of page) snapshot.record(person);
        snapshot.markComplete();
      }
      yield* snapshot.grantPages(this.app);
    } finally {
      this.people = undefined;
      this.roles = undefined;
    }
  }

  async getAccount(externalId: string): Promise<Account | null> {
    const person = await this.api.person(externalId);
    if (!person) return null;
    // A person the listing skipped (offset drift) keeps their grants in this pass.
    this.people?.record(person);
    return toAccount(this.app, person, await this.loadRoles({ fresh: false }));
  }

  stats(): ConnectorStats {
    const { requests, retries, rateLimited, waits, waitedMs } = this.api.http.stats();
    return { requests, retries, rateLimited, waits, waitedMs };
  }

  private async loadRoles({ fresh }: { fresh: boolean }): Promise<RoleDirectory> {
    if (fresh || !this.roles) this.roles = new RoleDirectory(await this.api.roles());
    return this.roles;
  }
}
