import { Hono } from "hono";
import { z } from "zod";
import { jsonBytes, rawJsonArray } from "../kit/json-fragments.ts";
import { requireJsonApiContentType } from "./access.ts";
import { applyDrift } from "./drift.ts";
import type { EndpointContext } from "./endpoint-context.ts";
import { readFilters } from "./filters.ts";
import { invalidAttributes, jsonApi, jsonApiBody, recordNotFound } from "./json-api.ts";
import { listDocument, pageOf, parsePage } from "./paging.ts";
import {
  BLANK,
  INVALID,
  optionalText,
  readResource,
  requiredText,
  validateAttributes,
} from "./request-body.ts";
import { userResource } from "./resources.ts";

/** Writable user attributes; everything else (`default_organization_id`, `email`, `sysadmin`, ...) is ignored. */
const UserUpdate = z
  .object({
    first_name: requiredText,
    last_name: requiredText,
    time_zone: optionalText,
    locale: requiredText,
  })
  .partial();

const MIN_PASSWORD = 8;
const PasswordChange = z.object({
  current_password: z.string({ error: BLANK }),
  password: requiredText.refine(
    (s) => s.length >= MIN_PASSWORD,
    `is too short (minimum is ${MIN_PASSWORD} characters)`,
  ),
  password_confirmation: z.string({ error: INVALID }).optional(),
});

/**
 * Users — the login accounts behind people (official doc page: seed 001). `GET /users`, `GET /users/{id}`,
 * `PATCH /users/{id}`, `PATCH /users/{id}/update_password`. There is no POST or DELETE: those fall through to
 * the 404 of unknown routes.
 */
export function userRoutes(endpoints: EndpointContext): Hono {
  const { ctx, store, paging, userAccess } = endpoints;
  const users = new Hono();

  // https://developer.productive.io/users.html
  users.get("/users", userAccess, (c) => {
    const url = new URL(c.req.url);
    const filters = readFilters(url, []);
    if (filters instanceof Response) return filters;
    const page = parsePage(url, paging);
    const listed = store.userIds;
    const served = pageOf(listed, page);
    const data = rawJsonArray(served.items.map((id) => store.userResourceJson(id)));
    const response = jsonApiBody(jsonBytes(listDocument(url, page, listed.length, data, paging)));
    applyDrift(endpoints, "users", listed, served.end);
    return response;
  });

  // https://developer.productive.io/users.html
  users.get("/users/:id", userAccess, (c) => {
    const user = store.user(c.req.param("id"));
    return user ? jsonApi({ data: userResource(user), meta: {} }) : recordNotFound();
  });

  // https://developer.productive.io/users.html
  users.patch("/users/:id", userAccess, requireJsonApiContentType, async (c) => {
    const id = c.req.param("id");
    const user = store.user(id);
    if (!user) return recordNotFound();
    const attributes = await readResource(c, { type: "users", id });
    if (attributes instanceof Response) return attributes;
    const changes = validateAttributes(UserUpdate, attributes);
    if (changes instanceof Response) return changes;
    const current = new Map(Object.entries(user));
    const changed = Object.entries(changes).some(([key, value]) => current.get(key) !== value);
    const updated = changed ? store.updateUser(id, { ...changes, updated_at: ctx.nowIso() }) : user;
    return jsonApi({ data: userResource(updated), meta: {} });
  });

  // https://developer.productive.io/users.html
  users.patch("/users/:id/update_password", userAccess, requireJsonApiContentType, async (c) => {
    const id = c.req.param("id");
    if (!store.user(id)) return recordNotFound();
    const attributes = await readResource(c, { type: "users", id });
    if (attributes instanceof Response) return attributes;
    const change = validateAttributes(PasswordChange, attributes);
    if (change instanceof Response) return change;
    if (!store.passwordMatches(id, change.current_password)) {
      return invalidAttributes([{ attribute: "current_password", detail: INVALID }]);
    }
    if (change.password_confirmation !== undefined && change.password_confirmation !== change.password) {
      return invalidAttributes([{ attribute: "password_confirmation", detail: "doesn't match Password" }]);
    }
    store.setPassword(id, change.password);
    return jsonApi({ data: userResource(store.updateUser(id, { updated_at: ctx.nowIso() })), meta: {} });
  });

  return users;
}
