import { Hono } from "hono";
import { sandboxAdmin } from "../kit/admin.ts";
import { SandboxContext, type SandboxOptions } from "../kit/context.ts";
import { sandboxMiddleware } from "../kit/middleware.ts";
import type { RateWindow } from "../kit/rate-limiter.ts";
import { type FetchLike, inProcessFetch } from "../kit/transport.ts";
import type { ProductiveState } from "../world/types.ts";
import { authenticate, PRODUCTIVE_RATE_WINDOWS } from "./access.ts";
import type { EndpointContext } from "./endpoint-context.ts";
import { recordNotFound, serverError, tooManyRequests } from "./json-api.ts";
import { peopleRoutes } from "./people.ts";
import { personLifecycleRoutes } from "./person-lifecycle.ts";
import { ProductiveStore } from "./store.ts";
import { userRoutes } from "./users.ts";

export { PRODUCTIVE_RATE_WINDOWS } from "./access.ts";
export type { DriftEvent, ProductiveSnapshot, ProductiveStore } from "./store.ts";

/** Where the API lives, as on `https://api.productive.io/api/v2`. */
export const PRODUCTIVE_BASE_PATH = "/api/v2";

export type ProductiveSandboxOptions = SandboxOptions & {
  state: ProductiveState;
  /** `page[size]` when the request gives none. Default 30. */
  defaultPageSize?: number;
  /** Largest `page[size]`; larger requests are clamped. Default 200. */
  maxPageSize?: number;
  /** Person who owns the API token: deactivating or archiving them kills the token. Default: nobody. */
  tokenOwnerPersonId?: string;
  /** Rate-limit budget per token. Default 100 / 10 s and 4,000 / 30 min. */
  rateWindows?: readonly RateWindow[];
  /** Current password of every user for `update_password`. Default `password1234` (the doc's example). */
  defaultPassword?: string;
  /** Per-user current passwords, by user id. */
  userPasswords?: Record<string, string>;
};

export interface ProductiveSandbox {
  app: Hono;
  ctx: SandboxContext;
  state: ProductiveStore;
  fetch: FetchLike;
}

function positiveInteger(name: string, value: number): number {
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new Error(`productive sandbox: ${name} must be a positive integer, got ${value}`);
  }
  return value;
}

/** A Productive.io API emulator: JSON:API users and people at `/api/v2`, admin under `/_sandbox`. */
export function createProductiveSandbox({
  state,
  defaultPageSize = 30,
  maxPageSize = 200,
  tokenOwnerPersonId,
  rateWindows = PRODUCTIVE_RATE_WINDOWS,
  defaultPassword = "password1234",
  userPasswords,
  ...options
}: ProductiveSandboxOptions): ProductiveSandbox {
  const maxSize = positiveInteger("maxPageSize", maxPageSize);
  const paging = {
    defaultSize: Math.min(positiveInteger("defaultPageSize", defaultPageSize), maxSize),
    maxSize,
  };
  const ctx = new SandboxContext("productive", options);
  const store = new ProductiveStore(state, {
    defaultPassword,
    ...(tokenOwnerPersonId === undefined ? {} : { tokenOwnerPersonId }),
    ...(userPasswords === undefined ? {} : { userPasswords }),
  });
  const limiter = ctx.limiter(rateWindows);
  const endpoints: EndpointContext = {
    ctx,
    store,
    paging,
    userAccess: authenticate(store, limiter, "optional"),
    organizationAccess: authenticate(store, limiter, "required"),
  };
  const shortestWindowMs = Math.min(...rateWindows.map((w) => w.windowMs));

  const app = new Hono();
  app.use(
    "*",
    sandboxMiddleware(ctx, {
      serverError: (_c, status) => serverError(status),
      rateLimited: () => tooManyRequests(ctx.scaleMs(shortestWindowMs) / 1000),
    }),
  );
  app.route(
    "/_sandbox",
    sandboxAdmin(ctx, () => store.snapshot()),
  );
  app.route(PRODUCTIVE_BASE_PATH, userRoutes(endpoints));
  app.route(PRODUCTIVE_BASE_PATH, peopleRoutes(endpoints));
  app.route(PRODUCTIVE_BASE_PATH, personLifecycleRoutes(endpoints));
  app.notFound(() => recordNotFound());
  app.onError(() => serverError(500));
  return { app, ctx, state: store, fetch: inProcessFetch(app) };
}
