import { Hono } from "hono";
import { z } from "zod";
import { jsonBytes, rawJsonArray } from "../kit/json-fragments.ts";
import type { ProductivePerson } from "../world/types.ts";
import { requireJsonApiContentType } from "./access.ts";
import { applyDrift } from "./drift.ts";
import type { EndpointContext } from "./endpoint-context.ts";
import { peopleSelection } from "./filters.ts";
import {
  type AttributeProblem,
  invalidAttributes,
  jsonApi,
  jsonApiBody,
  recordNotFound,
} from "./json-api.ts";
import { listDocument, pageOf, parsePage } from "./paging.ts";
import {
  BLANK,
  emailAddress,
  INVALID,
  optionalText,
  readResource,
  requiredText,
  TAKEN,
  validateAttributes,
} from "./request-body.ts";
import { personResource } from "./resources.ts";
import type { ProductiveStore } from "./store.ts";

const roleId = z.number({ error: INVALID }).int(INVALID);
const tagList = z.array(z.string(), { error: INVALID });

/** Writable person attributes; the lifecycle timestamps, `user_id`, `is_user` ... are read-only and ignored. */
const PersonUpdate = z
  .object({
    first_name: requiredText,
    last_name: requiredText,
    email: emailAddress,
    role_id: roleId,
    title: optionalText,
    tag_list: tagList,
  })
  .partial();

const PersonCreate = z.object({
  first_name: requiredText,
  last_name: requiredText,
  email: z.string({ error: INVALID }).nullable().optional(),
  role_id: roleId.optional(),
  title: optionalText.optional(),
  tag_list: tagList.optional(),
  /** 1 user (default, gets an invitation), 2 contact, 3 placeholder. */
  person_type: z.union([z.literal(1), z.literal(2), z.literal(3)], { error: INVALID }).optional(),
});

/** Problems with values the schema cannot judge alone: unknown role, e-mail taken by someone else. */
function crossChecks(
  store: ProductiveStore,
  values: { email?: string | null; role_id?: number },
  selfId?: string,
): AttributeProblem[] {
  const problems: AttributeProblem[] = [];
  if (values.email && store.peopleWithEmail(values.email).some((id) => id !== selfId)) {
    problems.push({ attribute: "email", detail: TAKEN });
  }
  if (values.role_id !== undefined && !store.roles.some((r) => r.id === values.role_id)) {
    problems.push({ attribute: "role_id", detail: INVALID });
  }
  return problems;
}

/**
 * People — the organization's members. `GET /people` (filters, paging), `GET/PATCH /people/{id}`,
 * `POST /people` (a user-type person is created invited and gets the invitation e-mail). No DELETE.
 */
export function peopleRoutes(endpoints: EndpointContext): Hono {
  const { ctx, store, paging, organizationAccess } = endpoints;
  const people = new Hono();
  const document = (person: Readonly<ProductivePerson>) => ({
    data: personResource(person, store.organizationId),
    meta: {},
  });

  // https://developer.productive.io/people.html
  people.get("/people", organizationAccess, (c) => {
    const url = new URL(c.req.url);
    const selection = peopleSelection(url);
    if (selection instanceof Response) return selection;
    const page = parsePage(url, paging);
    const listed = store.selectPeople(selection);
    const served = pageOf(listed, page);
    const data = rawJsonArray(served.items.map((id) => store.personResourceJson(id)));
    const response = jsonApiBody(jsonBytes(listDocument(url, page, listed.length, data, paging)));
    applyDrift(endpoints, "people", listed, served.end);
    return response;
  });

  // https://developer.productive.io/people.html
  people.get("/people/:id", organizationAccess, (c) => {
    const person = store.person(c.req.param("id"));
    return person ? jsonApi(document(person)) : recordNotFound();
  });

  // https://developer.productive.io/people.html
  people.post("/people", organizationAccess, requireJsonApiContentType, async (c) => {
    const attributes = await readResource(c, { type: "people" });
    if (attributes instanceof Response) return attributes;
    const input = validateAttributes(PersonCreate, attributes);
    if (input instanceof Response) return input;
    const personType = input.person_type ?? 1;
    const email = input.email?.trim() ?? "";
    const problems: AttributeProblem[] = [];
    if (personType === 1 || email !== "") {
      const checked = emailAddress.safeParse(email);
      if (!checked.success)
        problems.push({ attribute: "email", detail: checked.error.issues[0]?.message ?? BLANK });
    }
    problems.push(
      ...crossChecks(store, { email, ...(input.role_id === undefined ? {} : { role_id: input.role_id }) }),
    );
    if (problems.length > 0) return invalidAttributes(problems);
    const now = ctx.nowIso();
    const person = store.createPerson({
      first_name: input.first_name,
      last_name: input.last_name,
      email,
      role_id: input.role_id ?? store.defaultRoleId(),
      person_type: personType,
      deactivated_at: null,
      archived_at: null,
      invited_at: personType === 1 ? now : null,
      joined_at: null,
      last_seen_at: null,
      is_user: personType === 1,
      user_id: null,
      title: input.title ?? null,
      tag_list: input.tag_list ?? [],
      virtual: false,
      placeholder: personType === 3,
      created_at: now,
    });
    if (personType === 1) {
      ctx.recordInvitation(email, "invitation", {
        personId: person.id,
        organizationId: store.organizationId,
      });
    }
    return jsonApi(document(person), 201);
  });

  // https://developer.productive.io/people.html
  people.patch("/people/:id", organizationAccess, requireJsonApiContentType, async (c) => {
    const id = c.req.param("id");
    if (!store.person(id)) return recordNotFound();
    const attributes = await readResource(c, { type: "people", id });
    if (attributes instanceof Response) return attributes;
    const changes = validateAttributes(PersonUpdate, attributes);
    if (changes instanceof Response) return changes;
    const problems = crossChecks(store, changes, id);
    if (problems.length > 0) return invalidAttributes(problems);
    const email = changes.email?.trim();
    return jsonApi(
      document(store.updatePerson(id, { ...changes, ...(email === undefined ? {} : { email }) })),
    );
  });

  return people;
}
