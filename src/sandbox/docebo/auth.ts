import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { type Context, Hono, type MiddlewareHandler } from "hono";
import type { SandboxContext } from "../kit/context.ts";
import type { DoceboState } from "../world/types.ts";
import type { DoceboDirectory } from "./directory.ts";
import { doceboError, MESSAGES, oauthError } from "./errors.ts";

/** Access tokens live 3,600 s (api-facts.md), divided by the sandbox's time scale. */
export const TOKEN_LIFETIME_MS = 3_600_000;

export interface IssuedToken {
  clientId: string;
  grantType: "client_credentials" | "password";
  issuedAt: number;
  expiresAt: number;
}

export type DoceboEnv = { Variables: { clientId: string } };

const digest = (value: string) => createHash("sha256").update(value).digest();
const same = (a: string, b: string) => timingSafeEqual(digest(a), digest(b));

/** Bearer tokens handed out by `/oauth2/token`: opaque 40-hex strings, as the platform's OAuth2 server issues. */
export class TokenIssuer {
  private readonly tokens = new Map<string, IssuedToken>();

  constructor(
    private readonly ctx: SandboxContext,
    private readonly lifetimeMs: number,
  ) {}

  issue(clientId: string, grantType: IssuedToken["grantType"]): { token: string; expiresIn: number } {
    const now = this.ctx.clock.now();
    if (this.tokens.size >= 10_000) this.forgetExpired(now);
    const token = randomBytes(20).toString("hex");
    this.tokens.set(token, { clientId, grantType, issuedAt: now, expiresAt: now + this.lifetimeMs });
    return { token, expiresIn: Math.max(1, Math.floor(this.lifetimeMs / 1000)) };
  }

  /** The token's grant, or why it is refused. Early expiry (a fault) counts as expired. */
  check(token: string): IssuedToken | "invalid" | "expired" {
    const issued = this.tokens.get(token);
    if (!issued) return "invalid";
    if (this.ctx.clock.now() >= issued.expiresAt || this.ctx.faults.isTokenExpired(issued.issuedAt))
      return "expired";
    return issued;
  }

  private forgetExpired(now: number): void {
    for (const [token, issued] of this.tokens) if (now >= issued.expiresAt) this.tokens.delete(token);
  }
}

/**
 * `POST /oauth2/token` — form (or JSON) fields `client_id`, `client_secret` (or HTTP Basic), `grant_type`
 * (`client_credentials` | `password` with `username` / `password`), `scope=api`. Errors are RFC 6749 bodies with
 * the statuses and descriptions of the OAuth2 server library the platform runs (bshaffer/oauth2-server-php).
 */
export function tokenRoutes(
  issuer: TokenIssuer,
  credentials: DoceboState["credentials"],
  directory: DoceboDirectory,
): Hono {
  const routes = new Hono();
  routes.post("/token", async (c) => {
    const fields = await readTokenFields(c);
    const grantType = fields.grant_type;
    if (!grantType) {
      return oauthError(c, 400, "invalid_request", "The grant type was not specified in the request");
    }
    if (grantType !== "client_credentials" && grantType !== "password") {
      return oauthError(c, 400, "unsupported_grant_type", `Grant type "${grantType}" not supported`);
    }
    const basic = basicCredentials(c.req.header("Authorization"));
    const clientId = basic?.id ?? fields.client_id;
    const clientSecret = basic?.secret ?? fields.client_secret;
    if (!clientId) {
      return oauthError(c, 400, "invalid_client", "Client credentials were not found in the headers or body");
    }
    if (!same(clientId, credentials.clientId) || !same(clientSecret ?? "", credentials.clientSecret)) {
      return oauthError(c, 400, "invalid_client", "The client credentials are invalid");
    }
    if (fields.scope?.split(" ").some((s) => s !== "api")) {
      return oauthError(c, 400, "invalid_scope", "An unsupported scope was requested");
    }
    if (grantType === "password") {
      const { username, password } = fields;
      if (!username || !password) {
        return oauthError(
          c,
          400,
          "invalid_request",
          'Missing parameters: "username" and "password" required',
        );
      }
      const suspended = directory.usersByUsername(username).some((u) => u.status === "0");
      if (!same(username, credentials.username) || !same(password, credentials.password) || suspended) {
        return oauthError(c, 401, "invalid_grant", "Invalid username and password combination");
      }
    }
    const { token, expiresIn } = issuer.issue(clientId, grantType);
    return c.json({ access_token: token, expires_in: expiresIn, token_type: "Bearer", scope: "api" }, 200, {
      "Cache-Control": "no-store",
      Pragma: "no-cache",
    });
  });
  routes.all("/token", (c) =>
    oauthError(c, 405, "invalid_request", "The request method must be POST when requesting an access token"),
  );
  return routes;
}

/** Guards `/manage/*`: a live bearer token from `/oauth2/token`, else Yii's 401 with a Bearer challenge. */
export function bearerAuth(issuer: TokenIssuer): MiddlewareHandler<DoceboEnv> {
  return async (c, next) => {
    const token = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(c.req.header("Authorization") ?? "")?.[1];
    const checked = token === undefined ? "missing" : issuer.check(token);
    if (typeof checked === "string") {
      const message =
        checked === "expired"
          ? MESSAGES.tokenExpired
          : checked === "invalid"
            ? MESSAGES.tokenInvalid
            : MESSAGES.unauthorized;
      const challenge =
        checked === "missing"
          ? 'Bearer realm="Service"'
          : `Bearer realm="Service", error="invalid_token", error_description="${message}"`;
      return doceboError(c, 401, message, { "WWW-Authenticate": challenge });
    }
    c.set("clientId", checked.clientId);
    await next();
  };
}

interface TokenFields {
  grant_type?: string;
  client_id?: string;
  client_secret?: string;
  username?: string;
  password?: string;
  scope?: string;
}

async function readTokenFields(c: Context): Promise<TokenFields> {
  const type = c.req.header("Content-Type") ?? "";
  let raw: Record<string, unknown> = {};
  try {
    if (type.includes("application/json")) {
      const parsed: unknown = await c.req.json();
      if (parsed && typeof parsed === "object" && !Array.isArray(parsed))
        raw = parsed as Record<string, unknown>;
    } else {
      raw = Object.fromEntries(new URLSearchParams(await c.req.text()));
    }
  } catch {
    raw = {};
  }
  const text = (key: keyof TokenFields) =>
    typeof raw[key] === "string" && raw[key] !== "" ? raw[key] : undefined;
  return {
    grant_type: text("grant_type"),
    client_id: text("client_id"),
    client_secret: text("client_secret"),
    username: text("username"),
    password: text("password"),
    scope: text("scope"),
  };
}

function basicCredentials(header: string | undefined): { id: string; secret: string } | undefined {
  const match = /^Basic[ \t]+(\S+)$/i.exec(header ?? "");
  if (!match) return undefined;
  const decoded = Buffer.from(match[1]!, "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) return undefined;
  return { id: formDecode(decoded.slice(0, colon)), secret: formDecode(decoded.slice(colon + 1)) };
}

/** RFC 6749 §2.3.1: Basic credentials are form-encoded first; a malformed escape stays as sent. */
function formDecode(value: string): string {
  try {
    return decodeURIComponent(value.replaceAll("+", " "));
  } catch {
    return value;
  }
}
