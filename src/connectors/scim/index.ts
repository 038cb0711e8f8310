/**
 * The generic SCIM 2.0 connector (config type `scim`): reads `/Users` and `/Groups` of any RFC 7644 service
 * provider with a bearer token. Groups are kind `group`; grants come from each Group's `members`.
 * See docs/connectors/scim.md.
 */
import type { z } from "zod";
import type { ScimConfig as ScimConfigSchema } from "../../config/schema.ts";
import { bearer, createHttpClient, type HttpClient } from "../../http/index.ts";
import type { Connector, ConnectorDeps, ConnectorDescription, ConnectorStats } from "../contract.ts";
import { createScimListings } from "./listings.ts";
import { scimUserToAccount } from "./mappers/to-account.ts";
import { createScimReader } from "./reader.ts";

export { createScimListings, type ScimListings, type ScimListingsOptions } from "./listings.ts";
export * from "./mappers/to-account.ts";
export * from "./mappers/to-group.ts";
export {
  createScimReader,
  DEFAULT_SCIM_COUNT,
  MAX_SCIM_COUNT,
  type ScimPageSize,
  type ScimReader,
  type ScimReaderOptions,
} from "./reader.ts";
export * from "./types.ts";

export type ScimConfig = z.infer<typeof ScimConfigSchema>;

/** Requests in flight at once when the config says nothing (listings walk one page at a time anyway). */
const DEFAULT_CONCURRENCY = 4;

/** Quirks of SCIM servers in general that this connector handles (also used by connectors built on the reader). */
export const SCIM_QUIRKS = [
  "Page size: one GET /ServiceProviderConfig per sync reads filter.maxResults (capped at 1,000); without it, count=100.",
  "Paging advances by the resources actually returned, never by count or itemsPerPage (servers cap or misreport them).",
  "A ListResponse without totalResults is walked until an empty page; a page repeating only resources already seen stops the listing with an error (the server ignores startIndex).",
  "startIndex paging can skip a User when others are removed mid-walk: the sync re-reads every missing account with GET /Users/{id} (404 = gone) before marking it gone.",
  "Grants come from the members of each Group in the Groups listing (no request per group); members of type Group (nested groups) are not accounts and are skipped.",
  'active is optional: absent or any value but false (or "False") is active; SCIM has no invited or suspended state and no last-activity attribute.',
];

/** Sum of several clients' counters (Productboard reads REST and SCIM with two tokens). */
export function sumStats(clients: readonly HttpClient[]): ConnectorStats {
  const total: ConnectorStats = { requests: 0, retries: 0, rateLimited: 0, waits: 0, waitedMs: 0 };
  for (const client of clients) {
    const s = client.stats();
    total.requests += s.requests;
    total.retries += s.retries;
    total.rateLimited += s.rateLimited;
    total.waits += s.waits;
    total.waitedMs += s.waitedMs;
  }
  return total;
}

export function createScimConnector(app: string, config: ScimConfig, deps: ConnectorDeps): Connector {
  const client = createHttpClient({
    app,
    baseUrl: config.baseUrl,
    auth: bearer(config.token),
    // No budget is known for an arbitrary SCIM server: pace by the headers it sends (Retry-After, X-RateLimit-*)
    // unless roster.yaml gives one.
    limits: { windows: config.rateLimit ?? [], concurrency: config.concurrency ?? DEFAULT_CONCURRENCY },
    headers: { Accept: "application/scim+json, application/json" },
    ...(config.timeoutMs ? { timeoutMs: config.timeoutMs } : {}),
    ...(deps.fetch ? { fetch: deps.fetch } : {}),
    ...(deps.logger ? { logger: deps.logger } : {}),
    ...(deps.clock ? { clock: deps.clock } : {}),
    ...(deps.sleep ? { sleep: deps.sleep } : {}),
  });
  const reader = createScimReader(client);
  const listings = createScimListings({
    app,
    reader,
    toAccount: (user) => scimUserToAccount(app, user),
    groupKind: "group",
  });

  return {
    ...listings,
    describe: () => describeScim(app),
    stats: () => sumStats([client]),
  };
}

function describeScim(app: string): ConnectorDescription {
  const notYet = "the SCIM API allows it; roster does not write to SCIM apps yet";
  return {
    type: "scim",
    app,
    capabilities: {
      listAccounts: { supported: true, note: "GET /Users with startIndex/count" },
      listGroups: { supported: true, note: "GET /Groups (kind group)" },
      listGrants: { supported: true, note: "derived from the members of each Group in the Groups listing" },
      getAccount: { supported: true, note: "GET /Users/{id}; 404 means the account is gone" },
      createAccount: { supported: false, note: `POST /Users: ${notYet}` },
      updateAccount: { supported: false, note: `PUT / PATCH /Users/{id}: ${notYet}` },
      disableAccount: { supported: false, reversible: true, note: `PATCH active=false: ${notYet}` },
      enableAccount: { supported: false, reversible: true, note: `PATCH active=true: ${notYet}` },
      deleteAccount: {
        supported: false,
        reversible: false,
        note: `DELETE /Users/{id} is permanent on most servers (some only deactivate): ${notYet}`,
      },
      grant: { supported: false, reversible: true, note: `PATCH /Groups/{id} add members: ${notYet}` },
      revoke: { supported: false, reversible: true, note: `PATCH /Groups/{id} remove members: ${notYet}` },
    },
    quirks: [...SCIM_QUIRKS],
  };
}
