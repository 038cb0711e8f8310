import {
  type AttributeDef,
  COMMON_ATTRIBUTES,
  ENTERPRISE_USER_SCHEMA_DEF,
  GROUP_SCHEMA,
  GROUP_SCHEMA_DEF,
  type SchemaDef,
  USER_SCHEMA,
  USER_SCHEMA_DEF,
} from "./schemas.ts";
import type { AttributePath, ScimResourceType } from "./store.ts";

export interface ResourceTypeDef {
  name: ScimResourceType;
  endpoint: "/Users" | "/Groups";
  description: string;
  schema: string;
  extensions: { schema: string; required: boolean }[];
}

/** An attribute path resolved against a resource type: canonical spelling plus the definitions it names. */
export interface ResolvedPath {
  path: AttributePath;
  /** URN of the schema holding the attribute (the core schema for core and common attributes). */
  schemaUrn: string;
  attribute: AttributeDef;
  subAttribute?: AttributeDef;
}

const lower = (text: string) => text.toLowerCase();

/**
 * The schemas and resource types of one mount. Built once per `createScimApp`, because `readOnlyAttributes` turns
 * attributes readOnly for that mount only (and `/Schemas` must say so).
 */
export class SchemaRegistry {
  readonly schemas: SchemaDef[];
  readonly resourceTypes: ResourceTypeDef[];
  private readonly byUrn = new Map<string, SchemaDef>();
  private readonly attributeIndex = new Map<string, Map<string, AttributeDef>>();
  private readonly readOnlyByType: Record<ScimResourceType, ResolvedPath[]> = { User: [], Group: [] };

  constructor(readOnlyAttributes: string[] = []) {
    this.schemas = [USER_SCHEMA_DEF, ENTERPRISE_USER_SCHEMA_DEF, GROUP_SCHEMA_DEF].map((schema) =>
      structuredClone(schema),
    );
    this.resourceTypes = [
      {
        name: "User",
        endpoint: "/Users",
        description: "User Account",
        schema: USER_SCHEMA,
        extensions: [{ schema: ENTERPRISE_USER_SCHEMA_DEF.id, required: false }],
      },
      { name: "Group", endpoint: "/Groups", description: "Group", schema: GROUP_SCHEMA, extensions: [] },
    ];
    const common = structuredClone(COMMON_ATTRIBUTES);
    for (const schema of this.schemas) {
      this.byUrn.set(lower(schema.id), schema);
      const index = new Map<string, AttributeDef>();
      for (const attribute of schema.attributes) index.set(lower(attribute.name), attribute);
      const isCore = schema.id === USER_SCHEMA || schema.id === GROUP_SCHEMA;
      if (isCore) for (const attribute of common) index.set(lower(attribute.name), attribute);
      this.attributeIndex.set(schema.id, index);
    }
    for (const text of readOnlyAttributes) this.makeReadOnly(text);
  }

  resourceType(type: ScimResourceType): ResourceTypeDef {
    return this.resourceTypes.find((candidate) => candidate.name === type)!;
  }

  schema(urn: string): SchemaDef | undefined {
    return this.byUrn.get(lower(urn));
  }

  /** Schema URNs a resource of this type may carry: core first, then extensions. */
  schemaUrns(type: ScimResourceType): string[] {
    const resourceType = this.resourceType(type);
    return [resourceType.schema, ...resourceType.extensions.map((extension) => extension.schema)];
  }

  /** The canonical URN when `text` names one of this type's extension schemas (any letter case). */
  extensionUrn(type: ScimResourceType, text: string): string | undefined {
    const wanted = lower(text);
    return this.resourceType(type).extensions.find((extension) => lower(extension.schema) === wanted)?.schema;
  }

  /** Attribute definition in a schema, names compared case-insensitively. */
  attribute(schemaUrn: string, name: string): AttributeDef | undefined {
    return this.attributeIndex.get(schemaUrn)?.get(lower(name));
  }

  /**
   * Resolves `[urn:]attr[.sub]` for a resource type (RFC 7644 §3.10), any letter case. Undefined when the
   * schema, attribute or sub-attribute is unknown. A core URN prefix is accepted and dropped from the result.
   */
  resolve(type: ScimResourceType, text: string): ResolvedPath | undefined {
    const resourceType = this.resourceType(type);
    let schemaUrn = resourceType.schema;
    let rest = text;
    const colon = text.lastIndexOf(":");
    if (colon >= 0) {
      const urn = text.slice(0, colon);
      const known = this.schemaUrns(type).find((candidate) => lower(candidate) === lower(urn));
      if (!known) return undefined;
      schemaUrn = known;
      rest = text.slice(colon + 1);
    }
    const dot = rest.indexOf(".");
    const name = dot >= 0 ? rest.slice(0, dot) : rest;
    const subName = dot >= 0 ? rest.slice(dot + 1) : undefined;
    const attribute = this.attribute(schemaUrn, name);
    if (!attribute) return undefined;
    const path: AttributePath = { name: attribute.name };
    if (schemaUrn !== resourceType.schema) path.schema = schemaUrn;
    if (subName === undefined) return { path, schemaUrn, attribute };
    const subAttribute = attribute.subAttributes?.find((sub) => lower(sub.name) === lower(subName));
    if (!subAttribute) return undefined;
    path.sub = subAttribute.name;
    return { path, schemaUrn, attribute, subAttribute };
  }

  /** Resolves a path on whichever resource type knows it (User first): for callers without a type at hand. */
  resolveAny(text: string): ResolvedPath | undefined {
    return this.resolve("User", text) ?? this.resolve("Group", text);
  }

  /** Definitions behind an already canonical path. */
  definitions(type: ScimResourceType, path: AttributePath): ResolvedPath | undefined {
    const schemaUrn = path.schema ?? this.resourceType(type).schema;
    const attribute = this.attribute(schemaUrn, path.name);
    if (!attribute) return undefined;
    if (path.sub === undefined) return { path, schemaUrn, attribute };
    const subAttribute = attribute.subAttributes?.find((sub) => sub.name === path.sub);
    return subAttribute ? { path, schemaUrn, attribute, subAttribute } : undefined;
  }

  /** The mount's `readOnlyAttributes` that apply to a type (PUT keeps their stored values). */
  mountReadOnly(type: ScimResourceType): ResolvedPath[] {
    return this.readOnlyByType[type];
  }

  private makeReadOnly(text: string): void {
    if (!this.resolve("User", text) && !this.resolve("Group", text)) {
      throw new Error(`readOnlyAttributes: '${text}' names no User or Group attribute`);
    }
    for (const type of ["User", "Group"] as const) {
      const resolved = this.resolve(type, text);
      if (!resolved) continue;
      this.readOnlyByType[type].push(resolved);
      (resolved.subAttribute ?? resolved.attribute).mutability = "readOnly";
      if (!resolved.subAttribute) {
        for (const sub of resolved.attribute.subAttributes ?? []) sub.mutability = "readOnly";
      }
    }
  }
}

/** The registry with no per-mount changes, for `parseFilter` / `matchesFilter` called without a mount. */
export const defaultRegistry = new SchemaRegistry();

/** `urn:...:User:manager.value` / `emails.value` / `userName`: the text form of a canonical path. */
export function formatPath(path: AttributePath): string {
  const base = path.schema ? `${path.schema}:${path.name}` : path.name;
  return path.sub ? `${base}.${path.sub}` : base;
}
