import { Hono } from "hono";
import type { SandboxContext } from "../kit/context.ts";
import type { RateLimiter } from "../kit/rate-limiter.ts";
import { productboardError } from "./errors.ts";
import { memberRoutes } from "./members.ts";
import { perTokenRateLimit } from "./rate-limit.ts";
import { type RestEnv, restAuth } from "./rest-auth.ts";
import type { ProductboardWorkspace } from "./workspace.ts";

export interface RestApiOptions {
  ctx: SandboxContext;
  workspace: ProductboardWorkspace;
  limiter: RateLimiter | undefined;
  pageSize: number;
}

/** The REST v2 surface, to mount at `/v2`: auth, then the per-token budget, then the routes. */
export function restApi({ ctx, workspace, limiter, pageSize }: RestApiOptions): Hono<RestEnv> {
  const app = new Hono<RestEnv>();
  app.use("*", restAuth(workspace));
  app.use(
    "*",
    perTokenRateLimit<RestEnv>(
      limiter,
      (c) => c.get("access").token,
      (c, headers) =>
        productboardError(
          c,
          429,
          "rate_limit_exceeded",
          "Rate limit exceeded. Retry after the indicated time.",
          headers,
        ),
    ),
  );
  memberRoutes(app, { ctx, workspace, pageSize });
  return app;
}
