/**
 * Raw Docebo `manage/v1` payloads, parsed at the boundary (facts in ../shared/api-facts.md win over the seed guide).
 * Objects are loose: the fields roster reads are checked, every other field (`field_<id>`, `language`, ...) is
 * kept, so `raw` on accounts and groups is the payload as the platform sent it. Nothing is transformed here — the
 * mappers in `mappers/` turn these into domain types.
 */
import { z } from "zod";

/**
 * Ids: the platform is PHP over MySQL and prints row values as strings (`"user_id":"12345"` in list and detail
 * items), while write answers carry numbers. Both are accepted.
 */
export const DoceboId = z.union([z.number().int(), z.string().regex(/^\d+$/)]);
export type DoceboId = z.infer<typeof DoceboId>;

/** `YYYY-MM-DD HH:MM:SS` in UTC (or a bare `YYYY-MM-DD`); null when never set. */
const DoceboDate = z.string().nullable().optional();

/** A count that PHP may print as a number or a numeric string. */
const DoceboCount = z.union([z.number().int().nonnegative(), z.string().regex(/^\d+$/)]);

/**
 * One user item of `GET /manage/v1/user`, of branch / group member lists and of `data.user_data` in the detail:
 * `{user_id, username, first_name, last_name, email, status: "1"|"0", level: "godadmin"|"poweruser"|"user",
 * expiration_date, creation_date, last_access_date, language, manager_id, field_<id>...}` [C].
 */
export const DoceboUserItem = z.looseObject({
  user_id: DoceboId,
  username: z.string().nullable().optional(),
  first_name: z.string().nullable().optional(),
  last_name: z.string().nullable().optional(),
  email: z.string().nullable().optional(),
  /** `"1"` active, `"0"` suspended [C]; a number is tolerated. */
  status: z.union([z.string(), z.number()]).nullable().optional(),
  level: z.string().nullable().optional(),
  creation_date: DoceboDate,
  last_access_date: DoceboDate,
  expiration_date: DoceboDate,
  manager_id: DoceboId.nullable().optional(),
});
export type DoceboUserItem = z.infer<typeof DoceboUserItem>;

/** One orgchart node of `GET /manage/v1/orgchart`: `{id, code, name, parent_id, has_children}`. */
export const DoceboBranchItem = z.looseObject({
  id: DoceboId,
  code: z.string().nullable().optional(),
  name: z.string().nullable().optional(),
  parent_id: DoceboId.nullable().optional(),
  has_children: z.boolean().nullable().optional(),
});
export type DoceboBranchItem = z.infer<typeof DoceboBranchItem>;

/** One group of `GET /manage/v1/group`: `{group_id, name, type: "static"|"dynamic", members_count}`. */
export const DoceboGroupItem = z.looseObject({
  group_id: DoceboId,
  name: z.string().nullable().optional(),
  type: z.string().nullable().optional(),
  members_count: DoceboCount.nullable().optional(),
});
export type DoceboGroupItem = z.infer<typeof DoceboGroupItem>;

/**
 * The list envelope of every `manage/v1` list:
 * `{"data":{"items":[...],"count":2,"has_more_data":true,"current_page":1,"current_page_size":2,
 *   "total_page_count":5},"_links":{...}}` — `total_count` only with `get_total_count=1` [C]. Loop while
 * `has_more_data`.
 */
export function doceboList<T extends z.ZodType>(item: T) {
  return z.looseObject({
    data: z.looseObject({
      items: z.array(item),
      has_more_data: z.boolean().nullable().optional(),
      total_page_count: z.number().int().nullable().optional(),
    }),
  });
}

export const DoceboUserPage = doceboList(DoceboUserItem);
export type DoceboUserPage = z.infer<typeof DoceboUserPage>;
export const DoceboBranchPage = doceboList(DoceboBranchItem);
export type DoceboBranchPage = z.infer<typeof DoceboBranchPage>;
export const DoceboGroupPage = doceboList(DoceboGroupItem);
export type DoceboGroupPage = z.infer<typeof DoceboGroupPage>;

/** `GET /manage/v1/user/{id}`: the row under `data.user_data`, plus the user's branches [I]. */
export const DoceboUserDetail = z.looseObject({
  data: z.looseObject({
    user_data: DoceboUserItem,
    branches: z
      .array(z.looseObject({ id: DoceboId }))
      .nullable()
      .optional(),
  }),
});
export type DoceboUserDetail = z.infer<typeof DoceboUserDetail>;
