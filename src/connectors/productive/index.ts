/**
 * The Productive.io connector (API v2, JSON:API): user-type people → accounts (joined with their logins from
 * `/users`), roles → groups, person → role grants derived from the people payloads. See
 * docs/connectors/productive.md.
 */
import type { z } from "zod";
import type { ProductiveConfig } from "../../config/schema.ts";
import type { Account, Grant, Group } from "../../core/account.ts";
import type { Connector, ConnectorDeps, ConnectorDescription, ConnectorStats } from "../contract.ts";
import { ProductiveApi } from "./client.ts";
import { describeProductive } from "./describe.ts";
import { RoleDirectory } from "./mappers/roles.ts";
import { toAccount } from "./mappers/to-account.ts";
import { roleToGroup } from "./mappers/to-group.ts";
import { PeopleSnapshot } from "./people-snapshot.ts";
import type { ProductivePerson } from "./types.ts";
import { UserDirectory } from "./user-directory.ts";

export {
  ACCOUNT_PEOPLE_FILTER,
  JSON_API,
  PRODUCTIVE_BUDGET,
  PRODUCTIVE_MAX_PAGE_SIZE,
} from "./client.ts";
export { describeProductive } from "./describe.ts";
export { type ProductiveRoleDefinition, RoleDirectory } from "./mappers/roles.ts";
export { productiveStatus, SYSADMIN_ROLE, toAccount } from "./mappers/to-account.ts";

export type ProductiveConnectorConfig = z.infer<typeof ProductiveConfig>;

export function createProductiveConnector(
  app: string,
  config: ProductiveConnectorConfig,
  deps: ConnectorDeps = {},
): Connector {
  return new ProductiveConnector(app, config, deps);
}

/** What one sync pass has read so far. */
interface Pass {
  users: UserDirectory;
  people: PeopleSnapshot;
}

/**
 * One instance serves one sync: `listAccounts` starts a pass (users walk, then the people walk), `listGroups` and
 * `listGrants` derive roles and grants from the pass's complete people walk, and `listGrants` ends the pass.
 * Called out of that order, each listing walks people itself, so it is never wrong, only dearer.
 */
class ProductiveConnector implements Connector {
  private readonly api: ProductiveApi;
  private readonly roles: RoleDirectory;
  private readonly logger: ConnectorDeps["logger"];
  private pass: Pass | undefined;

  constructor(
    private readonly app: string,
    config: ProductiveConnectorConfig,
    deps: ConnectorDeps,
  ) {
    this.roles = new RoleDirectory(config.roles);
    this.logger = deps.logger;
    this.api = new ProductiveApi({
      app,
      baseUrl: config.baseUrl,
      token: config.token,
      organizationId: config.organizationId,
      ...(config.rateLimit ? { windows: config.rateLimit } : {}),
      ...(config.concurrency !== undefined ? { concurrency: config.concurrency } : {}),
      ...(config.timeoutMs !== undefined ? { timeoutMs: config.timeoutMs } : {}),
      // The naive profile (bench/sync.ts baseline): default page size, no known budget, one request at a time.
      ...(deps.profile === "naive" ? { windows: [], concurrency: 1, pageSize: 30 } : {}),
      ...(deps.fetch ? { fetch: deps.fetch } : {}),
      ...(deps.logger ? { logger: deps.logger } : {}),
      ...(deps.clock ? { clock: deps.clock } : {}),
      ...(deps.sleep ? { sleep: deps.sleep } : {}),
    });
  }

  describe(): ConnectorDescription {
    return describeProductive(this.app);
  }

  async *listAccounts(): AsyncIterable<Account[]> {
    this.pass = undefined;
    // Logins first (one walk, joined in memory), so every people page maps to finished accounts as it arrives.
    const users = await UserDirectory.load(this.api, this.logger);
    const people = new PeopleSnapshot();
    this.pass = { users, people };
    for await (const page of this.api.accountPeople()) {
      for (const person of page) people.record(person);
      yield page.map((person) => this.account(person, users));
    }
    people.markComplete();
  }

  async *listGroups(): AsyncIterable<Group[]> {
    const people = await this.completePeople();
    const roles = this.roles.withHeld(people.heldRoleIds());
    if (roles.length > 0) yield roles.map((role) => roleToGroup(this.app, role));
  }

  async *listGrants(): AsyncIterable<Grant[]> {
    try {
      const people = await this.completePeople();
      yield* people.grantPages(this.app);
    } finally {
      this.pass = undefined;
    }
  }

  async getAccount(externalId: string): Promise<Account | null> {
    const person = await this.api.person(externalId);
    if (!person || !(await this.isUserType(person))) return null;
    const pass = this.pass;
    // A person page drift made the listing skip keeps their role grant in this pass.
    pass?.people.record(person);
    let user = pass?.users.get(person.attributes.user_id) ?? null;
    if (!pass && person.attributes.user_id !== null && person.attributes.user_id !== undefined) {
      user = await this.api.user(String(person.attributes.user_id));
    }
    return toAccount(this.app, person, user, this.roles);
  }

  stats(): ConnectorStats {
    const { requests, retries, rateLimited, waits, waitedMs } = this.api.http.stats();
    return { requests, retries, rateLimited, waits, waitedMs };
  }

  private account(person: ProductivePerson, users: UserDirectory): Account {
    return toAccount(this.app, person, users.get(person.attributes.user_id), this.roles);
  }

  /** This pass's complete people walk, or a fresh one (people only) when there is none. */
  private async completePeople(): Promise<PeopleSnapshot> {
    if (this.pass?.people.complete) return this.pass.people;
    // No complete people walk in this pass (listAccounts failed or was not called): walk people now rather than
    // derive roles and grants from part of the organization.
    const people = new PeopleSnapshot();
    for await (const page of this.api.accountPeople()) for (const person of page) people.record(person);
    people.markComplete();
    this.pass = { users: this.pass?.users ?? UserDirectory.empty(), people };
    return people;
  }

  /**
   * Whether a person fetched by id is a user (person_type 1). Their payload has no person_type: a login
   * (`is_user`, `user_id`) says user, `placeholder` says not; otherwise (an invited user, or a contact) one filtered
   * lookup by e-mail decides. Users always have an e-mail.
   */
  private async isUserType(person: ProductivePerson): Promise<boolean> {
    const a = person.attributes;
    if (a.person_type !== undefined) return a.person_type === 1;
    if (a.placeholder === true) return false;
    if (a.is_user === true || (a.user_id !== null && a.user_id !== undefined)) return true;
    const email = a.email?.trim();
    if (!email) return false;
    return this.api.isUserTypePerson(person.id, email);
  }
}
