import { isHttpError } from "../errors.ts";
import type { AuthContext, Authorization, AuthStrategy } from "./strategy.ts";
import {
  buildTokenRequest,
  grantSecrets,
  type IssuedToken,
  processTokenResponse,
  type TokenEndpoint,
  type TokenGrant,
} from "./token-request.ts";

export interface OAuth2Options extends TokenEndpoint {
  grant: TokenGrant;
  /** `Bearer` (Docebo) or `OAuth2` (Podio: `Authorization: OAuth2 <token>`). Default Bearer. */
  scheme?: "Bearer" | "OAuth2";
  /**
   * Renew this long before expiry. Capped at a tenth of the token's lifetime, so a sandbox that scales an 8-hour
   * token down to seconds does not renew on every request. Default 60 s.
   */
  refreshMarginMs?: number;
}

/** An OAuth 2.0 strategy, plus a way to drop the cached token (tests, credential rotation). */
export interface OAuth2Strategy extends AuthStrategy {
  /** Forget the access token (the refresh token is kept); the next request fetches a new one. */
  invalidate(): void;
}

interface CachedToken {
  access_token: string;
  /** Renew from this instant on; `undefined` when the server gave no lifetime. */
  renewAt: number | undefined;
}

/** Past access tokens still redacted (a slow response may quote one after renewal). */
const REMEMBERED_TOKENS = 4;

/**
 * OAuth 2.0 with a cached access token: fetched on first use, renewed shortly before it expires, shared by
 * concurrent callers (single flight: N requests waiting on a renewal cause one token request), renewed once
 * after a 401 (Podio answers `invalid_token` / `expired_token`; any 401 counts). When the server issued a refresh
 * token (Podio always does), renewal uses it, and falls back to the original grant if it is refused.
 */
export function oauth2(options: OAuth2Options): OAuth2Strategy {
  const { grant, scheme = "Bearer", refreshMarginMs = 60_000 } = options;
  let current: CachedToken | undefined;
  let refreshToken: string | undefined = grant.type === "refresh_token" ? grant.refresh_token : undefined;
  let inflight: Promise<CachedToken> | undefined;
  const pastTokens: string[] = [];

  const staticSecrets = grantSecrets(grant);
  const secrets = () => [
    ...staticSecrets,
    ...pastTokens,
    ...(current ? [current.access_token] : []),
    ...(refreshToken ? [refreshToken] : []),
  ];

  async function exchange(context: AuthContext, g: TokenGrant): Promise<IssuedToken> {
    const issuedAt = context.now();
    const response = await context.sendTokenRequest(buildTokenRequest(options, g));
    return processTokenResponse(response, {
      app: context.app,
      issuedAt,
      secrets: [...secrets(), ...grantSecrets(g)],
    });
  }

  async function fetchToken(context: AuthContext): Promise<CachedToken> {
    let issued: IssuedToken | undefined;
    if (refreshToken) {
      const refresh: TokenGrant = {
        type: "refresh_token",
        client_id: grant.client_id,
        ...(grant.client_secret !== undefined ? { client_secret: grant.client_secret } : {}),
        refresh_token: refreshToken,
      };
      try {
        issued = await exchange(context, refresh);
      } catch (error) {
        // A revoked or expired refresh token: start over with the original grant, if there is another one.
        if (!isHttpError(error, "unauthenticated") || grant.type === "refresh_token") throw error;
        refreshToken = undefined;
      }
    }
    issued ??= await exchange(context, grant);
    if (issued.refresh_token) refreshToken = issued.refresh_token;
    if (current) {
      pastTokens.push(current.access_token);
      if (pastTokens.length > REMEMBERED_TOKENS) pastTokens.shift();
    }
    const margin =
      issued.lifetimeMs === undefined ? 0 : Math.min(refreshMarginMs, Math.floor(issued.lifetimeMs / 10));
    current = {
      access_token: issued.access_token,
      renewAt: issued.expiresAt === undefined ? undefined : issued.expiresAt - margin,
    };
    return current;
  }

  function renew(context: AuthContext): Promise<CachedToken> {
    inflight ??= fetchToken(context).finally(() => {
      inflight = undefined;
    });
    return inflight;
  }

  const toAuthorization = (token: CachedToken): Authorization => ({
    headers: { Authorization: `${scheme} ${token.access_token}` },
    credential: token.access_token,
  });

  return {
    kind: `oauth2:${grant.type}`,
    async authorize(context) {
      const token = current;
      if (token && (token.renewAt === undefined || context.now() < token.renewAt) && !inflight) {
        return toAuthorization(token);
      }
      return toAuthorization(await renew(context));
    },
    async renewAfterUnauthorized(context, used) {
      // Only drop the token that failed: a concurrent request may already have renewed it.
      if (current && current.access_token === used.credential) {
        pastTokens.push(current.access_token);
        if (pastTokens.length > REMEMBERED_TOKENS) pastTokens.shift();
        current = undefined;
      }
      if (!current) await renew(context);
      return true;
    },
    invalidate() {
      current = undefined;
    },
    secrets,
  };
}
