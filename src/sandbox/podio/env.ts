/** What the Podio sandbox's route modules share: the Hono env (the authenticated caller) and the dependencies. */
import type { SandboxContext } from "../kit/context.ts";
import type { RateDecision } from "../kit/rate-limiter.ts";
import type { PodioLimits } from "./rate-limits.ts";
import type { PodioStore } from "./store.ts";
import type { TokenRef, TokenStore } from "./tokens.ts";

/** The token's owner and the API client it was issued to (the rate-limit key is both). */
export interface Caller {
  ref: TokenRef;
  clientId: string;
}

export type PodioEnv = {
  Variables: {
    caller: Caller;
    /** The budget this request was charged to; sent back as `X-Rate-Limit-*`. */
    rate: RateDecision | undefined;
  };
};

export interface PodioSettings {
  /** Largest `limit` the list endpoints accept; more is a 400 `invalid_value`. */
  maxLimit: number;
  orgMemberDefaultLimit: number;
  spaceMemberDefaultLimit: number;
  /** Send `Retry-After` (seconds) on 420 answers: the seed guide says Podio does, the official docs do not. */
  retryAfterHeader: boolean;
  /** Accept `Authorization: Bearer <token>` as well as Podio's own `OAuth2 <token>` scheme. */
  acceptBearer: boolean;
  /** username (lower-cased) → password of every password-grant login. */
  logins: Map<string, string>;
}

export interface PodioDeps {
  ctx: SandboxContext;
  store: PodioStore;
  tokens: TokenStore;
  limits: PodioLimits;
  settings: PodioSettings;
}
