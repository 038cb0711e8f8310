import { createHash, timingSafeEqual } from "node:crypto";

/** The token of an `Authorization: Bearer <token>` header (scheme case-insensitive), if there is one. */
export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header ?? "");
  return match?.[1];
}

const digest = (value: string) => createHash("sha256").update(value).digest();

/** Compares presented tokens with `expected` in time independent of where they differ (hashes, then compares). */
export function tokenCheck(expected: string): (token: string) => boolean {
  const wanted = digest(expected);
  return (token) => timingSafeEqual(digest(token), wanted);
}
