import { type Context, Hono } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { createScimApp, ERROR_SCHEMA, tokenMatcher } from "../../scim/index.ts";
import { sandboxAdmin } from "../kit/admin.ts";
import { SandboxContext, type SandboxOptions } from "../kit/context.ts";
import { sandboxMiddleware } from "../kit/middleware.ts";
import type { RateWindow } from "../kit/rate-limiter.ts";
import { type FetchLike, inProcessFetch } from "../kit/transport.ts";
import type { DoceboState } from "../world/types.ts";
import { bearerAuth, type DoceboEnv, TOKEN_LIFETIME_MS, TokenIssuer, tokenRoutes } from "./auth.ts";
import { DoceboDirectory } from "./directory.ts";
import { DoceboHttpError, doceboError, MESSAGES, methodNotAllowed } from "./errors.ts";
import { registerGroupRoutes } from "./groups.ts";
import { registerOrgchartRoutes } from "./orgchart.ts";
import { DOCEBO_RATE_LIMIT, rateLimit } from "./rate-limit.ts";
import { DoceboScimStore, SCIM_BRANCH_PATH, SCIM_MANAGER_PATH } from "./scim-store.ts";
import { registerUserWrites } from "./user-writes.ts";
import { registerUserReads, type UserRouteDeps } from "./users.ts";

export { TOKEN_LIFETIME_MS } from "./auth.ts";
export { DoceboDirectory } from "./directory.ts";
export { DOCEBO_RATE_LIMIT } from "./rate-limit.ts";
export { DoceboScimStore, SCIM_BRANCH_PATH, SCIM_MANAGER_PATH } from "./scim-store.ts";

export type DoceboSandboxOptions = SandboxOptions & {
  state: DoceboState;
  /** Default and maximum `page_size` (200). */
  maxPageSize?: number;
  /** Access-token lifetime before time scaling (3,600,000 ms). */
  tokenLifetimeMs?: number;
  /** Budget per API client (default `DOCEBO_RATE_LIMIT`: 1,000 / h). */
  rateLimit?: RateWindow[];
};

export interface DoceboSandbox {
  app: Hono;
  ctx: SandboxContext;
  state: DoceboDirectory;
  fetch: FetchLike;
}

const isScim = (c: Context) => c.req.path.startsWith("/scim/");

/**
 * The Docebo platform API: `/oauth2/token`, `/manage/v1/{user,orgchart,group}` and SCIM 2.0 at `/scim/v2`, over
 * one directory of users, branches and groups. See docs/sandbox/docebo.md.
 */
export function createDoceboSandbox(options: DoceboSandboxOptions): DoceboSandbox {
  const ctx = new SandboxContext("docebo", options);
  const { credentials } = options.state;
  const directory = new DoceboDirectory(options.state, () => ctx.clock.now());
  const issuer = new TokenIssuer(ctx, ctx.scaleMs(options.tokenLifetimeMs ?? TOKEN_LIFETIME_MS));
  const limiter = ctx.limiter(options.rateLimit ?? DOCEBO_RATE_LIMIT);
  const deps: UserRouteDeps = {
    ctx,
    directory,
    maxPageSize: options.maxPageSize ?? 200,
    adminUsername: credentials.username,
  };

  const app = new Hono();
  app.use(
    "*",
    sandboxMiddleware(ctx, {
      rateLimited: (c) => (isScim(c) ? scimFault(c, 429, "Too many requests") : tooManyRequests(c)),
      serverError: (c, status) => {
        const message = status === 503 ? MESSAGES.overloaded : MESSAGES.serverError;
        return isScim(c)
          ? scimFault(c, status as ContentfulStatusCode, message)
          : doceboError(c, status as ContentfulStatusCode, message);
      },
    }),
  );
  app.route(
    "/_sandbox",
    sandboxAdmin(ctx, () => directory.snapshot()),
  );
  app.route("/oauth2", tokenRoutes(issuer, credentials, directory));

  const manage = new Hono<DoceboEnv>();
  manage.use("*", bearerAuth(issuer));
  manage.use(
    "*",
    rateLimit(limiter, (c) => `client:${c.get("clientId")}`, tooManyRequests),
  );
  const users = new Hono<DoceboEnv>();
  registerUserReads(users, deps);
  registerUserWrites(users, deps);
  users.all("/", methodNotAllowed(["GET", "POST"]));
  users.all("/:id{[0-9]+}", methodNotAllowed(["GET", "PUT", "PATCH"]));
  users.all("/delete", methodNotAllowed(["DELETE"]));
  users.all("/change_status", methodNotAllowed(["PUT"]));
  manage.route("/v1/user", users);
  const orgchart = new Hono<DoceboEnv>();
  registerOrgchartRoutes(orgchart, deps);
  manage.route("/v1/orgchart", orgchart);
  const groups = new Hono<DoceboEnv>();
  registerGroupRoutes(groups, deps);
  manage.route("/v1/group", groups);
  app.route("/manage", manage);

  // SCIM 2.0 over the same directory, with its own token and its own budget; manager and branch are readOnly.
  const scimStore = new DoceboScimStore(directory);
  app.use(
    "/scim/*",
    rateLimit(
      limiter,
      () => "scim",
      (c) => scimFault(c, 429, "Too many requests"),
    ),
  );
  app.route(
    "/scim/v2",
    createScimApp({
      store: scimStore,
      authenticate: tokenMatcher([credentials.scimToken]),
      clock: ctx.clock,
      readOnlyAttributes: [SCIM_MANAGER_PATH, SCIM_BRANCH_PATH],
      hooks: { beforeWriteGroup: scimStore.refuseDynamicGroupWrites },
    }),
  );

  app.notFound((c) =>
    isScim(c) ? scimFault(c, 404, "Resource not found") : doceboError(c, 404, MESSAGES.notFound),
  );
  app.onError((err, c) => {
    if (err instanceof DoceboHttpError) return doceboError(c, err.status, err.message, err.headers);
    return isScim(c) ? scimFault(c, 500, MESSAGES.serverError) : doceboError(c, 500, MESSAGES.serverError);
  });
  return { app, ctx, state: directory, fetch: inProcessFetch(app) };
}

/** Docebo's 429: no `Retry-After`, no rate-limit headers. */
function tooManyRequests(c: Context): Response {
  return doceboError(c, 429, MESSAGES.rateLimited);
}

/** The SCIM error body for answers the engine does not give itself (faults, budget, paths outside /scim/v2). */
function scimFault(c: Context, status: ContentfulStatusCode, detail: string): Response {
  return c.json({ schemas: [ERROR_SCHEMA], status: String(status), detail }, status, {
    "Content-Type": "application/scim+json",
  });
}
