import { Hono } from "hono";
import type { EngineContext } from "./engine-context.ts";
import { notFound } from "./errors.ts";
import { scimResponse } from "./http.ts";
import { listResponse } from "./render.ts";
import { requestScope } from "./routes/scope.ts";
import type { AttributeDef } from "./schemas.ts";
import { RESOURCE_TYPE_SCHEMA, SCHEMA_SCHEMA, SERVICE_PROVIDER_CONFIG_SCHEMA } from "./schemas.ts";

const DOCS_URL = "https://github.com/roster/roster/blob/main/docs/scim.md";

/** RFC 7643 §7 attribute shape; `subAttributes` only for complex attributes. */
function describeAttribute(attribute: AttributeDef): Record<string, unknown> {
  const { subAttributes, canonicalValues, referenceTypes, ...rest } = attribute;
  return {
    ...rest,
    ...(canonicalValues?.length ? { canonicalValues } : {}),
    ...(referenceTypes?.length ? { referenceTypes } : {}),
    ...(subAttributes ? { subAttributes: subAttributes.map(describeAttribute) } : {}),
  };
}

/**
 * `/ServiceProviderConfig`, `/Schemas`, `/ResourceTypes` (RFC 7644 §4), generated from the same definitions the
 * engine validates against, with this mount's options (readOnly attributes, maxResults) applied.
 */
export function discoveryRoutes(context: EngineContext): Hono {
  const app = new Hono();
  const { registry } = context;

  const schemaBody = (base: string, urn: string) => {
    const schema = registry.schema(urn)!;
    return {
      schemas: [SCHEMA_SCHEMA],
      id: schema.id,
      name: schema.name,
      description: schema.description,
      attributes: schema.attributes.map(describeAttribute),
      meta: { resourceType: "Schema", location: `${base}/Schemas/${schema.id}` },
    };
  };

  const resourceTypeBody = (base: string, name: string) => {
    const resourceType = registry.resourceTypes.find((candidate) => candidate.name === name)!;
    return {
      schemas: [RESOURCE_TYPE_SCHEMA],
      id: resourceType.name,
      name: resourceType.name,
      endpoint: resourceType.endpoint,
      description: resourceType.description,
      schema: resourceType.schema,
      schemaExtensions: resourceType.extensions,
      meta: { resourceType: "ResourceType", location: `${base}/ResourceTypes/${resourceType.name}` },
    };
  };

  app.get("/ServiceProviderConfig", (c) => {
    const base = requestScope(c).base;
    return scimResponse({
      schemas: [SERVICE_PROVIDER_CONFIG_SCHEMA],
      documentationUri: DOCS_URL,
      patch: { supported: true },
      bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
      filter: { supported: true, maxResults: context.maxResults },
      changePassword: { supported: false },
      sort: { supported: true },
      etag: { supported: true },
      authenticationSchemes: [
        {
          type: "oauthbearertoken",
          name: "OAuth Bearer Token",
          description: "Authentication with a bearer token in the Authorization header",
          specUri: "https://www.rfc-editor.org/rfc/rfc6750",
          primary: true,
        },
      ],
      meta: { resourceType: "ServiceProviderConfig", location: `${base}/ServiceProviderConfig` },
    });
  });

  app.get("/Schemas", (c) => {
    const base = requestScope(c).base;
    const all = registry.schemas.map((schema) => schemaBody(base, schema.id));
    return scimResponse(listResponse(all.length, 1, all));
  });

  app.get("/Schemas/:id", (c) => {
    const id = c.req.param("id");
    if (!registry.schema(id)) throw notFound(`Schema ${id} not found`);
    return scimResponse(schemaBody(requestScope(c).base, registry.schema(id)!.id));
  });

  app.get("/ResourceTypes", (c) => {
    const base = requestScope(c).base;
    const all = registry.resourceTypes.map((resourceType) => resourceTypeBody(base, resourceType.name));
    return scimResponse(listResponse(all.length, 1, all));
  });

  app.get("/ResourceTypes/:id", (c) => {
    const id = c.req.param("id");
    if (!registry.resourceTypes.some((candidate) => candidate.name === id)) {
      throw notFound(`ResourceType ${id} not found`);
    }
    return scimResponse(resourceTypeBody(requestScope(c).base, id));
  });

  return app;
}
