/**
 * Issued OAuth2 tokens. Podio access tokens live 8 hours and refresh tokens 28 days (both divided by the
 * sandbox's `timeScale`); every grant answers with both. A refresh token is single-use here: refreshing returns a
 * new pair and retires the old refresh token (the access token issued with it stays valid until it expires).
 */
import { randomBytes } from "node:crypto";
import type { SandboxContext } from "../kit/context.ts";

/** Who a token speaks for: a user (password grant) or an app (app grant), as Podio's `ref` says. */
export interface TokenRef {
  type: "user" | "app";
  id: number;
}

export interface TokenGrant {
  ref: TokenRef;
  clientId: string;
  scope: string;
  issuedAt: number;
  expiresAt: number;
}

export type AccessCheck =
  | { ok: true; grant: TokenGrant }
  | { ok: false; reason: "invalid_token" | "expired_token" };

export interface IssuedTokens {
  access_token: string;
  token_type: "bearer";
  expires_in: number;
  refresh_token: string;
  ref: TokenRef;
  scope: string;
}

export const ACCESS_TOKEN_LIFETIME_MS = 8 * 60 * 60 * 1000;
export const REFRESH_TOKEN_LIFETIME_MS = 28 * 24 * 60 * 60 * 1000;

/** Expired grants are swept every this many issues, so a long run does not keep every token ever issued. */
const SWEEP_EVERY = 256;

export class TokenStore {
  private readonly access = new Map<string, TokenGrant>();
  private readonly refresh = new Map<string, TokenGrant>();
  private issuedSinceSweep = 0;

  constructor(
    private readonly ctx: SandboxContext,
    /** Lifetimes already scaled to sandbox time. */
    private readonly lifetimes: { accessMs: number; refreshMs: number },
    private readonly rotateRefreshTokens: boolean,
  ) {}

  issue(ref: TokenRef, clientId: string, scope: string): IssuedTokens {
    // A token issued in the same millisecond as an "expire all tokens" fault must not be born expired.
    const issuedAt = Math.max(this.ctx.clock.now(), this.ctx.faults.tokensValidAfter);
    const access_token = randomBytes(24).toString("hex");
    const refresh_token = randomBytes(24).toString("hex");
    const grant = { ref, clientId, scope, issuedAt };
    this.access.set(access_token, { ...grant, expiresAt: issuedAt + this.lifetimes.accessMs });
    this.refresh.set(refresh_token, { ...grant, expiresAt: issuedAt + this.lifetimes.refreshMs });
    this.issuedSinceSweep += 1;
    if (this.issuedSinceSweep >= SWEEP_EVERY) this.sweep();
    return {
      access_token,
      token_type: "bearer",
      // Podio rounds to whole seconds; never 0, or clients would refresh in a loop.
      expires_in: Math.max(1, Math.floor(this.lifetimes.accessMs / 1000)),
      refresh_token,
      ref,
      scope,
    };
  }

  /** Lifetime passed, or issued before an early-expiry fault (`/_sandbox/faults/expire-tokens`). */
  checkAccess(token: string): AccessCheck {
    const grant = this.access.get(token);
    if (!grant) return { ok: false, reason: "invalid_token" };
    if (this.ctx.clock.now() >= grant.expiresAt || this.ctx.faults.isTokenExpired(grant.issuedAt)) {
      return { ok: false, reason: "expired_token" };
    }
    return { ok: true, grant };
  }

  /**
   * Exchange a refresh token. Early expiry faults hit access tokens only, so a client can always recover by
   * refreshing; an unknown, used or expired refresh token is `undefined` (the caller answers `invalid_grant`).
   */
  redeemRefresh(token: string, clientId: string): TokenGrant | "expired" | undefined {
    const grant = this.refresh.get(token);
    if (!grant || grant.clientId !== clientId) return undefined;
    if (this.ctx.clock.now() >= grant.expiresAt) {
      this.refresh.delete(token);
      return "expired";
    }
    if (this.rotateRefreshTokens) this.refresh.delete(token);
    return grant;
  }

  private sweep(): void {
    this.issuedSinceSweep = 0;
    const now = this.ctx.clock.now();
    for (const map of [this.access, this.refresh]) {
      for (const [token, grant] of map) if (now >= grant.expiresAt) map.delete(token);
    }
  }
}
