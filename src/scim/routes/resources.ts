import type { Context } from "hono";
import { Hono } from "hono";
import type { EngineContext, RequestScope } from "../engine-context.ts";
import { notFound, ScimError, tooMany } from "../errors.ts";
import { etagMatches, readJson, scimResponse } from "../http.ts";
import { type ListRequest, listRequest, type RawListParameters, searchParameters } from "../list-request.ts";
import { splitList } from "../projection.ts";
import { endpointOf, listResponse, ResourceProjector, renderResource } from "../render.ts";
import type { ResourceWriter } from "../resource-writer.ts";
import type { ScimResource, ScimResourceType } from "../store.ts";
import { requestScope } from "./scope.ts";

/** `attributes` / `excludedAttributes` from the query string (allowed on every endpoint that returns resources). */
function projector(c: Context, context: EngineContext, type: ScimResourceType): ResourceProjector {
  return new ResourceProjector(context.registry, type, {
    attributes: splitList(c.req.query("attributes")),
    excludedAttributes: splitList(c.req.query("excludedAttributes")),
  });
}

function queryParameters(c: Context): RawListParameters {
  const query = c.req.query();
  const parameters: RawListParameters = {};
  if (query.filter !== undefined) parameters.filter = query.filter;
  if (query.startIndex !== undefined) parameters.startIndex = query.startIndex;
  if (query.count !== undefined) parameters.count = query.count;
  if (query.sortBy !== undefined) parameters.sortBy = query.sortBy;
  if (query.sortOrder !== undefined) parameters.sortOrder = query.sortOrder;
  const attributes = splitList(query.attributes);
  if (attributes) parameters.attributes = attributes;
  const excluded = splitList(query.excludedAttributes);
  if (excluded) parameters.excludedAttributes = excluded;
  return parameters;
}

/** Runs a list request against the store and renders the ListResponse (RFC 7644 §3.4.2). */
export async function listResources(
  context: EngineContext,
  type: ScimResourceType,
  request: ListRequest,
  scope: RequestScope,
): Promise<{ totalResults: number; resources: Record<string, unknown>[] }> {
  const { query } = request;
  if (query.sortBy) {
    const { totalResults } = await context.store.query(type, { ...query, startIndex: 1, count: 0 });
    if (totalResults > context.maxSortResults) {
      throw tooMany(
        `sortBy over ${totalResults} ${type}s exceeds ${context.maxSortResults}: narrow the filter`,
      );
    }
  }
  const result = await context.store.query(type, query);
  const shaper = new ResourceProjector(context.registry, type, request.projection);
  const resources = await Promise.all(
    result.resources.map((resource) => renderResource(context, type, resource, shaper, scope)),
  );
  return { totalResults: result.totalResults, resources };
}

function single(
  body: Record<string, unknown>,
  resource: ScimResource,
  status = 200,
  extra: Record<string, string> = {},
) {
  return scimResponse(body, status, { etag: resource.meta.version, ...extra });
}

/** `/Users` or `/Groups`: create, list, search, get, replace, patch, delete (RFC 7644 §3.3–3.6). */
export function resourceRoutes(type: ScimResourceType, context: EngineContext, writer: ResourceWriter): Hono {
  const app = new Hono();
  const deletable = type === "User" ? context.userDelete : context.groupDelete;

  const list = async (c: Context, parameters: RawListParameters) => {
    const request = listRequest(parameters, type, context);
    const scope = requestScope(c);
    const { totalResults, resources } = await listResources(context, type, request, scope);
    return scimResponse(listResponse(totalResults, request.query.startIndex, resources));
  };

  app.get("/", (c) => list(c, queryParameters(c)));
  app.post("/.search", async (c) => list(c, searchParameters(await readJson(c))));

  app.post("/", async (c) => {
    const body = await readJson(c);
    const scope = requestScope(c);
    const created = await writer.create(type, body, scope);
    const rendered = await renderResource(context, type, created, projector(c, context, type), scope);
    return single(rendered, created, 201, {
      location: String(
        (rendered.meta as { location?: string } | undefined)?.location ??
          `${scope.base}${endpointOf(type)}/${created.id}`,
      ),
    });
  });

  app.get("/:id", async (c) => {
    const resource = await context.store.get(type, c.req.param("id"));
    if (!resource) throw notFound(`${type} ${c.req.param("id")} not found`);
    const ifNoneMatch = c.req.header("if-none-match");
    if (ifNoneMatch !== undefined && etagMatches(ifNoneMatch, resource.meta.version)) {
      return scimResponse(null, 304, { etag: resource.meta.version });
    }
    const rendered = await renderResource(
      context,
      type,
      resource,
      projector(c, context, type),
      requestScope(c),
    );
    return single(rendered, resource);
  });

  app.put("/:id", async (c) => {
    const body = await readJson(c);
    const scope = requestScope(c);
    const stored = await writer.replace(
      type,
      c.req.param("id"),
      body,
      { ifMatch: c.req.header("if-match") },
      scope,
    );
    return single(await renderResource(context, type, stored, projector(c, context, type), scope), stored);
  });

  app.patch("/:id", async (c) => {
    const body = await readJson(c);
    const scope = requestScope(c);
    const stored = await writer.patch(
      type,
      c.req.param("id"),
      body,
      { ifMatch: c.req.header("if-match") },
      scope,
    );
    return single(await renderResource(context, type, stored, projector(c, context, type), scope), stored);
  });

  app.delete("/:id", async (c) => {
    if (!deletable) {
      throw new ScimError(405, `${type}s cannot be deleted here: deprovision with PATCH active=false`);
    }
    await writer.delete(type, c.req.param("id"), { ifMatch: c.req.header("if-match") }, requestScope(c));
    return new Response(null, { status: 204 });
  });

  app.all("/", () => {
    throw new ScimError(405, `Method not allowed on ${endpointOf(type)}`);
  });
  app.all("/:id", () => {
    throw new ScimError(405, `Method not allowed on ${endpointOf(type)}/{id}`);
  });
  return app;
}
