/**
 * Raw Productboard REST v2 payloads (https://developer.productboard.com/v2.0.0/reference). Members carry their
 * data under `fields`; `name` and `email` may be the literal "[redacted]" (token without `members:pii:read`).
 */
import { z } from "zod";

/** `admin`, `maker`, `contributor`, `viewer` today; kept open so a new role does not fail the listing. */
export const ProductboardRole = z.string().min(1);

export const ProductboardMember = z.looseObject({
  id: z.string().min(1),
  type: z.string().optional(),
  fields: z.looseObject({
    name: z.string().nullish(),
    email: z.string().nullish(),
    role: ProductboardRole,
    disabled: z.boolean(),
    invitationPending: z.boolean(),
    /** Not in every description of v2 members: optional, and the invite age is unknown without it. */
    createdAt: z.string().nullish(),
  }),
});
export type ProductboardMember = z.output<typeof ProductboardMember>;

/** `GET /v2/members`: `links.next` is an absolute URL carrying `pageCursor`, absent or null on the last page. */
export const ProductboardMembersPage = z.looseObject({
  data: z.array(ProductboardMember),
  links: z.looseObject({ next: z.string().nullish() }).nullish(),
});

/** `GET /v2/members/{id}`. */
export const ProductboardMemberResponse = z.looseObject({ data: ProductboardMember });
