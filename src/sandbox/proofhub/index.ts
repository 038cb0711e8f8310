import { Hono } from "hono";
import { sandboxAdmin } from "../kit/admin.ts";
import { SandboxContext, type SandboxOptions } from "../kit/context.ts";
import { sandboxMiddleware } from "../kit/middleware.ts";
import type { RateWindow } from "../kit/rate-limiter.ts";
import { type FetchLike, inProcessFetch } from "../kit/transport.ts";
import type { ProofhubState } from "../world/types.ts";
import { proofhubError, retryAfterSeconds } from "./errors.ts";
import { groupRoutes } from "./groups.ts";
import { proofhubGuard, type UserAgentPolicy } from "./guard.ts";
import { DEFAULT_PAGE_SIZES } from "./paging.ts";
import { peopleRoutes } from "./people.ts";
import { projectRoutes } from "./projects.ts";
import { roleRoutes } from "./roles.ts";
import type { RouteDeps } from "./routes.ts";
import { proofhubSandboxRoutes } from "./sandbox-routes.ts";
import { ProofhubStore } from "./store.ts";

export type { UserAgentPolicy } from "./guard.ts";
export type { DriftEvent, KeyStatus } from "./store.ts";
export { ProofhubStore } from "./store.ts";

/** ProofHub's budget since September 2020: 25 requests per 10 seconds (the seed's 30 is out of date). */
export const PROOFHUB_RATE_LIMIT: RateWindow = { limit: 25, windowMs: 10_000 };

export type ProofhubSandboxOptions = SandboxOptions & {
  state: ProofhubState;
  /** Records per list page when the request has no `limit` (default 25, as the seed says). */
  defaultPageSize?: number;
  /** Cap on `limit` (default 100, the documented maximum per request). */
  maxPageSize?: number;
  /** Person the API key belongs to (default: the first active admin, if any; without an owner the key never dies). */
  keyOwnerId?: number;
  /** Default 25 / 10 s per key. */
  rateLimit?: RateWindow;
  /** Default `app-and-email`: see `UserAgentPolicy`. */
  userAgent?: UserAgentPolicy;
};

export interface ProofhubSandbox {
  app: Hono;
  ctx: SandboxContext;
  state: ProofhubStore;
  fetch: FetchLike;
}

/** An in-memory ProofHub v3 API over a copy of `options.state`, served at `/api/v3`. */
export function createProofhubSandbox(options: ProofhubSandboxOptions): ProofhubSandbox {
  const ctx = new SandboxContext("proofhub", options);
  const pageSizes = {
    defaultPageSize: positive(
      "defaultPageSize",
      options.defaultPageSize ?? DEFAULT_PAGE_SIZES.defaultPageSize,
    ),
    maxPageSize: positive("maxPageSize", options.maxPageSize ?? DEFAULT_PAGE_SIZES.maxPageSize),
  };
  const rateLimit = options.rateLimit ?? PROOFHUB_RATE_LIMIT;
  const store = new ProofhubStore(
    options.state,
    options.keyOwnerId ?? firstAdmin(options.state),
    ctx.faults.current.seed,
  );
  const deps: RouteDeps = { ctx, store, pageSizes };

  const app = new Hono({ strict: false });
  app.use(
    "*",
    sandboxMiddleware(ctx, {
      serverError: (_c, status) =>
        proofhubError(status, "The server could not handle the request, try again later"),
      rateLimited: () =>
        proofhubError(429, "Rate limit exceeded", {
          headers: { "retry-after": retryAfterSeconds(ctx.scaleMs(rateLimit.windowMs)) },
        }),
    }),
  );
  app.route(
    "/_sandbox",
    sandboxAdmin(ctx, () => store.snapshot()),
  );
  app.route("/_sandbox", proofhubSandboxRoutes(ctx, store));

  app.use(
    "/api/v3/*",
    proofhubGuard({
      store,
      limiter: ctx.limiter([rateLimit]),
      userAgent: options.userAgent ?? "app-and-email",
    }),
  );
  app.route("/api/v3/people", peopleRoutes(deps));
  app.route("/api/v3/projects", projectRoutes(deps));
  app.route("/api/v3/groups", groupRoutes(deps));
  app.route("/api/v3/roles", roleRoutes(deps));

  app.notFound(() => proofhubError(404, "Not found"));
  app.onError(() => proofhubError(500, "Internal server error"));

  return { app, ctx, state: store, fetch: inProcessFetch(app) };
}

/** The default key owner: the first active (joined, not suspended) admin, else the first admin at all. */
function firstAdmin(state: ProofhubState): number | undefined {
  const adminRoles = new Set(state.roles.filter((role) => role.admin).map((role) => role.id));
  const admins = state.people.filter((person) => adminRoles.has(person.role.id));
  return (admins.find((person) => person.verified && !person.suspended) ?? admins[0])?.id;
}

function positive(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`proofhub sandbox: ${name} must be a positive integer`);
  return value;
}
