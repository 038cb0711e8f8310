/**
 * Which OAuth 2.0 grant a Podio config asks for, and where the token endpoint is. Podio issues tokens for a user
 * (`password`: an org admin's login) or for one Podio app (`app`: app id + app token); both answers carry a refresh
 * token, which the HTTP layer's oauth2 strategy uses (and rotates) before falling back to the original grant.
 * Only a user token can read org and space members: app tokens get 403 there.
 */
import type { TokenGrant } from "../../http/index.ts";

export type PodioCredentials =
  | { kind: "password"; clientId: string; clientSecret: string; username: string; password: string }
  | { kind: "app"; clientId: string; clientSecret: string; appId: number; appToken: string };

/** The config's credentials: the password grant when a login is given (it can read members), else the app grant. */
export function podioCredentials(config: {
  clientId: string;
  clientSecret: string;
  username?: string | undefined;
  password?: string | undefined;
  appId?: number | undefined;
  appToken?: string | undefined;
}): PodioCredentials {
  const { clientId, clientSecret } = config;
  if (config.username && config.password) {
    return { kind: "password", clientId, clientSecret, username: config.username, password: config.password };
  }
  if (config.appId !== undefined && config.appToken) {
    return { kind: "app", clientId, clientSecret, appId: config.appId, appToken: config.appToken };
  }
  throw new TypeError(
    "podio: give `username` + `password` (password grant) or `appId` + `appToken` (app grant)",
  );
}

export function podioGrant(credentials: PodioCredentials): TokenGrant {
  const { clientId: client_id, clientSecret: client_secret } = credentials;
  if (credentials.kind === "password") {
    return {
      type: "password",
      client_id,
      client_secret,
      username: credentials.username,
      password: credentials.password,
    };
  }
  return {
    type: "app",
    client_id,
    client_secret,
    app_id: String(credentials.appId),
    app_token: credentials.appToken,
  };
}

/**
 * `POST /oauth/token` (form-encoded, what the official SDKs use) or `POST /oauth/token/v2` (JSON, the current
 * docs), on the API origin. Any path in the base URL is kept, for a proxy in front of Podio.
 */
export function podioTokenUrl(baseUrl: string, format: "form" | "json"): string {
  const base = new URL(baseUrl);
  const prefix = base.pathname.replace(/\/+$/, "");
  return `${base.origin}${prefix}/oauth/token${format === "json" ? "/v2" : ""}`;
}
