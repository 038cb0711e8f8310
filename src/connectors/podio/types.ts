/**
 * Raw Podio payloads (https://developers.podio.com/doc/organizations, .../doc/spaces, .../doc/space-members),
 * parsed at the boundary. Objects are loose: the fields roster reads are checked, every other field is kept, so
 * `raw` on accounts and groups is the payload as Podio sent it. Nothing is transformed here — `mappers/` turn these
 * into domain types (timestamps included: Podio writes `2026-10-31 09:15:00`, UTC without a zone).
 */
import { z } from "zod";

/** `YYYY-MM-DD HH:MM:SS` in UTC, or null (an invited member has never been seen). Parsed by the mappers. */
const PodioTimestamp = z.string().nullish();

/**
 * The `user` of an org or space member: `{"user_id":5,"mail":"a@b.c","status":"active","created_on":"..."}`.
 * `status` is `active`, `invited` (has not accepted) or `inactive` (deactivated, still in the org).
 */
export const PodioUser = z.looseObject({
  user_id: z.number().int(),
  mail: z.string().nullish(),
  status: z.string().nullish(),
  created_on: PodioTimestamp,
  /** Some Podio answers put the last visit on the user rather than the profile: read both. */
  last_seen_on: PodioTimestamp,
});
export type PodioUser = z.infer<typeof PodioUser>;

/**
 * The contact `profile`: `{"profile_id":9,"user_id":5,"name":"A","mail":["a@b.c","alias@b.c"],
 * "last_seen_on":"2026-10-30 17:02:11"}` — `mail` lists every address on the profile, the login first.
 */
export const PodioProfile = z.looseObject({
  profile_id: z.number().int().nullish(),
  user_id: z.number().int().nullish(),
  name: z.string().nullish(),
  mail: z.array(z.string()).nullish(),
  last_seen_on: PodioTimestamp,
});
export type PodioProfile = z.infer<typeof PodioProfile>;

/**
 * One item of `GET /org/{org_id}/member/` [C]:
 * `{"user":{...},"profile":{...},"employee":true,"role":"admin","space_memberships":2}`. `role` is the org role:
 * `admin`, `regular` or `light`.
 */
export const PodioOrgMember = z.looseObject({
  user: PodioUser,
  profile: PodioProfile.nullish(),
  employee: z.boolean().nullish(),
  role: z.string(),
  space_memberships: z.number().int().nullish(),
});
export type PodioOrgMember = z.infer<typeof PodioOrgMember>;

/** The org member list: a bare JSON array, no total [C]. */
export const PodioOrgMemberPage = z.array(PodioOrgMember);

/** `GET /org/{org_id}/member/{user_id}` — an org member plus `tier` and the member's `spaces` [C]. */
export const PodioOrgMemberDetail = PodioOrgMember.extend({
  tier: z.string().nullish(),
  spaces: z
    .array(
      z.looseObject({ space_id: z.number().int(), name: z.string().nullish(), role: z.string().nullish() }),
    )
    .nullish(),
});
export type PodioOrgMemberDetail = z.infer<typeof PodioOrgMemberDetail>;

/**
 * One item of `GET /org/{org_id}/space/`: `{"space_id":10,"name":"Engineering","url":"...","url_label":"...",
 * "org_id":100,"privacy":"closed","role":"admin"}` (`role` is the caller's own role in the space, or null).
 */
export const PodioSpace = z.looseObject({
  space_id: z.number().int(),
  name: z.string(),
  url: z.string().nullish(),
  url_label: z.string().nullish(),
  org_id: z.number().int().nullish(),
  privacy: z.string().nullish(),
  role: z.string().nullish(),
});
export type PodioSpace = z.infer<typeof PodioSpace>;

export const PodioSpaceList = z.array(PodioSpace);

/**
 * One item of `GET /space/{space_id}/member/` and `.../member/v2/`: `{"user":{...},"profile":{...},
 * "role":"regular","employee":true}` — `role` is the role in this space: `admin`, `regular` or `light`.
 */
export const PodioSpaceMember = z.looseObject({
  user: PodioUser,
  profile: PodioProfile.nullish(),
  role: z.string(),
  employee: z.boolean().nullish(),
});
export type PodioSpaceMember = z.infer<typeof PodioSpaceMember>;

export const PodioSpaceMemberPage = z.array(PodioSpaceMember);
