/**
 * Productboard: members from REST v2 (`mode: rest`, the REST token) or from SCIM 2.0 (`mode: scim`, the separate
 * SCIM token); teams only from SCIM Groups, since REST v2 has no teams. See docs/connectors/productboard.md.
 */
import type { z } from "zod";
import type { ProductboardConfig as ProductboardConfigSchema } from "../../config/schema.ts";
import { bearer, createHttpClient, type HttpClient, type RateLimiterOptions } from "../../http/index.ts";
import type { Capability, Connector, ConnectorDeps, ConnectorDescription } from "../contract.ts";
import {
  createScimListings,
  createScimReader,
  SCIM_QUIRKS,
  type ScimListings,
  sumStats,
} from "../scim/index.ts";
import { getMember, listMembers, PRODUCTBOARD_RATE_LIMIT } from "./client.ts";
import { memberToAccount, scimUserToProductboardAccount } from "./mappers/to-account.ts";

export { PRODUCTBOARD_PAGE_SIZE, PRODUCTBOARD_RATE_LIMIT } from "./client.ts";
export * from "./mappers/to-account.ts";

export type ProductboardConfig = z.infer<typeof ProductboardConfigSchema>;

/** SCIM lives under the API origin with its own token. */
export const PRODUCTBOARD_SCIM_PATH = "/scim/v2";

export function createProductboardConnector(
  app: string,
  config: ProductboardConfig,
  deps: ConnectorDeps,
): Connector {
  // One budget per token: the REST and the SCIM token each get 50 req/s, so each client has its own limiter.
  // The naive profile (bench/sync.ts baseline) knows no budget and sends one request at a time.
  const limits: Omit<RateLimiterOptions, "clock" | "sleep"> =
    deps.profile === "naive"
      ? { windows: [], concurrency: 1 }
      : { windows: config.rateLimit ?? [PRODUCTBOARD_RATE_LIMIT], concurrency: config.concurrency ?? 4 };
  const clientFor = (baseUrl: string, token: string, accept: string) =>
    createHttpClient({
      app,
      baseUrl,
      auth: bearer(token),
      limits,
      headers: { Accept: accept },
      ...(config.timeoutMs ? { timeoutMs: config.timeoutMs } : {}),
      ...(deps.fetch ? { fetch: deps.fetch } : {}),
      ...(deps.logger ? { logger: deps.logger } : {}),
      ...(deps.clock ? { clock: deps.clock } : {}),
      ...(deps.sleep ? { sleep: deps.sleep } : {}),
    });

  const rest =
    config.mode === "rest"
      ? clientFor(config.baseUrl, required(config.token, "token"), "application/json")
      : undefined;
  const scimToken = config.mode === "scim" ? required(config.scimToken, "scimToken") : config.scimToken;
  const scim = scimToken
    ? clientFor(scimBaseUrl(config.baseUrl), scimToken, "application/scim+json, application/json")
    : undefined;
  const clients = [rest, scim].filter((c): c is HttpClient => c !== undefined);

  // Teams (SCIM Groups) in either mode when the SCIM token is there; in mode scim the Users too.
  const scimListings: ScimListings | undefined = scim
    ? createScimListings({
        app,
        reader: createScimReader(scim),
        toAccount: (user) => scimUserToProductboardAccount(app, user),
        groupKind: "team",
      })
    : undefined;

  const describe = () => describeProductboard(app, config.mode, scim !== undefined);
  const stats = () => sumStats(clients);

  if (rest) {
    return {
      describe,
      stats,
      async *listAccounts() {
        for await (const page of listMembers(rest)) yield page.items.map((m) => memberToAccount(app, m));
      },
      // REST v2 has no teams: without the SCIM token there is nothing to list (documented in describe()).
      listGroups: () => scimListings?.listGroups() ?? nothing(),
      listGrants: () => scimListings?.listGrants() ?? nothing(),
      async getAccount(externalId: string) {
        const member = await getMember(rest, externalId);
        return member ? memberToAccount(app, member) : null;
      },
    };
  }
  const listings = scimListings!;
  return { describe, stats, ...listings };
}

function required(value: string | undefined, key: string): string {
  // The config schema already refuses a mode without its token; this guards direct callers.
  if (!value) throw new Error(`productboard: the config needs \`${key}\` for this mode`);
  return value;
}

export function scimBaseUrl(baseUrl: string): string {
  return `${baseUrl.replace(/\/+$/, "")}${PRODUCTBOARD_SCIM_PATH}`;
}

async function* nothing<T>(): AsyncGenerator<T[], void, undefined> {}

function describeProductboard(app: string, mode: "rest" | "scim", teams: boolean): ConnectorDescription {
  const notYet = "roster does not write to Productboard yet";
  const teamListing: Capability = teams
    ? { supported: true, note: "teams = SCIM Groups (GET /scim/v2/Groups with the SCIM token)" }
    : {
        supported: false,
        note: "REST v2 has no teams: set `scimToken` to read teams through SCIM Groups (nothing is listed until then)",
      };
  return {
    type: "productboard",
    app,
    capabilities: {
      listAccounts: {
        supported: true,
        note:
          mode === "rest"
            ? "GET /v2/members?includeDisabled=true&includeInvited=true (REST token)"
            : "GET /scim/v2/Users (SCIM token)",
      },
      listGroups: teamListing,
      listGrants: { ...teamListing, ...(teams ? { note: "team members from the SCIM Groups listing" } : {}) },
      getAccount: {
        supported: true,
        note: mode === "rest" ? "GET /v2/members/{id}" : "GET /scim/v2/Users/{id}",
      },
      createAccount: {
        supported: false,
        note: `SCIM POST /Users (userName = e-mail, default role contributor; needs Enterprise + SAML SSO): ${notYet}`,
      },
      updateAccount: { supported: false, note: `SCIM PUT / PATCH /Users/{id}: ${notYet}` },
      disableAccount: {
        supported: false,
        reversible: true,
        note: `deactivate with SCIM PATCH active=false (data is kept): ${notYet}`,
      },
      enableAccount: { supported: false, reversible: true, note: `SCIM PATCH active=true: ${notYet}` },
      deleteAccount: {
        supported: false,
        reversible: false,
        note: "Productboard has no user delete (REST none, SCIM DELETE /Users answers 405): deactivate instead",
      },
      grant: {
        supported: false,
        reversible: true,
        note: `team membership via SCIM PATCH /Groups/{id}: ${notYet}`,
      },
      revoke: {
        supported: false,
        reversible: true,
        note: `team membership via SCIM PATCH /Groups/{id}: ${notYet}`,
      },
    },
    quirks: [
      'A token without members:pii:read (or a member the workspace hides) shows name and email as the literal "[redacted]": the account keeps email "[redacted]" (never matched to a person; findings say unknown identity) and a null display name.',
      "GET /v2/members hides disabled and invited members by default: roster always sends includeDisabled=true&includeInvited=true.",
      "Cursor paging via links.next; a cursor handed back twice (the community-reported last page linking to the first cursor) stops the listing with an error instead of looping, so nothing is marked gone.",
      "REST v2 has no teams; teams (and who is in them) come only from SCIM Groups, so only when the SCIM token is configured.",
      "The SCIM token is a different token from the REST token (a REST token on /scim/v2 gets 401); each has its own 50 req/s budget.",
      "No activity field anywhere; REST v2 shows no creation date either (SCIM has meta.created).",
      "SCIM shows only active true/false: in mode scim a pending invitation reads as active.",
      "Role: REST fields.role; SCIM roles[primary eq true].value, contributor when absent. admin is privileged.",
      ...(teams ? SCIM_QUIRKS.map((quirk) => `SCIM: ${quirk}`) : []),
    ],
  };
}
