/**
 * Raw ProofHub API v3 payloads (https://github.com/ProofHub/api_v3), parsed at the boundary. Objects are loose: the
 * fields roster reads are checked, every other field is kept, so `raw` on accounts and groups is the payload as the
 * API sent it. Nothing is transformed here — the mappers in `mappers/` turn these into domain types.
 */
import { z } from "zod";

/** Ids are numbers in every documented sample; a numeric string is tolerated (create bodies send role ids as strings). */
export const ProofhubId = z.union([z.number().int(), z.string().regex(/^\d+$/)]);
export type ProofhubId = z.infer<typeof ProofhubId>;

const Timestamp = z.string().nullable().optional();

/**
 * One person of `GET people` / `GET people/{id}`:
 * `{"id":12009183,"first_name":"Chris","last_name":"Wagley","title":"Manager","email":"c@x.com",
 *   "role":{"id":903912753},"groups":[33838231],"timezone":8,"language":"en","suspended":false,
 *   "last_active":"2016-09-19T06:17:22+00:00","created_at":"...","updated_at":"...","projects":[23423233]}`.
 * `verified` (false = invited, has not joined) is not in the docs' sample [I]: when it is absent the person counts
 * as joined.
 */
export const ProofhubPerson = z.looseObject({
  id: ProofhubId,
  first_name: z.string().nullable().optional(),
  last_name: z.string().nullable().optional(),
  email: z.string().nullable().optional(),
  title: z.string().nullable().optional(),
  role: z.looseObject({ id: ProofhubId }).nullable().optional(),
  groups: z.array(ProofhubId).nullable().optional(),
  projects: z.array(ProofhubId).nullable().optional(),
  suspended: z.boolean().nullable().optional(),
  verified: z.boolean().nullable().optional(),
  last_active: Timestamp,
  created_at: Timestamp,
  updated_at: Timestamp,
});
export type ProofhubPerson = z.infer<typeof ProofhubPerson>;

/**
 * One account role of `GET roles`: `{id, name, default}` [C]. The real API has no admin flag; `admin` is read when
 * present (see `mappers/roles.ts` for the rule used when it is not).
 */
export const ProofhubRole = z.looseObject({
  id: ProofhubId,
  name: z.string(),
  default: z.boolean().nullable().optional(),
  admin: z.boolean().optional(),
});
export type ProofhubRole = z.infer<typeof ProofhubRole>;

/** One project of `GET projects`: `{id, title, assigned: [userIds], ...}` [C]. */
export const ProofhubProject = z.looseObject({
  id: ProofhubId,
  title: z.string().nullable().optional(),
  assigned: z.array(ProofhubId).nullable().optional(),
});
export type ProofhubProject = z.infer<typeof ProofhubProject>;

/** One group of `GET groups`: `{id, name, assigned: [userIds]}` [C]. */
export const ProofhubGroup = z.looseObject({
  id: ProofhubId,
  name: z.string().nullable().optional(),
  assigned: z.array(ProofhubId).nullable().optional(),
});
export type ProofhubGroup = z.infer<typeof ProofhubGroup>;

/** Every list answer is a bare JSON array: no total, no next link. */
export const ProofhubPeoplePage = z.array(ProofhubPerson);
export const ProofhubRoleList = z.array(ProofhubRole);
export const ProofhubProjectPage = z.array(ProofhubProject);
export const ProofhubGroupPage = z.array(ProofhubGroup);
