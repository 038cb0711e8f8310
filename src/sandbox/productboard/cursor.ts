import { z } from "zod";
import { type MemberFilter, PRODUCTBOARD_ROLES, type ProductboardRole } from "./member-table.ts";

/**
 * `pageCursor` of `GET /v2/members`: opaque to clients (base64url JSON). It carries the listing's filters, because
 * `links.next` is just `/v2/members?pageCursor=...`, and the creation sequence of the last member served, so a
 * walk neither skips nor repeats members when others are added or removed between pages.
 */
export interface MemberCursor {
  afterSeq: number;
  filter: MemberFilter;
}

const Encoded = z
  .object({
    v: z.literal(1),
    a: z.number().int().min(0),
    q: z.string().optional(),
    r: z.array(z.enum(PRODUCTBOARD_ROLES as [ProductboardRole, ...ProductboardRole[]])).optional(),
    d: z.boolean(),
    i: z.boolean(),
  })
  .strict();

export function encodeCursor(cursor: MemberCursor): string {
  const { filter } = cursor;
  const payload: z.infer<typeof Encoded> = {
    v: 1,
    a: cursor.afterSeq,
    ...(filter.query ? { q: filter.query } : {}),
    ...(filter.roles && filter.roles.length > 0 ? { r: [...filter.roles] } : {}),
    d: filter.includeDisabled,
    i: filter.includeInvited,
  };
  return Buffer.from(JSON.stringify(payload)).toString("base64url");
}

/** `undefined` when the string is not a cursor this workspace handed out. */
export function decodeCursor(value: string): MemberCursor | undefined {
  if (!/^[A-Za-z0-9_-]+$/.test(value)) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(value, "base64url").toString("utf8"));
  } catch {
    return undefined;
  }
  const parsed = Encoded.safeParse(json);
  if (!parsed.success) return undefined;
  const { a, q, r, d, i } = parsed.data;
  return {
    afterSeq: a,
    filter: { ...(q ? { query: q } : {}), ...(r ? { roles: r } : {}), includeDisabled: d, includeInvited: i },
  };
}
