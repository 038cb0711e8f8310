import { z } from "zod";
import { issuesToFields } from "./errors.ts";
import type { StoredPerson } from "./people-table.ts";
import type { PersonFields, ProofhubStore } from "./store.ts";

/** What an omitted field becomes, on POST and — the trap — on PUT. */
export const PERSON_DEFAULTS = { title: null, language: "en", timezone: 0, suspended: false } as const;

const messages = (otherwise: string) => ({
  error: (issue: { input?: unknown }) => (issue.input === undefined ? "is required" : otherwise),
});

const Name = z.string(messages("must be a string")).trim().min(1, { error: "can't be blank" });
export const Id = z.union([z.number().int().positive(), z.string().regex(/^\d+$/).transform(Number)], {
  error: "must be an id",
});
export const IdList = z.array(Id, { error: "must be an array of ids" });

/**
 * Body of `POST /people` and `PUT /people/{id}`, as the v3 docs show it:
 * `{"first_name","last_name","email","role":"903912753","language":"en"}` — the role id as a string (a number is
 * accepted too). Unknown fields and read-only ones (`id`, `verified`, `created_at`, ...) are ignored.
 */
export const PersonBody = z.object({
  first_name: Name,
  last_name: Name,
  email: z.email(messages("is not a valid e-mail address")),
  title: z.string({ error: "must be a string or null" }).nullable().optional(),
  role: Id.optional(),
  language: z
    .string({ error: "must be a language code" })
    .regex(/^[a-z]{2}([-_][A-Za-z]{2})?$/, { error: "must be a language code" })
    .optional(),
  timezone: z.number({ error: "must be a timezone id" }).int({ error: "must be a timezone id" }).optional(),
  suspended: z.boolean({ error: "must be true or false" }).optional(),
  groups: IdList.optional(),
  projects: IdList.optional(),
});

export type PersonResolution =
  | { ok: true; fields: PersonFields }
  | { ok: false; errors: Record<string, string[]> };

/**
 * Turn a request body into every field of a person. Both POST and PUT go through here, so on PUT each omitted
 * field takes its default exactly as on create: title → null, role → default role, language → "en",
 * timezone → 0, suspended → false, groups and projects → [] (full replacement).
 */
export function resolvePersonBody(
  body: unknown,
  store: ProofhubStore,
  self?: StoredPerson,
): PersonResolution {
  const parsed = PersonBody.safeParse(body);
  const errors: Record<string, string[]> = {};
  const fail = (field: string, message: string) => {
    errors[field] ??= [];
    errors[field].push(message);
  };
  if (!parsed.success) return { ok: false, errors: issuesToFields(parsed.error.issues) };
  const input = parsed.data;

  const role = input.role === undefined ? store.defaultRole() : store.role(input.role);
  if (!role) fail("role", input.role === undefined ? "is required" : "does not exist");

  const owner = store.people.getByEmail(input.email);
  if (owner && owner.id !== self?.id) fail("email", "has already been taken");

  const projects = unique(input.projects ?? []);
  const unknownProjects = projects.filter((id) => !store.projects.has(id));
  if (unknownProjects.length > 0) fail("projects", `unknown project ids: ${unknownProjects.join(", ")}`);

  const groups = unique(input.groups ?? []);
  const unknownGroups = groups.filter((id) => !store.groups.has(id));
  if (unknownGroups.length > 0) fail("groups", `unknown group ids: ${unknownGroups.join(", ")}`);

  if (!role || Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    fields: {
      first_name: input.first_name,
      last_name: input.last_name,
      email: input.email,
      title: input.title ?? PERSON_DEFAULTS.title,
      roleId: role.id,
      language: input.language ?? PERSON_DEFAULTS.language,
      timezone: input.timezone ?? PERSON_DEFAULTS.timezone,
      suspended: input.suspended ?? PERSON_DEFAULTS.suspended,
      groups,
      projects,
    },
  };
}

function unique(ids: readonly number[]): number[] {
  return [...new Set(ids)];
}
