import { createHash, timingSafeEqual } from "node:crypto";

const digest = (value: string) => createHash("sha256").update(value, "utf8").digest();

/**
 * An `authenticate` function accepting any of `tokens`. Both sides are hashed first so the comparison runs in
 * constant time whatever the lengths, and every configured token is compared (no early exit on a match).
 */
export function tokenMatcher(tokens: string[]): (bearerToken: string) => boolean {
  const expected = tokens.map(digest);
  return function matchesToken(bearerToken: string): boolean {
    const presented = digest(bearerToken);
    let matched = false;
    for (const candidate of expected) {
      if (timingSafeEqual(candidate, presented)) matched = true;
    }
    return matched;
  };
}

/** The token of an `Authorization: Bearer <token>` header, or undefined. The scheme name is case-insensitive. */
export function bearerToken(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const match = /^bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1];
}
