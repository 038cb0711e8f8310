import { type Context, Hono } from "hono";
import { GroupBody, groupJson, unknownPeople } from "./assignments.ts";
import { issuesToFields, notFound, validationFailed } from "./errors.ts";
import { parsePage } from "./paging.ts";
import { pathId, readJsonObject } from "./request-input.ts";
import type { RouteDeps } from "./routes.ts";

/** `/api/v3/groups` — docs: https://github.com/ProofHub/api_v3 (Groups). Members are the `assigned` user ids. */
export function groupRoutes({ store, pageSizes }: RouteDeps): Hono {
  const groups = new Hono({ strict: false });
  const find = (c: Context) => {
    const id = pathId(c);
    return id === undefined ? undefined : store.groups.get(id);
  };
  const parseBody = async (c: Context) => {
    const body = await readJsonObject(c);
    if (body instanceof Response) return body;
    const parsed = GroupBody.safeParse(body);
    if (!parsed.success) return validationFailed(issuesToFields(parsed.error.issues));
    const unknown = unknownPeople(store, parsed.data.assigned ?? []);
    if (unknown.length > 0)
      return validationFailed({ assigned: [`unknown user ids: ${unknown.join(", ")}`] });
    return parsed.data;
  };

  groups.get("/", (c) => {
    const page = parsePage(c, pageSizes);
    if (page instanceof Response) return page;
    return c.json(store.groups.slice(page.start, page.start + page.limit).map(groupJson));
  });

  groups.get("/:id", (c) => {
    const group = find(c);
    return group ? c.json(groupJson(group)) : notFound("Group");
  });

  groups.post("/", async (c) => {
    const body = await parseBody(c);
    if (body instanceof Response) return body;
    if (body.name === undefined) return validationFailed({ name: ["is required"] });
    return c.json(groupJson(store.createGroup(body.name, body.assigned ?? [])), 201);
  });

  // PUT groups/{id} — `assigned` replaces the member list; each person's `groups` follows.
  groups.put("/:id", async (c) => {
    const group = find(c);
    if (!group) return notFound("Group");
    const body = await parseBody(c);
    if (body instanceof Response) return body;
    if (body.name !== undefined) group.name = body.name;
    if (body.assigned !== undefined) store.setAssigned("groups", group, body.assigned);
    return c.json(groupJson(group));
  });

  // DELETE groups/{id} — the group goes; its members stay, without it in their `groups`.
  groups.delete("/:id", (c) => {
    const id = pathId(c);
    if (id === undefined || !store.deleteGroup(id)) return notFound("Group");
    return c.body(null, 204);
  });

  return groups;
}
