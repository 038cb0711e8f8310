/**
 * Raw Productive.io API v2 payloads (JSON:API, https://developer.productive.io), parsed at the boundary. Objects are
 * loose: the fields roster reads are checked, every other field is kept, so `raw` on accounts is the payload as the
 * API sent it. Nothing is transformed here — the mappers in `mappers/` turn these into domain types.
 */
import { z } from "zod";

/** JSON:API ids are strings (`"2835"`); a bare number is tolerated and read as its decimal string. */
const ResourceId = z.union([z.string().min(1), z.number().int().transform(String)]);
/** `role_id`, `user_id`, `default_organization_id`: integers in every documented sample. */
const IntegerId = z.union([z.number().int(), z.string().regex(/^\d+$/).transform(Number)]);
const Timestamp = z.string().nullable().optional();
const Text = z.string().nullable().optional();

/**
 * One person of `GET /people` / `GET /people/{id}` (api-facts.md):
 * `{"id":"2835","type":"people","attributes":{"first_name":"name","last_name":"surname","email":"u@x.com",
 *   "role_id":1,"deactivated_at":null,"archived_at":null,"invited_at":null,"joined_at":"...","last_seen_at":"...",
 *   "is_user":true,"user_id":2861,"title":null,"tag_list":[],"virtual":false,"placeholder":false,"created_at":"..."},
 *  "relationships":{"organization":{"data":{"type":"organizations","id":"913"}}}}`.
 * `person_type` (1 user, 2 contact, 3 placeholder) is a filter, not an attribute; it is read when a server sends it.
 */
export const ProductivePerson = z.looseObject({
  id: ResourceId,
  type: z.string().optional(),
  attributes: z.looseObject({
    first_name: Text,
    last_name: Text,
    email: Text,
    role_id: IntegerId.nullable().optional(),
    person_type: z.number().int().optional(),
    deactivated_at: Timestamp,
    archived_at: Timestamp,
    invited_at: Timestamp,
    joined_at: Timestamp,
    last_seen_at: Timestamp,
    created_at: Timestamp,
    is_user: z.boolean().nullable().optional(),
    user_id: IntegerId.nullable().optional(),
    placeholder: z.boolean().nullable().optional(),
  }),
});
export type ProductivePerson = z.infer<typeof ProductivePerson>;

/**
 * One user (the login identity) of `GET /users` / `GET /users/{id}`, attribute set exactly as the official doc
 * (seeds/001): `email`, names, `sysadmin`, `sysadmin_permissions`, `two_factor_auth`, `sso_provision`, ...
 */
export const ProductiveUser = z.looseObject({
  id: ResourceId,
  type: z.string().optional(),
  attributes: z.looseObject({
    email: Text,
    first_name: Text,
    last_name: Text,
    sysadmin: z.boolean().nullable().optional(),
    two_factor_auth: z.boolean().nullable().optional(),
    sso_provision: z.boolean().nullable().optional(),
  }),
});
export type ProductiveUser = z.infer<typeof ProductiveUser>;

/**
 * `meta` of a list answer: `{current_page, total_pages, total_count, page_size, max_page_size}` [C]. Optional so a
 * page without it still parses; the walk then stops on an empty or short page.
 */
const ListMeta = z
  .looseObject({
    total_pages: z.number().int().nonnegative().optional(),
    total_count: z.number().int().nonnegative().optional(),
  })
  .optional();

export const ProductivePeoplePage = z.looseObject({ data: z.array(ProductivePerson), meta: ListMeta });
export type ProductivePeoplePage = z.infer<typeof ProductivePeoplePage>;
export const ProductiveUsersPage = z.looseObject({ data: z.array(ProductiveUser), meta: ListMeta });
export type ProductiveUsersPage = z.infer<typeof ProductiveUsersPage>;

export const ProductivePersonDocument = z.looseObject({ data: ProductivePerson });
export const ProductiveUserDocument = z.looseObject({ data: ProductiveUser });
