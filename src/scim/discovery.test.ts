import { describe, expect, it } from "vitest";
import {
  ENTERPRISE_USER_SCHEMA,
  GROUP_SCHEMA,
  LIST_RESPONSE_SCHEMA,
  RESOURCE_TYPE_SCHEMA,
  SCHEMA_SCHEMA,
  SERVICE_PROVIDER_CONFIG_SCHEMA,
  USER_SCHEMA,
} from "./schemas.ts";
import { scimHarness } from "./testing/harness.ts";

type Attribute = { name: string; mutability: string; subAttributes?: Attribute[] };

describe("discovery endpoints", () => {
  it("describes exactly what is supported in /ServiceProviderConfig", async () => {
    const reply = await scimHarness({ maxResults: 250 }).call("GET", "/ServiceProviderConfig");
    expect(reply.status).toBe(200);
    expect(reply.headers.get("content-type")).toContain("application/scim+json");
    expect(reply.body).toMatchObject({
      schemas: [SERVICE_PROVIDER_CONFIG_SCHEMA],
      patch: { supported: true },
      bulk: { supported: false },
      filter: { supported: true, maxResults: 250 },
      changePassword: { supported: false },
      sort: { supported: true },
      etag: { supported: true },
      authenticationSchemes: [expect.objectContaining({ type: "oauthbearertoken", primary: true })],
      meta: {
        resourceType: "ServiceProviderConfig",
        location: "http://scim.test/scim/v2/ServiceProviderConfig",
      },
    });
  });

  it("lists the User, enterprise User and Group schemas, each fetchable by URN", async () => {
    const scim = scimHarness();
    const reply = await scim.call("GET", "/Schemas");
    expect(reply.body).toMatchObject({ schemas: [LIST_RESPONSE_SCHEMA], totalResults: 3, itemsPerPage: 3 });
    expect(reply.body.Resources.map((schema: { id: string }) => schema.id)).toEqual([
      USER_SCHEMA,
      ENTERPRISE_USER_SCHEMA,
      GROUP_SCHEMA,
    ]);
    const user = await scim.call("GET", `/Schemas/${USER_SCHEMA}`);
    expect(user.body.schemas).toEqual([SCHEMA_SCHEMA]);
    const userName = user.body.attributes.find((attribute: Attribute) => attribute.name === "userName");
    expect(userName).toMatchObject({
      type: "string",
      caseExact: false,
      uniqueness: "server",
      required: true,
    });
    const groups = user.body.attributes.find((attribute: Attribute) => attribute.name === "groups");
    expect(groups.mutability).toBe("readOnly");
    const emails = user.body.attributes.find((attribute: Attribute) => attribute.name === "emails");
    expect(emails.subAttributes.map((sub: Attribute) => sub.name)).toEqual([
      "value",
      "display",
      "type",
      "primary",
    ]);
    expect((await scim.call("GET", "/Schemas/urn:nope")).status).toBe(404);
  });

  it("advertises the mount's readOnlyAttributes as readOnly", async () => {
    const scim = scimHarness({ readOnlyAttributes: [`${ENTERPRISE_USER_SCHEMA}:manager`] });
    const reply = await scim.call("GET", `/Schemas/${ENTERPRISE_USER_SCHEMA}`);
    const manager = reply.body.attributes.find((attribute: Attribute) => attribute.name === "manager");
    expect(manager.mutability).toBe("readOnly");
    expect(manager.subAttributes.every((sub: Attribute) => sub.mutability === "readOnly")).toBe(true);
    const plain = await scimHarness().call("GET", `/Schemas/${ENTERPRISE_USER_SCHEMA}`);
    expect(
      plain.body.attributes.find((attribute: Attribute) => attribute.name === "manager").mutability,
    ).toBe("readWrite");
  });

  it("lists the User and Group resource types with the enterprise extension", async () => {
    const scim = scimHarness();
    const reply = await scim.call("GET", "/ResourceTypes");
    expect(reply.body.totalResults).toBe(2);
    expect(reply.body.Resources[0]).toEqual({
      schemas: [RESOURCE_TYPE_SCHEMA],
      id: "User",
      name: "User",
      endpoint: "/Users",
      description: "User Account",
      schema: USER_SCHEMA,
      schemaExtensions: [{ schema: ENTERPRISE_USER_SCHEMA, required: false }],
      meta: { resourceType: "ResourceType", location: "http://scim.test/scim/v2/ResourceTypes/User" },
    });
    expect((await scim.call("GET", "/ResourceTypes/Group")).body.endpoint).toBe("/Groups");
    expect((await scim.call("GET", "/ResourceTypes/Device")).status).toBe(404);
  });
});
