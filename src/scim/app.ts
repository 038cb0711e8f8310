import { Hono } from "hono";
import { systemClock } from "../sandbox/kit/clock.ts";
import { bearerToken } from "./auth.ts";
import { discoveryRoutes } from "./discovery.ts";
import type { EngineContext } from "./engine-context.ts";
import { ScimError } from "./errors.ts";
import { errorResponse, readJson, scimResponse } from "./http.ts";
import { listRequest, parseTypeFilter, searchParameters } from "./list-request.ts";
import type { ScimAppOptions } from "./options.ts";
import { listResponse } from "./render.ts";
import { ResourceWriter } from "./resource-writer.ts";
import { listResources, resourceRoutes } from "./routes/resources.ts";
import { requestScope } from "./routes/scope.ts";
import { SchemaRegistry } from "./schema-registry.ts";
import type { ScimResourceType } from "./store.ts";

/**
 * The SCIM 2.0 service as a Hono app, to mount with `app.route("/scim/v2", createScimApp(options))`.
 * Every answer is `application/scim+json`; every error (401, 404, 405, 409, 412, 415, 400s, 500) has the RFC 7644
 * §3.12 error body. See docs/scim.md.
 */
export function createScimApp(options: ScimAppOptions): Hono {
  const context: EngineContext = {
    store: options.store,
    registry: new SchemaRegistry(options.readOnlyAttributes ?? []),
    clock: options.clock ?? systemClock,
    hooks: options.hooks ?? {},
    maxResults: options.maxResults ?? 1000,
    maxSortResults: options.maxSortResults ?? 100_000,
    userDelete: options.userDelete ?? true,
    groupDelete: options.groupDelete ?? true,
  };
  const writer = new ResourceWriter(context);
  const app = new Hono();

  app.onError((error) => {
    if (error instanceof ScimError) {
      const headers: Record<string, string> =
        error.status === 401 ? { "www-authenticate": 'Bearer realm="SCIM"' } : {};
      return errorResponse(error, headers);
    }
    return errorResponse(new ScimError(500, "Internal server error"));
  });

  app.use("*", async (_c, next) => {
    const token = bearerToken(_c.req.header("authorization"));
    if (token === undefined) throw new ScimError(401, "Authorization: Bearer <token> is required");
    if (!options.authenticate(token))
      throw new ScimError(401, "The bearer token is not valid for this service");
    await next();
  });

  app.route("/", discoveryRoutes(context));
  app.route("/Users", resourceRoutes("User", context, writer));
  app.route("/Groups", resourceRoutes("Group", context, writer));

  // POST /.search at the root (RFC 7644 §3.4.3): Users then Groups, in that stable order; no sortBy.
  app.post("/.search", async (c) => {
    const parameters = searchParameters(await readJson(c));
    const request = listRequest(parameters, undefined, context);
    const scope = requestScope(c);
    const types: ScimResourceType[] = ["User", "Group"];
    let skip = request.query.startIndex - 1;
    let room = request.query.count;
    let totalResults = 0;
    const resources: Record<string, unknown>[] = [];
    const unknown: ScimError[] = [];
    for (const type of types) {
      let filter: ReturnType<typeof parseTypeFilter> | undefined;
      if (request.filterText) {
        try {
          filter = parseTypeFilter(request.filterText, type, context);
        } catch (error) {
          // A filter naming attributes this type lacks matches none of its resources.
          if (
            error instanceof ScimError &&
            error.scimType === "invalidFilter" &&
            /^Unknown/.test(error.detail)
          ) {
            unknown.push(error);
            continue;
          }
          throw error;
        }
      }
      const query = { ...request.query, ...(filter ? { filter } : {}), startIndex: skip + 1, count: room };
      const page = await listResources(context, type, { ...request, query }, scope);
      totalResults += page.totalResults;
      resources.push(...page.resources);
      room -= page.resources.length;
      skip = Math.max(0, skip - page.totalResults);
    }
    if (unknown.length === types.length) throw unknown[0];
    return scimResponse(listResponse(totalResults, request.query.startIndex, resources));
  });

  app.all("*", (c) => {
    throw new ScimError(404, `No SCIM endpoint at ${c.req.method} ${new URL(c.req.url).pathname}`);
  });
  return app;
}
