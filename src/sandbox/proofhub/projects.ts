import { type Context, Hono } from "hono";
import { ProjectBody, projectJson, unknownPeople } from "./assignments.ts";
import { issuesToFields, notFound, validationFailed } from "./errors.ts";
import { parsePage } from "./paging.ts";
import { pathId, readJsonObject } from "./request-input.ts";
import type { RouteDeps } from "./routes.ts";

/**
 * `/api/v3/projects` — docs: https://github.com/ProofHub/api_v3 (Projects). Membership is the `assigned` array of
 * user ids; the seed's `/projects/{id}/people` routes are in no official source and are not emulated.
 */
export function projectRoutes({ store, pageSizes }: RouteDeps): Hono {
  const projects = new Hono({ strict: false });
  const find = (c: Context) => {
    const id = pathId(c);
    return id === undefined ? undefined : store.projects.get(id);
  };

  projects.get("/", (c) => {
    const page = parsePage(c, pageSizes);
    if (page instanceof Response) return page;
    return c.json(store.projects.slice(page.start, page.start + page.limit).map(projectJson));
  });

  projects.get("/:id", (c) => {
    const project = find(c);
    return project ? c.json(projectJson(project)) : notFound("Project");
  });

  // PUT projects/{id} — `assigned` replaces the member list; each person's `projects` follows.
  projects.put("/:id", async (c) => {
    const project = find(c);
    if (!project) return notFound("Project");
    const body = await readJsonObject(c);
    if (body instanceof Response) return body;
    const parsed = ProjectBody.safeParse(body);
    if (!parsed.success) return validationFailed(issuesToFields(parsed.error.issues));
    const { title, assigned } = parsed.data;
    const unknown = unknownPeople(store, assigned ?? []);
    if (unknown.length > 0)
      return validationFailed({ assigned: [`unknown user ids: ${unknown.join(", ")}`] });
    if (title !== undefined) project.name = title;
    if (assigned !== undefined) store.setAssigned("projects", project, assigned);
    return c.json(projectJson(project));
  });

  return projects;
}
