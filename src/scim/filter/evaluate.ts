import { defaultRegistry, type SchemaRegistry } from "../schema-registry.ts";
import type { AttributeDef } from "../schemas.ts";
import type { AttributePath, ScimFilter, ScimResourceType } from "../store.ts";

type Json = Record<string, unknown>;
type FilterValue = string | number | boolean | null;

/** What `matchesFilter` needs to know about attribute types (caseExact, boolean, dateTime...). */
export interface EvaluationScope {
  registry?: SchemaRegistry;
  /** Defaults to `resource.meta.resourceType`, then User. */
  type?: ScimResourceType;
}

const isObject = (value: unknown): value is Json =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** A property by canonical name, falling back to a case-insensitive match (resources from store adapters). */
export function property(container: Json, name: string): unknown {
  if (name in container) return container[name];
  const wanted = name.toLowerCase();
  for (const key of Object.keys(container)) if (key.toLowerCase() === wanted) return container[key];
  return undefined;
}

/** The raw value at a canonical path: an array for multi-valued attributes, possibly with sub-values mapped. */
export function valueAt(resource: Json, path: AttributePath): unknown {
  let container: unknown = resource;
  if (path.schema) container = property(resource, path.schema);
  if (!isObject(container)) return undefined;
  const value = property(container, path.name);
  if (path.sub === undefined) return value;
  const sub = path.sub;
  if (Array.isArray(value)) return value.filter(isObject).map((entry) => property(entry, sub));
  return isObject(value) ? property(value, sub) : undefined;
}

function leaves(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return value.flatMap(leaves);
  return [value];
}

function present(value: unknown): boolean {
  if (value === undefined || value === null || value === "") return false;
  if (Array.isArray(value)) return value.some(present);
  if (isObject(value)) return Object.values(value).some(present);
  return true;
}

/** Orders two leaf values of one attribute; undefined when they cannot be compared. */
export function compareValues(
  left: unknown,
  right: FilterValue,
  definition: AttributeDef | undefined,
): number | undefined {
  const type = definition?.type ?? "string";
  if (type === "boolean") {
    const a = typeof left === "string" ? left.toLowerCase() === "true" : left;
    const b = typeof right === "string" ? right.toLowerCase() === "true" : right;
    if (typeof a !== "boolean" || typeof b !== "boolean") return undefined;
    return a === b ? 0 : a ? 1 : -1;
  }
  if (type === "integer" || type === "decimal") {
    const a = Number(left);
    const b = Number(right);
    if (Number.isNaN(a) || Number.isNaN(b)) return undefined;
    return a === b ? 0 : a < b ? -1 : 1;
  }
  if (typeof left === "object" || right === null) return undefined;
  if (type === "dateTime") {
    const a = Date.parse(String(left));
    const b = Date.parse(String(right));
    if (!Number.isNaN(a) && !Number.isNaN(b)) return a === b ? 0 : a < b ? -1 : 1;
  }
  const caseExact = definition?.caseExact ?? false;
  const a = caseExact ? String(left) : String(left).toLowerCase();
  const b = caseExact ? String(right) : String(right).toLowerCase();
  return a === b ? 0 : a < b ? -1 : 1;
}

function compareLeaf(
  op: string,
  left: unknown,
  right: FilterValue,
  definition: AttributeDef | undefined,
): boolean {
  if (op === "co" || op === "sw" || op === "ew") {
    if (typeof left !== "string" && typeof left !== "number") return false;
    const caseExact = definition?.caseExact ?? false;
    const a = caseExact ? String(left) : String(left).toLowerCase();
    const b = caseExact ? String(right) : String(right).toLowerCase();
    if (op === "co") return a.includes(b);
    return op === "sw" ? a.startsWith(b) : a.endsWith(b);
  }
  const order = compareValues(left, right, definition);
  if (order === undefined) return false;
  switch (op) {
    case "eq":
      return order === 0;
    case "gt":
      return order > 0;
    case "ge":
      return order >= 0;
    case "lt":
      return order < 0;
    case "le":
      return order <= 0;
    default:
      return false;
  }
}

/** Finds the definition of a path, either top-level (via the registry) or relative to a multi-valued parent. */
type Lookup = (path: AttributePath) => AttributeDef | undefined;

function evaluate(target: Json, filter: ScimFilter, lookup: Lookup): boolean {
  switch (filter.op) {
    case "and":
      return evaluate(target, filter.left, lookup) && evaluate(target, filter.right, lookup);
    case "or":
      return evaluate(target, filter.left, lookup) || evaluate(target, filter.right, lookup);
    case "not":
      return !evaluate(target, filter.filter, lookup);
    case "pr":
      return present(valueAt(target, filter.path));
    case "valuePath": {
      const parent = lookup({
        name: filter.path.name,
        ...(filter.path.schema ? { schema: filter.path.schema } : {}),
      });
      const entries = leaves(valueAt(target, filter.path)).filter(isObject);
      const inner: Lookup = (path) => parent?.subAttributes?.find((sub) => sub.name === path.name);
      return entries.some((entry) => evaluate(entry, filter.filter, inner));
    }
    case "ne":
      return !evaluate(target, { ...filter, op: "eq" }, lookup);
    default: {
      const values = leaves(valueAt(target, filter.path));
      if (filter.value === null) return filter.op === "eq" && values.length === 0;
      const definition = lookup(filter.path);
      const leafDefinition =
        definition?.type === "complex" && filter.path.sub === undefined ? undefined : definition;
      return values.some((value) => compareLeaf(filter.op, value, filter.value, leafDefinition));
    }
  }
}

/**
 * True when a resource matches a parsed filter (RFC 7644 §3.4.2.2): multi-valued attributes match when any value
 * does, `caseExact` comes from the schema (`userName` is case-insensitive, `id` and `externalId` are not),
 * dateTimes compare as instants, `ne` is the negation of `eq` (so a missing attribute is `ne` anything).
 * For store adapters that evaluate filters themselves or post-filter an index hit.
 */
export function matchesFilter(resource: Json, filter: ScimFilter, scope: EvaluationScope = {}): boolean {
  const registry = scope.registry ?? defaultRegistry;
  const meta = resource.meta;
  const metaType = isObject(meta) ? meta.resourceType : undefined;
  const type: ScimResourceType = scope.type ?? (metaType === "Group" ? "Group" : "User");
  const lookup: Lookup = (path) => {
    const resolved = registry.definitions(type, path);
    return resolved ? (resolved.subAttribute ?? resolved.attribute) : undefined;
  };
  return evaluate(resource, filter, lookup);
}

/** True when one entry of a multi-valued complex attribute matches a filter relative to it (`type eq "work"`). */
export function matchesEntry(entry: Json, filter: ScimFilter, parent: AttributeDef): boolean {
  return evaluate(entry, filter, (path) => parent.subAttributes?.find((sub) => sub.name === path.name));
}

/**
 * The value a resource sorts by (RFC 7644 §3.4.2.3): for a multi-valued attribute the primary entry's value, else
 * the first one.
 */
export function sortValue(resource: Json, path: AttributePath): unknown {
  if (path.sub !== undefined) {
    const whole = valueAt(resource, { ...(path.schema ? { schema: path.schema } : {}), name: path.name });
    if (Array.isArray(whole)) {
      const entries = whole.filter(isObject);
      const chosen = entries.find((entry) => entry.primary === true) ?? entries[0];
      return chosen ? property(chosen, path.sub) : undefined;
    }
  }
  const value = valueAt(resource, path);
  if (Array.isArray(value)) {
    const entries = value.filter(isObject);
    const chosen = entries.find((entry) => entry.primary === true) ?? value[0];
    return isObject(chosen) ? property(chosen, "value") : chosen;
  }
  return value;
}

/** Comparator for `sortBy`: missing values last in both orders, ties left to the caller (stable sort). */
export function sortComparator(
  path: AttributePath,
  order: "ascending" | "descending",
  scope: EvaluationScope & { type: ScimResourceType },
): (a: Json, b: Json) => number {
  const registry = scope.registry ?? defaultRegistry;
  const resolved = registry.definitions(scope.type, path);
  const definition = resolved ? (resolved.subAttribute ?? resolved.attribute) : undefined;
  const sign = order === "descending" ? -1 : 1;
  return (a, b) => {
    const left = sortValue(a, path);
    const right = sortValue(b, path);
    const leftMissing = left === undefined || left === null || typeof left === "object";
    const rightMissing = right === undefined || right === null || typeof right === "object";
    if (leftMissing || rightMissing) return leftMissing === rightMissing ? 0 : leftMissing ? 1 : -1;
    const order = compareValues(left, right as FilterValue, definition);
    return (order ?? 0) * sign;
  };
}
