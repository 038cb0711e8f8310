import { isObject, type Json } from "./json.ts";
import type { SchemaRegistry } from "./schema-registry.ts";
import type { ScimMeta, ScimResource, ScimResourceType } from "./store.ts";

/**
 * A resource's writable view: its attributes without `id`, `meta`, `schemas` and the derived `groups` — what POST,
 * PUT and PATCH work on. `assembleResource` turns a view back into a full resource in canonical attribute order.
 * The view shares attribute values with the resource: copy before changing them (`applyPatch` does).
 */
export function toView(resource: ScimResource): Json {
  const view: Json = {};
  for (const [key, value] of Object.entries(resource)) {
    if (key === "id" || key === "meta" || key === "schemas" || key === "groups") continue;
    view[key] = value;
  }
  return view;
}

export function assembleResource(
  type: ScimResourceType,
  id: string,
  view: Json,
  meta: ScimMeta,
  registry: SchemaRegistry,
): ScimResource {
  const resourceType = registry.resourceType(type);
  const extensions = resourceType.extensions
    .map((extension) => extension.schema)
    .filter((urn) => isObject(view[urn]) && Object.keys(view[urn]).length > 0);
  const resource: Json = { schemas: [resourceType.schema, ...extensions], id };
  if (view.externalId !== undefined) resource.externalId = view.externalId;
  for (const attribute of registry.schema(resourceType.schema)!.attributes) {
    if (view[attribute.name] !== undefined) resource[attribute.name] = view[attribute.name];
  }
  for (const urn of extensions) resource[urn] = view[urn];
  resource.meta = meta;
  return resource as ScimResource;
}

/** `W/"1"`, `W/"2"`, …; a version this engine did not write (a store adapter's own) restarts at 1. */
export function nextVersion(previous: string | undefined): string {
  const match = previous ? /^W\/"(\d+)"$/.exec(previous) : null;
  return `W/"${match ? Number(match[1]) + 1 : 1}"`;
}
