/**
 * Podio sandbox: an emulator of Podio's API for one organization, served at the origin root (the official JS SDK
 * drops any path in its base URL). What it emulates and where it departs from the seed guide: docs/sandbox/podio.md.
 */
import { Hono } from "hono";
import { sandboxAdmin } from "../kit/admin.ts";
import { SandboxContext, type SandboxOptions } from "../kit/context.ts";
import { sandboxMiddleware } from "../kit/middleware.ts";
import { type FetchLike, inProcessFetch } from "../kit/transport.ts";
import type { PodioState } from "../world/types.ts";
import type { PodioDeps, PodioEnv } from "./env.ts";
import {
  asStatus,
  noOperation,
  PodioApiError,
  podioErrorBody,
  podioErrorResponse,
  serverErrorName,
} from "./errors.ts";
import { oauthRoutes } from "./oauth.ts";
import { orgMemberRoutes } from "./org-members.ts";
import {
  GENERAL_LIMIT_PER_HOUR,
  PodioLimits,
  RESTRICTED_LIMIT_PER_HOUR,
  rateLimitedResponse,
} from "./rate-limits.ts";
import { spaceRoutes } from "./spaces.ts";
import { PodioStore } from "./store.ts";
import { ACCESS_TOKEN_LIFETIME_MS, REFRESH_TOKEN_LIFETIME_MS, TokenStore } from "./tokens.ts";

export { PodioApiError } from "./errors.ts";
export type { PodioStore } from "./store.ts";

/** The wait Podio's documented 420 body names ("Please wait 300 seconds"), used for injected storms. */
const STORM_WAIT_MS = 300_000;

export type PodioSandboxOptions = SandboxOptions & {
  state: PodioState;
  /** Access token lifetime in real time (divided by `timeScale` like every duration). Default 8 h. */
  accessTokenLifetimeMs?: number;
  /** Refresh token lifetime in real time (divided by `timeScale`). Default 28 days. */
  refreshTokenLifetimeMs?: number;
  /** Send `Retry-After` on 420 answers. Default false (the official docs do not mention it). */
  retryAfterHeader?: boolean;
  /** Largest `limit` list endpoints accept (more is 400). Default 100. */
  maxLimit?: number;
  /** `limit` of `GET /org/{id}/member/` when none is given. Default 20 (seed guide). */
  orgMemberDefaultLimit?: number;
  /** `limit` of `GET /space/{id}/member/v2/` when none is given. Default 100 (official docs). */
  spaceMemberDefaultLimit?: number;
  /** Calls per hour per user per client id. Default 1,000. */
  rateLimitPerHour?: number;
  /** Calls per hour of "rate limited" operations. Default 250. */
  restrictedRateLimitPerHour?: number;
  /** A refresh token works once (the response carries its replacement). Default true. */
  rotateRefreshTokens?: boolean;
  /** Accept `Authorization: Bearer` next to `OAuth2`. Default false: Podio documents `OAuth2` only. */
  acceptBearer?: boolean;
  /** More password-grant logins besides `state.credentials` (e.g. a non-admin member, for 403 tests). */
  logins?: { username: string; password: string }[];
};

export interface PodioSandbox {
  app: Hono;
  ctx: SandboxContext;
  state: PodioStore;
  fetch: FetchLike;
}

export function createPodioSandbox(options: PodioSandboxOptions): PodioSandbox {
  const ctx = new SandboxContext("podio", options);
  const store = new PodioStore(options.state);
  const logins = new Map<string, string>();
  for (const login of [options.state.credentials, ...(options.logins ?? [])]) {
    logins.set(login.username.toLowerCase(), login.password);
  }
  const settings = {
    maxLimit: options.maxLimit ?? 100,
    orgMemberDefaultLimit: options.orgMemberDefaultLimit ?? 20,
    spaceMemberDefaultLimit: options.spaceMemberDefaultLimit ?? 100,
    retryAfterHeader: options.retryAfterHeader ?? false,
    acceptBearer: options.acceptBearer ?? false,
    logins,
  };
  const deps: PodioDeps = {
    ctx,
    store,
    settings,
    tokens: new TokenStore(
      ctx,
      {
        accessMs: ctx.scaleMs(options.accessTokenLifetimeMs ?? ACCESS_TOKEN_LIFETIME_MS),
        refreshMs: ctx.scaleMs(options.refreshTokenLifetimeMs ?? REFRESH_TOKEN_LIFETIME_MS),
      },
      options.rotateRefreshTokens ?? true,
    ),
    limits: new PodioLimits(ctx, {
      general: options.rateLimitPerHour ?? GENERAL_LIMIT_PER_HOUR,
      restricted: options.restrictedRateLimitPerHour ?? RESTRICTED_LIMIT_PER_HOUR,
    }),
  };

  const app = new Hono();
  app.use(
    "*",
    sandboxMiddleware(ctx, {
      serverError: (c, status) =>
        c.json(
          podioErrorBody(c, serverErrorName(status), "The service is temporarily unavailable"),
          asStatus(status),
        ),
      // A storm has no real window behind it: say the documented 300 s, in sandbox time.
      rateLimited: (c) =>
        rateLimitedResponse(
          c,
          settings.retryAfterHeader,
          options.rateLimitPerHour ?? GENERAL_LIMIT_PER_HOUR,
          ctx.scaleMs(STORM_WAIT_MS),
        ),
    }),
  );
  app.route(
    "/_sandbox",
    sandboxAdmin(ctx, () => store.snapshot()),
  );
  app.route("/", oauthRoutes(deps));
  const api = new Hono<PodioEnv>();
  orgMemberRoutes(api, deps);
  spaceRoutes(api, deps);
  app.route("/", api);

  app.notFound((c) => podioErrorResponse(c, noOperation(c.req.method, c.req.path)));
  app.onError((err, c) => {
    if (err instanceof PodioApiError) return podioErrorResponse(c, err);
    // Never a stack trace: whatever slipped through is Podio's generic 500.
    return c.json(podioErrorBody(c, "server_error", "An unexpected error occurred"), 500);
  });

  return { app, ctx, state: store, fetch: inProcessFetch(app) };
}
