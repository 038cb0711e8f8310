import { Hono } from "hono";
import { createScimApp, tokenMatcher } from "../../scim/index.ts";
import type { SandboxContext } from "../kit/context.ts";
import type { RateLimiter } from "../kit/rate-limiter.ts";
import { bearerToken, tokenCheck } from "./auth.ts";
import { perTokenRateLimit } from "./rate-limit.ts";
import { scimErrorResponse } from "./scim-errors.ts";
import { ProductboardScimStore } from "./scim-store.ts";
import { productboardUserRules } from "./scim-user.ts";
import type { ProductboardWorkspace } from "./workspace.ts";

export interface ScimApiOptions {
  ctx: SandboxContext;
  workspace: ProductboardWorkspace;
  limiter: RateLimiter | undefined;
}

/**
 * Productboard's SCIM 2.0 service, to mount at `/scim/v2`: its own token (the REST tokens get 401), no user
 * DELETE (405: deprovision with `active:false`), role in `roles[primary eq true].value` defaulting to contributor,
 * Groups = teams; the same per-token budget as REST, answered with SCIM-shaped 429s.
 */
export function scimApi({ ctx, workspace, limiter }: ScimApiOptions): Hono {
  const store = new ProductboardScimStore(workspace, ctx.nowIso());
  const { scimToken } = workspace.credentials;
  const isScimToken = tokenCheck(scimToken);
  const app = new Hono();
  app.use("*", async (c, next) => {
    store.base = `${new URL(c.req.url).origin}/scim/v2`;
    await next();
  });
  app.use(
    "*",
    perTokenRateLimit(
      limiter,
      (c) => {
        const token = bearerToken(c.req.header("Authorization"));
        return token !== undefined && isScimToken(token) ? token : undefined;
      },
      (_c, headers) =>
        scimErrorResponse(429, "Rate limit exceeded. Retry after the indicated time.", headers),
    ),
  );
  app.route(
    "/",
    createScimApp({
      store,
      authenticate: tokenMatcher([scimToken]),
      userDelete: false,
      clock: ctx.clock,
      hooks: { beforeWriteUser: productboardUserRules },
    }),
  );
  return app;
}
