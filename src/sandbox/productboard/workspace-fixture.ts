/** Hand-built Productboard states for this folder's tests (the world generator is not used here). */
import type { ProductboardMember, ProductboardState } from "../world/types.ts";

export const TOKENS = {
  restToken: "pb-rest-token-with-pii",
  restTokenNoPii: "pb-rest-token-without-pii",
  scimToken: "pb-scim-token",
} as const;

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

/** Member `n`: created `n` minutes after 2026-01-01, contributor, active, e-mail `member<n>@acme.test`. */
export function member(n: number, overrides: Partial<ProductboardMember> = {}): ProductboardMember {
  return {
    id: `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`,
    name: `Member ${n}`,
    email: `member${n}@acme.test`,
    role: "contributor",
    disabled: false,
    invitationPending: false,
    createdAt: new Date(Date.parse("2026-01-01T00:00:00Z") + n * 60_000).toISOString(),
    piiRedacted: false,
    ...overrides,
  };
}

/** Members 1..count. */
export function members(count: number): ProductboardMember[] {
  return Array.from({ length: count }, (_, i) => member(i + 1));
}

export function productboardState(
  list: ProductboardMember[],
  teams: ProductboardState["teams"] = [],
): ProductboardState {
  return { credentials: { ...TOKENS }, members: list, teams };
}
