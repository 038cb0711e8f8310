/**
 * All five sandboxes at once: built from one world, served on 127.0.0.1, described for people (URLs and
 * credentials) and for roster itself (a ready-to-use roster.yaml).
 */
import type { Hono } from "hono";
import { stringify } from "yaml";
import { createDoceboSandbox } from "./docebo/index.ts";
import type { SandboxContext, SandboxOptions } from "./kit/context.ts";
import { type FetchLike, type RunningServer, startServer } from "./kit/transport.ts";
import { createPodioSandbox } from "./podio/index.ts";
import { createProductboardSandbox } from "./productboard/index.ts";
import { createProductiveSandbox } from "./productive/index.ts";
import { createProofhubSandbox } from "./proofhub/index.ts";
import { APP_NAMES, type AppName, type World } from "./world/types.ts";

export interface SandboxApp {
  /** Each sandbox types its own Hono env; here only `fetch`/`request` matter. */
  app: Pick<Hono, "fetch" | "request">;
  ctx: SandboxContext;
  fetch: FetchLike;
}

export type SandboxSet = Record<AppName, SandboxApp>;

export interface SandboxSetOptions extends SandboxOptions {
  /** Options for one app only, merged over the shared ones. */
  perApp?: Partial<Record<AppName, SandboxOptions>>;
}

/** Build the five sandboxes over a (time-shifted) world. */
export function createSandboxes(world: World, options: SandboxSetOptions = {}): SandboxSet {
  const { perApp = {}, ...shared } = options;
  const opts = (name: AppName) => ({ ...shared, ...perApp[name] });
  return {
    productboard: createProductboardSandbox({ ...opts("productboard"), state: world.apps.productboard }),
    productive: createProductiveSandbox({ ...opts("productive"), state: world.apps.productive }),
    proofhub: createProofhubSandbox({ ...opts("proofhub"), state: world.apps.proofhub }),
    podio: createPodioSandbox({ ...opts("podio"), state: world.apps.podio }),
    docebo: createDoceboSandbox({ ...opts("docebo"), state: world.apps.docebo }),
  };
}

export interface RunningSandboxes {
  urls: Record<AppName, string>;
  close(): Promise<void>;
}

/** Serve every sandbox; `portBase` 0 picks free ports, otherwise apps get portBase, portBase+1, ... */
export async function startSandboxes(
  set: SandboxSet,
  portBase = 0,
  host = "127.0.0.1",
): Promise<RunningSandboxes> {
  const servers: RunningServer[] = [];
  const urls = {} as Record<AppName, string>;
  try {
    for (const [i, name] of APP_NAMES.entries()) {
      const server = await startServer(set[name].app, portBase === 0 ? 0 : portBase + i, host);
      servers.push(server);
      urls[name] = server.url;
    }
  } catch (err) {
    await Promise.all(servers.map((s) => s.close()));
    throw new Error(`cannot start the sandboxes: ${(err as Error).message}`);
  }
  return { urls, close: async () => void (await Promise.all(servers.map((s) => s.close()))) };
}

/** Each app's base URL(s) and credentials, as the sandbox expects them. */
export function sandboxEndpoints(world: World, urls: Record<AppName, string>) {
  const { productboard, productive, proofhub, podio, docebo } = world.apps;
  return {
    productboard: {
      restBaseUrl: urls.productboard,
      scimBaseUrl: `${urls.productboard}/scim/v2`,
      restToken: productboard.credentials.restToken,
      restTokenWithoutPii: productboard.credentials.restTokenNoPii,
      scimToken: productboard.credentials.scimToken,
    },
    productive: {
      baseUrl: `${urls.productive}/api/v2`,
      token: productive.credentials.token,
      organizationId: productive.credentials.organizationId,
    },
    proofhub: { baseUrl: `${urls.proofhub}/api/v3`, apiKey: proofhub.credentials.apiKey },
    podio: {
      baseUrl: urls.podio,
      orgId: podio.org.org_id,
      clientId: podio.credentials.clientId,
      clientSecret: podio.credentials.clientSecret,
      username: podio.credentials.username,
      password: podio.credentials.password,
      appId: podio.credentials.appId,
      appToken: podio.credentials.appToken,
    },
    docebo: {
      baseUrl: urls.docebo,
      scimBaseUrl: `${urls.docebo}/scim/v2`,
      clientId: docebo.credentials.clientId,
      clientSecret: docebo.credentials.clientSecret,
      scimToken: docebo.credentials.scimToken,
    },
  };
}

export interface SandboxConfigOptions {
  /** HR export to import (the world's hr.csv). */
  hrPath?: string;
  /** SQLite file of the store. */
  sqlitePath?: string;
}

/** A roster.yaml for these sandboxes. Sandbox credentials are written inline; real ones belong in ${ENV}. */
export function sandboxConfigYaml(
  world: World,
  urls: Record<AppName, string>,
  options: SandboxConfigOptions = {},
) {
  const e = sandboxEndpoints(world, urls);
  const config = {
    company: { name: world.company.name, domains: world.company.domains },
    store: { sqlite: options.sqlitePath ?? ".roster/roster.db" },
    ...(options.hrPath ? { hr: { path: options.hrPath, format: "csv" } } : {}),
    findings: { staleDays: world.thresholds.staleDays, inviteDays: world.thresholds.inviteDays },
    apps: {
      productboard: {
        type: "productboard",
        baseUrl: e.productboard.restBaseUrl,
        mode: "rest",
        token: e.productboard.restToken,
        scimToken: e.productboard.scimToken,
      },
      productive: {
        type: "productive",
        baseUrl: e.productive.baseUrl,
        token: e.productive.token,
        organizationId: e.productive.organizationId,
        // Productive's API lists no role definitions: names and admin flags come from the config.
        roles: world.apps.productive.roles.map((r) => ({ id: r.id, name: r.name, admin: r.admin })),
      },
      proofhub: {
        type: "proofhub",
        baseUrl: e.proofhub.baseUrl,
        apiKey: e.proofhub.apiKey,
        userAgent: "roster (it@northwind.example)",
      },
      podio: {
        type: "podio",
        baseUrl: e.podio.baseUrl,
        orgId: e.podio.orgId,
        clientId: e.podio.clientId,
        clientSecret: e.podio.clientSecret,
        username: e.podio.username,
        password: e.podio.password,
      },
      docebo: {
        type: "docebo",
        baseUrl: e.docebo.baseUrl,
        clientId: e.docebo.clientId,
        clientSecret: e.docebo.clientSecret,
      },
    },
  };
  return `# roster configuration for the local sandboxes, written by \`roster sandbox\`.
# These are sandbox credentials, written inline for convenience. For real apps write \${ENV_VAR} references
# instead (see docs/config.md) so that no secret sits in this file.
${stringify(config, { lineWidth: 0 })}`;
}
