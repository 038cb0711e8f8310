import { invalidSyntax, invalidValue, mutability } from "./errors.ts";
import { isObject, type Json, jsonEqual } from "./json.ts";
import type { SchemaRegistry } from "./schema-registry.ts";
import type { AttributeDef } from "./schemas.ts";
import type { ScimResourceType } from "./store.ts";

/** RFC 3339 / xsd:dateTime as SCIM uses it. */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** Attributes the engine computes itself; never taken from a request body. */
export const SERVER_ATTRIBUTES = new Set(["id", "meta", "groups"]);

/**
 * Checks and canonicalises one attribute value against its definition. Returns undefined for "unassigned" (null,
 * empty arrays). Quirks accepted: `"True"`/`"False"` strings on boolean attributes (Entra without
 * aadOptscim062020), a plain string for a complex attribute with a `value` sub-attribute (Entra's `manager`), a
 * single object for a multi-valued attribute, `"$ref": null` (Entra members). ReadOnly sub-attributes in the
 * value are dropped (RFC 7644 §3.5.1). Wrong types answer 400 `invalidValue`, unknown sub-attributes 400
 * `invalidSyntax`.
 */
export function normaliseValue(
  definition: AttributeDef,
  value: unknown,
  label: string,
  single = false,
): unknown {
  if (value === null || value === undefined) return undefined;
  if (definition.multiValued && !single) {
    const items = Array.isArray(value) ? value : [value];
    const needsValue = definition.subAttributes?.some((sub) => sub.name === "value") ?? false;
    const normalised = items
      .map((item, i) => {
        const entry = normaliseValue(definition, item, `${label}[${i}]`, true);
        if (needsValue && item !== null && !(isObject(entry) && entry.value !== undefined)) {
          throw invalidValue(`'${label}[${i}]' needs a 'value'`);
        }
        return entry;
      })
      .filter((item) => item !== undefined);
    if (normalised.length === 0) return undefined;
    const primaries = normalised.filter((item) => isObject(item) && item.primary === true).length;
    if (primaries > 1) throw invalidValue(`'${label}' has more than one primary value`);
    return normalised;
  }
  if (Array.isArray(value)) throw invalidValue(`'${label}' is single-valued, got an array`);
  switch (definition.type) {
    case "complex":
      return normaliseComplex(definition, value, label);
    case "boolean":
      if (typeof value === "boolean") return value;
      if (typeof value === "string" && /^(true|false)$/i.test(value)) return value.toLowerCase() === "true";
      throw invalidValue(`'${label}' must be a boolean`);
    case "integer":
      if (typeof value === "number" && Number.isInteger(value)) return value;
      throw invalidValue(`'${label}' must be an integer`);
    case "decimal":
      if (typeof value === "number" && Number.isFinite(value)) return value;
      throw invalidValue(`'${label}' must be a number`);
    case "dateTime":
      if (typeof value === "string" && DATE_TIME.test(value) && !Number.isNaN(Date.parse(value)))
        return value;
      throw invalidValue(`'${label}' must be an xsd:dateTime such as 2026-01-31T09:00:00Z`);
    default:
      if (typeof value === "string") return value;
      throw invalidValue(`'${label}' must be a string`);
  }
}

function normaliseComplex(definition: AttributeDef, value: unknown, label: string): Json | undefined {
  const subs = definition.subAttributes ?? [];
  if (typeof value === "string" && subs.some((sub) => sub.name === "value")) return { value };
  if (!isObject(value)) throw invalidValue(`'${label}' must be an object`);
  const result: Json = {};
  for (const [key, item] of Object.entries(value)) {
    const sub = subs.find((candidate) => candidate.name.toLowerCase() === key.toLowerCase());
    if (!sub) throw invalidSyntax(`Unknown sub-attribute '${key}' of '${label}'`);
    if (sub.mutability === "readOnly") continue;
    const normalised = normaliseValue(sub, item, `${label}.${sub.name}`);
    if (normalised !== undefined) result[sub.name] = normalised;
  }
  return Object.keys(result).length > 0 ? result : undefined;
}

export interface NormalisedBody {
  /** Core attributes at top level, extension attributes under their schema URN. No id, meta or groups. */
  attributes: Json;
  /** The `id` the body carried, if any (PUT compares it with the URL). */
  id?: unknown;
}

/**
 * Validates a POST/PUT body (RFC 7643 §2, RFC 7644 §3.3 and §3.5.1) and returns its canonical attributes.
 * - `schemas`, when present, must be an array of strings naming the core schema; other known URNs are fine, and
 *   unknown URNs (e.g. Entra's Microsoft group schema) are dropped together with any attributes under them.
 * - Attribute names are case-insensitive; an unknown core attribute, or unknown attribute of a known extension,
 *   answers 400 `invalidSyntax`; `urn:...:attr` keys are accepted as full attribute paths.
 * - readOnly attributes (`id`, `meta`, `groups`, and the mount's `readOnlyAttributes`) are ignored.
 */
export function normaliseBody(
  type: ScimResourceType,
  body: unknown,
  registry: SchemaRegistry,
): NormalisedBody {
  if (!isObject(body)) throw invalidSyntax("The request body must be a JSON object");
  const resourceType = registry.resourceType(type);
  const attributes: Json = {};
  let id: unknown;
  for (const [key, value] of Object.entries(body)) {
    const lowerKey = key.toLowerCase();
    if (lowerKey === "schemas") {
      checkSchemas(value, resourceType.schema);
      continue;
    }
    if (lowerKey === "id") {
      id = value;
      continue;
    }
    const extension = registry.extensionUrn(type, key);
    if (extension) {
      if (value === null) continue;
      if (!isObject(value)) throw invalidValue(`'${extension}' must be an object of extension attributes`);
      for (const [name, item] of Object.entries(value)) {
        const attribute = registry.attribute(extension, name);
        if (!attribute) throw invalidSyntax(`Unknown attribute '${name}' of ${extension}`);
        assign(attributes, extension, resourceType.schema, attribute, item, `${extension}:${attribute.name}`);
      }
      continue;
    }
    if (key.includes(":")) {
      const resolved = registry.resolve(type, key);
      if (!resolved) {
        if (registry.schemaUrns(type).some((urn) => lowerKey.startsWith(`${urn.toLowerCase()}:`))) {
          throw invalidSyntax(`Unknown attribute '${key}'`);
        }
        continue; // an attribute of a schema this server does not support: ignored
      }
      if (resolved.subAttribute) {
        const current = targetContainer(attributes, resolved.schemaUrn, resourceType.schema)[
          resolved.attribute.name
        ];
        const merged = { ...(isObject(current) ? current : {}), [resolved.subAttribute.name]: value };
        assign(attributes, resolved.schemaUrn, resourceType.schema, resolved.attribute, merged, key);
      } else {
        assign(attributes, resolved.schemaUrn, resourceType.schema, resolved.attribute, value, key);
      }
      continue;
    }
    const attribute = registry.attribute(resourceType.schema, key);
    if (!attribute) throw invalidSyntax(`Unknown attribute '${key}' for a ${type}`);
    assign(attributes, resourceType.schema, resourceType.schema, attribute, value, attribute.name);
  }
  return id === undefined ? { attributes } : { attributes, id };
}

function checkSchemas(value: unknown, coreSchema: string): void {
  if (!Array.isArray(value) || !value.every((item) => typeof item === "string")) {
    throw invalidSyntax("'schemas' must be an array of schema URNs");
  }
  if (!value.some((item) => item.toLowerCase() === coreSchema.toLowerCase())) {
    throw invalidValue(`'schemas' must include ${coreSchema}`);
  }
}

function targetContainer(attributes: Json, schemaUrn: string, coreSchema: string): Json {
  if (schemaUrn === coreSchema) return attributes;
  const existing = attributes[schemaUrn];
  if (isObject(existing)) return existing;
  const created: Json = {};
  attributes[schemaUrn] = created;
  return created;
}

function assign(
  attributes: Json,
  schemaUrn: string,
  coreSchema: string,
  attribute: AttributeDef,
  value: unknown,
  label: string,
): void {
  if (SERVER_ATTRIBUTES.has(attribute.name) && schemaUrn === coreSchema) return;
  if (attribute.mutability === "readOnly") return;
  const normalised = normaliseValue(attribute, value, label);
  // writeOnly attributes (password) are checked, then discarded: no credentials are stored.
  if (attribute.mutability === "writeOnly") return;
  const container = targetContainer(attributes, schemaUrn, coreSchema);
  if (normalised === undefined) delete container[attribute.name];
  else container[attribute.name] = normalised;
  if (schemaUrn !== coreSchema && Object.keys(container).length === 0) delete attributes[schemaUrn];
}

/** 400 `invalidValue` when a required attribute (userName, displayName) is missing or empty. */
export function checkRequired(type: ScimResourceType, attributes: Json, registry: SchemaRegistry): void {
  const schema = registry.schema(registry.resourceType(type).schema)!;
  for (const attribute of schema.attributes) {
    if (!attribute.required) continue;
    const value = attributes[attribute.name];
    if (value === undefined || value === null || value === "") {
      throw invalidValue(`'${attribute.name}' is required`);
    }
  }
}

/** 400 `mutability` when a body changes an immutable attribute that already has a value (RFC 7643 §7). */
export function checkImmutable(
  type: ScimResourceType,
  attributes: Json,
  previous: Json,
  registry: SchemaRegistry,
): void {
  for (const urn of registry.schemaUrns(type)) {
    const schema = registry.schema(urn)!;
    const core = urn === registry.resourceType(type).schema;
    const now = core ? attributes : attributes[urn];
    const before = core ? previous : previous[urn];
    for (const attribute of schema.attributes) {
      if (attribute.mutability !== "immutable") continue;
      const old = isObject(before) ? before[attribute.name] : undefined;
      const next = isObject(now) ? now[attribute.name] : undefined;
      if (old !== undefined && next !== undefined && !jsonEqual(old, next)) {
        throw mutability(`'${attribute.name}' is immutable`);
      }
    }
  }
}
