/**
 * The connector contract: a small core every connector implements (describe + the three listings), and opt-in
 * capabilities for writes (later issues). Connectors parse raw payloads at the boundary and map them with pure
 * functions; they never sleep or retry on their own — the shared HTTP client (src/http) does.
 */
import type { Account, Grant, Group } from "../core/account.ts";

export type CapabilityName =
  | "listAccounts"
  | "listGroups"
  | "listGrants"
  | "getAccount"
  | "createAccount"
  | "updateAccount"
  | "disableAccount"
  | "enableAccount"
  | "deleteAccount"
  | "grant"
  | "revoke";

export interface Capability {
  supported: boolean;
  /** Whether the effect can be undone through the API (ProofHub delete: no; Docebo change_status: yes). */
  reversible?: boolean;
  /** What the app really does, in a sentence (e.g. "Productboard has no user delete: deactivate instead"). */
  note?: string;
}

export interface ConnectorDescription {
  /** App type, e.g. `podio`. */
  type: string;
  /** Instance name from the config. */
  app: string;
  capabilities: Partial<Record<CapabilityName, Capability>>;
  /** Traps of this API that the connector handles, one line each. */
  quirks: string[];
}

/** Figures a listing reports for progress and for the sync summary. */
export interface ListingProgress {
  /** `accounts`, `groups`, `grants`. */
  listing: string;
  pages: number;
  records: number;
}

/**
 * The sync calls `listAccounts`, then `listGroups`, then `listGrants` on one instance, so a connector may derive
 * grants from what the earlier listings returned (e.g. ProofHub people carry their `projects`) instead of fetching
 * them again.
 */
export interface Connector {
  describe(): ConnectorDescription;
  /** Every account, page by page (an async iterator over pages). */
  listAccounts(): AsyncIterable<Account[]>;
  /** Every group / team / project / space / branch. */
  listGroups(): AsyncIterable<Group[]>;
  /** Every account → group (or role) membership. */
  listGrants(): AsyncIterable<Grant[]>;
  /**
   * One account by external id, or null when the app says it does not exist (404). The sync uses it to re-verify an
   * account that a listing did not return before marking it gone (offset paging skips records under drift).
   */
  getAccount?(externalId: string): Promise<Account | null>;
  /** HTTP counters of this connector's client(s). */
  stats(): ConnectorStats;
}

export interface ConnectorStats {
  requests: number;
  retries: number;
  /** 429 / 420 responses received. */
  rateLimited: number;
  waits: number;
  waitedMs: number;
}

/** What the runtime hands every connector factory. */
export interface ConnectorDeps {
  /** Injected transport: a sandbox's in-process fetch in tests, global fetch otherwise. */
  fetch?: (input: string | URL | Request, init?: RequestInit) => Promise<Response>;
  /** pino logger; request lines carry no secrets. */
  logger?: import("pino").Logger;
  /**
   * Time for the HTTP layer's pacing and backoff. Default: real time. Tests pass virtual time
   * (`virtualTime({ clock: sandbox.ctx.clock })` from src/http/testing) so rate windows and backoffs cost nothing.
   */
  clock?: import("../http/timers.ts").Clock;
  sleep?: import("../http/timers.ts").Sleep;
  /**
   * `tuned` (default): largest page sizes, the app's known budget paced proactively, the connector's concurrency.
   * `naive` (the sync benchmark's baseline, bench/sync.ts): the app's default page sizes, one request at a time,
   * no known budget — limits are learnt from 429/420 answers and their Retry-After only.
   */
  profile?: "tuned" | "naive";
}
