import { isObject, type Json } from "./json.ts";
import type { SchemaRegistry } from "./schema-registry.ts";
import type { AttributeDef } from "./schemas.ts";
import type { ScimResourceType } from "./store.ts";

/** `attributes` / `excludedAttributes` of a request (RFC 7644 §3.4.2.5), as given (comma-separated paths). */
export interface Projection {
  attributes?: string[];
  excludedAttributes?: string[];
}

/** Path selection per container: attribute name → undefined (whole attribute) or a set of sub-attribute names. */
type Selection = Map<string, Map<string, Set<string> | undefined>>;

export function splitList(text: string | undefined | null): string[] | undefined {
  if (!text) return undefined;
  const items = text
    .split(",")
    .map((item) => item.trim())
    .filter(Boolean);
  return items.length > 0 ? items : undefined;
}

/**
 * Shapes a resource for a response: drops `returned: never` attributes (password), keeps `always` ones (`id`,
 * `schemas`) whatever is asked, and applies `attributes` (only these) or `excludedAttributes` (all but these).
 * Paths may be `emails.value`, `urn:...:User:manager` or a whole extension URN. Unknown names are ignored.
 */
export class ResourceProjector {
  private readonly coreSchema: string;
  private readonly selection?: Selection;
  private readonly exclusion?: Selection;

  constructor(
    private readonly registry: SchemaRegistry,
    private readonly type: ScimResourceType,
    projection: Projection,
  ) {
    this.coreSchema = registry.resourceType(type).schema;
    if (projection.attributes) this.selection = this.select(projection.attributes);
    else if (projection.excludedAttributes) this.exclusion = this.select(projection.excludedAttributes);
  }

  /** Whether a top-level core attribute (e.g. the derived `groups`) will appear in the output. */
  includes(name: string): boolean {
    const attribute = this.registry.attribute(this.coreSchema, name);
    if (!attribute) return false;
    return this.keep(this.coreSchema, attribute) !== false;
  }

  apply(resource: Json): Json {
    const output: Json = {};
    for (const [key, value] of Object.entries(resource)) {
      if (key === "schemas") {
        output.schemas = value;
        continue;
      }
      const extension = this.registry.extensionUrn(this.type, key);
      if (extension) {
        if (!isObject(value)) continue;
        const projected = this.container(extension, value);
        if (Object.keys(projected).length > 0) output[extension] = projected;
        continue;
      }
      const attribute = this.registry.attribute(this.coreSchema, key);
      if (!attribute) continue;
      const projected = this.value(this.coreSchema, attribute, value);
      if (projected !== undefined) output[key] = projected;
    }
    return output;
  }

  private container(schemaUrn: string, container: Json): Json {
    const output: Json = {};
    for (const [key, value] of Object.entries(container)) {
      const attribute = this.registry.attribute(schemaUrn, key);
      if (!attribute) continue;
      const projected = this.value(schemaUrn, attribute, value);
      if (projected !== undefined) output[key] = projected;
    }
    return output;
  }

  /** false: drop; true: keep whole; a set: keep only those sub-attributes; an exclusion set: drop those. */
  private keep(
    schemaUrn: string,
    attribute: AttributeDef,
  ): boolean | { only: Set<string> } | { drop: Set<string> } {
    if (attribute.returned === "never") return false;
    if (attribute.returned === "always") return true;
    if (this.selection) {
      const chosen = this.selection.get(schemaUrn);
      if (!chosen?.has(attribute.name)) return false;
      const subs = chosen.get(attribute.name);
      return subs ? { only: subs } : true;
    }
    if (attribute.returned === "request") return false;
    if (this.exclusion) {
      const excluded = this.exclusion.get(schemaUrn);
      if (excluded?.has(attribute.name)) {
        const subs = excluded.get(attribute.name);
        return subs ? { drop: subs } : false;
      }
    }
    return true;
  }

  private value(schemaUrn: string, attribute: AttributeDef, value: unknown): unknown {
    const decision = this.keep(schemaUrn, attribute);
    if (decision === false) return undefined;
    if (decision === true) return value;
    const pick = (entry: unknown): unknown => {
      if (!isObject(entry)) return entry;
      const output: Json = {};
      for (const [key, item] of Object.entries(entry)) {
        const sub = attribute.subAttributes?.find((candidate) => candidate.name === key);
        if (sub?.returned === "never") continue;
        const chosen = "only" in decision ? decision.only.has(key) : !decision.drop.has(key);
        if (chosen || sub?.returned === "always") output[key] = item;
      }
      return output;
    };
    if (Array.isArray(value)) {
      const entries = value.map(pick).filter((entry) => !isObject(entry) || Object.keys(entry).length > 0);
      return entries.length > 0 ? entries : undefined;
    }
    const picked = pick(value);
    return isObject(picked) && Object.keys(picked).length === 0 ? undefined : picked;
  }

  private select(paths: string[]): Selection {
    const selection: Selection = new Map();
    const add = (schemaUrn: string, name: string, sub?: string) => {
      let names = selection.get(schemaUrn);
      if (!names) {
        names = new Map();
        selection.set(schemaUrn, names);
      }
      if (sub === undefined) {
        names.set(name, undefined);
      } else if (!names.has(name) || names.get(name) !== undefined) {
        const subs = names.get(name) ?? new Set<string>();
        subs.add(sub);
        names.set(name, subs);
      }
    };
    for (const text of paths) {
      const extension = this.registry.extensionUrn(this.type, text);
      if (extension) {
        for (const attribute of this.registry.schema(extension)?.attributes ?? [])
          add(extension, attribute.name);
        continue;
      }
      const resolved = this.registry.resolve(this.type, text);
      if (!resolved) continue;
      add(resolved.schemaUrn, resolved.attribute.name, resolved.subAttribute?.name);
    }
    return selection;
  }
}
