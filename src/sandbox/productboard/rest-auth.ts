import type { MiddlewareHandler } from "hono";
import { bearerToken, tokenCheck } from "./auth.ts";
import { productboardError } from "./errors.ts";
import type { ProductboardWorkspace } from "./workspace.ts";

/** Who is calling the REST API: the token (rate-limit key) and whether it may read members' PII. */
export interface RestAccess {
  token: string;
  /** False for a token without the `members:pii:read` scope. */
  pii: boolean;
}

export interface RestEnv {
  Variables: { access: RestAccess };
}

/**
 * `Authorization: Bearer <token>` with the REST token (full PII) or the token without the PII scope. Anything
 * else — no header, another scheme, the SCIM token — is a 401.
 */
export function restAuth(workspace: ProductboardWorkspace): MiddlewareHandler<RestEnv> {
  const isRestToken = tokenCheck(workspace.credentials.restToken);
  const isNoPiiToken = tokenCheck(workspace.credentials.restTokenNoPii);
  return async (c, next) => {
    const token = bearerToken(c.req.header("Authorization"));
    if (token === undefined) {
      return productboardError(c, 401, "unauthorized", "Missing bearer token in the Authorization header.");
    }
    const withPii = isRestToken(token);
    const withoutPii = isNoPiiToken(token);
    if (!withPii && !withoutPii) {
      return productboardError(c, 401, "unauthorized", "The access token is invalid or has been revoked.");
    }
    c.set("access", { token, pii: withPii });
    await next();
  };
}
