import { Hono } from "hono";
import { sandboxAdmin } from "../kit/admin.ts";
import { SandboxContext, type SandboxOptions } from "../kit/context.ts";
import { sandboxMiddleware } from "../kit/middleware.ts";
import type { RateWindow } from "../kit/rate-limiter.ts";
import { type FetchLike, inProcessFetch } from "../kit/transport.ts";
import type { ProductboardState } from "../world/types.ts";
import { productboardFaultAnswers, productboardNotFound, productboardOnError } from "./fault-answers.ts";
import { quirksAdmin } from "./quirks-admin.ts";
import { PRODUCTBOARD_RATE_WINDOW } from "./rate-limit.ts";
import { restApi } from "./rest-api.ts";
import { scimApi } from "./scim-api.ts";
import { ProductboardWorkspace } from "./workspace.ts";

export { REDACTED } from "./member-json.ts";
export { PRODUCTBOARD_RATE_WINDOW } from "./rate-limit.ts";
export { ProductboardScimStore } from "./scim-store.ts";
export { DEFAULT_SCIM_ROLE } from "./scim-user.ts";
export type { ProductboardSnapshot } from "./workspace.ts";
export { ProductboardWorkspace } from "./workspace.ts";

/** Page size of `GET /v2/members` (the seed's documented maximum; the API takes no page-size parameter). */
export const PRODUCTBOARD_PAGE_SIZE = 100;

export type ProductboardSandboxOptions = SandboxOptions & {
  state: ProductboardState;
  /** Members per `GET /v2/members` page. Default 100. */
  pageSize?: number;
  /** Per-token budget of both surfaces. Default 50 requests per second. */
  rateLimit?: RateWindow;
  /** Fault: the last page's `links.next` repeats the first page's cursor (infinite loop without a guard). */
  repeatFirstCursor?: boolean;
};

export interface ProductboardSandbox {
  app: Hono;
  ctx: SandboxContext;
  state: ProductboardWorkspace;
  fetch: FetchLike;
}

/**
 * A Productboard workspace: REST v2 members at `/v2` and SCIM 2.0 at `/scim/v2`, one source of truth behind both.
 * See docs/sandbox/productboard.md.
 */
export function createProductboardSandbox(options: ProductboardSandboxOptions): ProductboardSandbox {
  const pageSize = options.pageSize ?? PRODUCTBOARD_PAGE_SIZE;
  if (!Number.isInteger(pageSize) || pageSize < 1) {
    throw new Error(`productboard sandbox: pageSize must be a positive integer, got ${options.pageSize}`);
  }
  const ctx = new SandboxContext("productboard", options);
  const workspace = new ProductboardWorkspace(options.state, {
    repeatFirstCursor: options.repeatFirstCursor ?? false,
    seed: ctx.faults.current.seed,
  });
  const rateWindow = options.rateLimit ?? PRODUCTBOARD_RATE_WINDOW;
  const limiter = ctx.limiter([rateWindow]);

  const app = new Hono();
  app.use(
    "*",
    sandboxMiddleware(
      ctx,
      productboardFaultAnswers({ limit: rateWindow.limit, windowMs: ctx.scaleMs(rateWindow.windowMs) }),
    ),
  );
  app.route(
    "/_sandbox",
    sandboxAdmin(ctx, () => workspace.snapshot()),
  );
  app.route("/_sandbox", quirksAdmin(workspace));
  app.route("/v2", restApi({ ctx, workspace, limiter, pageSize }));
  app.route("/scim/v2", scimApi({ ctx, workspace, limiter }));
  app.notFound(productboardNotFound);
  app.onError(productboardOnError);
  return { app, ctx, state: workspace, fetch: inProcessFetch(app) };
}
