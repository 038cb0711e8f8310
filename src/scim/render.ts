import type { EngineContext, RequestScope } from "./engine-context.ts";
import type { Json } from "./json.ts";
import { ResourceProjector } from "./projection.ts";
import { groupsOf } from "./rules/user-rules.ts";
import { LIST_RESPONSE_SCHEMA } from "./schemas.ts";
import type { ScimResource, ScimResourceType } from "./store.ts";

export const endpointOf = (type: ScimResourceType) => (type === "User" ? "/Users" : "/Groups");

/**
 * A stored resource as a response shows it: `meta.location` under this mount's base URL, the User's read-only
 * `groups` derived from group membership (only when it will be returned), then `attributes` /
 * `excludedAttributes` and `returned` rules.
 */
export async function renderResource(
  context: EngineContext,
  type: ScimResourceType,
  resource: ScimResource,
  projector: ResourceProjector,
  scope: RequestScope,
): Promise<Json> {
  const location = `${scope.base}${endpointOf(type)}/${resource.id}`;
  let full: Json = { ...resource, meta: { ...resource.meta, location } };
  if (type === "User" && projector.includes("groups")) {
    const groups = (await groupsOf(context, resource.id)).map((group) => ({
      value: group.id,
      $ref: `${scope.base}/Groups/${group.id}`,
      ...(typeof group.displayName === "string" ? { display: group.displayName } : {}),
      type: "direct",
    }));
    if (groups.length > 0) {
      const { meta, ...rest } = full;
      full = { ...rest, groups, meta };
    }
  }
  return projector.apply(full);
}

export function listResponse(totalResults: number, startIndex: number, resources: Json[]): Json {
  return {
    schemas: [LIST_RESPONSE_SCHEMA],
    totalResults,
    itemsPerPage: resources.length,
    startIndex,
    Resources: resources,
  };
}

export { ResourceProjector };
