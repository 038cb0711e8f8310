import { type Context, Hono } from "hono";
import { jsonBytes, rawJsonArray, sendJson } from "../kit/json-fragments.ts";
import { notFound, validationFailed } from "./errors.ts";
import { parsePage } from "./paging.ts";
import { resolvePersonBody } from "./person-input.ts";
import { pathId, readJsonObject } from "./request-input.ts";
import type { RouteDeps } from "./routes.ts";

/** `/api/v3/people` — docs: https://github.com/ProofHub/api_v3 (People). */
export function peopleRoutes({ ctx, store, pageSizes }: RouteDeps): Hono {
  const people = new Hono({ strict: false });
  const find = (c: Context) => {
    const id = pathId(c);
    return id === undefined ? undefined : store.people.get(id);
  };

  // GET people?start=N&limit=M — a bare array in id order; at most 100 per request; no total, no next link.
  people.get("/", (c) => {
    const page = parsePage(c, pageSizes);
    if (page instanceof Response) return page;
    const served = store.people.slice(page.start, page.start + page.limit);
    // Serialize now, before drift edits them.
    const response = sendJson(c, jsonBytes(rawJsonArray(served.map((person) => store.people.json(person)))));
    store.applyDrift(page.start, page.start + served.length, ctx.faults.drift(), ctx.nowIso());
    return response;
  });

  people.get("/:id", (c) => {
    const person = find(c);
    return person ? sendJson(c, store.people.json(person)) : notFound("Person");
  });

  // POST people — creates the person and sends the invitation e-mail at once (there is no dry run).
  people.post("/", async (c) => {
    const body = await readJsonObject(c);
    if (body instanceof Response) return body;
    const resolved = resolvePersonBody(body, store);
    if (!resolved.ok) return validationFailed(resolved.errors);
    const person = store.createPerson(resolved.fields, ctx.nowIso());
    ctx.recordInvitation(person.email, "invitation", { personId: person.id, roleId: person.role.id });
    return c.json(person, 201);
  });

  // PUT people/{id} — FULL REPLACEMENT: every field the body omits is reset (see person-input.ts).
  people.put("/:id", async (c) => {
    const person = find(c);
    if (!person) return notFound("Person");
    const body = await readJsonObject(c);
    if (body instanceof Response) return body;
    const resolved = resolvePersonBody(body, store, person);
    if (!resolved.ok) return validationFailed(resolved.errors);
    return c.json(store.replacePerson(person, resolved.fields, ctx.nowIso()));
  });

  // DELETE people/{id} — permanent; removes the person from every project and group.
  people.delete("/:id", (c) => {
    const id = pathId(c);
    if (id === undefined || !store.deletePerson(id)) return notFound("Person");
    return c.body(null, 204);
  });

  return people;
}
