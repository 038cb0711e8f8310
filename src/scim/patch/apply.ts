import { invalidSyntax, invalidValue, mutability, noTarget } from "../errors.ts";
import { matchesEntry } from "../filter/evaluate.ts";
import { isObject, type Json, jsonEqual } from "../json.ts";
import { normaliseValue } from "../resource-body.ts";
import type { SchemaRegistry } from "../schema-registry.ts";
import type { AttributeDef } from "../schemas.ts";
import type { ScimFilter, ScimResourceType } from "../store.ts";
import { type PatchTarget, parsePatchPath } from "./path.ts";
import type { PatchOperation, PatchOpName } from "./request.ts";

/**
 * Applies PATCH operations (RFC 7644 §3.5.2) to the writable view of a resource (core attributes at the top,
 * extension attributes under their URN; no id/meta/schemas/groups) and returns the new view. The input is not
 * touched, so a failing operation leaves nothing half-applied.
 *
 * IdP forms accepted besides the RFC: path-less values with dotted and URN keys (Entra aadOptscim062020), a
 * filtered add/replace on an entry that does not exist yet creates it from the filter's `eq` terms (Entra
 * `emails[type eq "work"].value`), `remove members` with a value array removes those members (Entra), and a
 * filtered remove that matches nothing is a no-op (idempotent member removal).
 */
export function applyPatch(
  view: Json,
  operations: PatchOperation[],
  context: { type: ScimResourceType; id: string; registry: SchemaRegistry },
): Json {
  const document = structuredClone(view);
  const patcher = new Patcher(document, context.type, context.id, context.registry);
  for (const operation of operations) patcher.apply(operation);
  for (const key of Object.keys(document)) {
    if (key.includes(":") && isObject(document[key]) && Object.keys(document[key]).length === 0)
      delete document[key];
  }
  return document;
}

class Patcher {
  constructor(
    private readonly document: Json,
    private readonly type: ScimResourceType,
    private readonly id: string,
    private readonly registry: SchemaRegistry,
  ) {}

  apply(operation: PatchOperation): void {
    if (operation.path === undefined) {
      if (operation.op === "remove") throw noTarget("'remove' needs a 'path'");
      this.pathless(operation.op, operation.value);
      return;
    }
    const target = parsePatchPath(this.type, operation.path, this.registry);
    this.checkWritable(target);
    this.run(operation.op, target, operation.value);
  }

  /** `{"op":"replace","value":{"active":false,"name.givenName":"A","urn:...:User:department":"B"}}`. */
  private pathless(op: PatchOpName, value: unknown): void {
    if (!isObject(value)) throw invalidValue(`A '${op}' without 'path' needs an object 'value'`);
    for (const [key, item] of Object.entries(value)) {
      const lower = key.toLowerCase();
      if (lower === "schemas" || lower === "meta") continue;
      if (lower === "id") {
        if (item !== this.id) throw mutability("'id' is readOnly and cannot be changed");
        continue;
      }
      let target: PatchTarget;
      try {
        target = parsePatchPath(this.type, key, this.registry);
      } catch {
        const knownSchema = this.registry
          .schemaUrns(this.type)
          .some((urn) => lower.startsWith(`${urn.toLowerCase()}:`) || lower === urn.toLowerCase());
        if (key.includes(":") && !knownSchema) continue; // attribute of a schema this server does not support
        throw invalidSyntax(`Unknown attribute '${key}' in the 'value' of '${op}'`);
      }
      this.checkWritable(target);
      this.run(op, target, item);
    }
  }

  private checkWritable(target: PatchTarget): void {
    const attribute = target.attribute;
    if (!attribute) return;
    if (attribute.mutability === "readOnly" || target.sub?.mutability === "readOnly") {
      throw mutability(`'${target.text}' is readOnly`);
    }
  }

  private container(target: PatchTarget, create: boolean): Json | undefined {
    if (target.core) return this.document;
    const existing = this.document[target.schemaUrn];
    if (isObject(existing)) return existing;
    if (!create) return undefined;
    const created: Json = {};
    this.document[target.schemaUrn] = created;
    return created;
  }

  private run(op: PatchOpName, target: PatchTarget, value: unknown): void {
    const attribute = target.attribute;
    if (!attribute) {
      this.wholeExtension(op, target, value);
      return;
    }
    if (op !== "remove" && value === null) {
      // RFC 7643 §2.5: null is "unassigned"; replacing with null removes.
      this.run("remove", target, undefined);
      return;
    }
    if (target.filter) {
      this.filtered(op, target, attribute, target.filter, value);
      return;
    }
    const container = this.container(target, op !== "remove");
    if (!container) return;
    if (target.sub) {
      this.subAttribute(op, container, attribute, target.sub, value);
      return;
    }
    if (op === "remove") {
      if (attribute.multiValued && value !== undefined) this.removeValues(container, attribute, value);
      else delete container[attribute.name];
      return;
    }
    const normalised = normaliseValue(attribute, value, target.text);
    if (attribute.mutability === "writeOnly") return; // password: checked, never stored
    if (normalised === undefined) {
      delete container[attribute.name];
    } else if (attribute.multiValued) {
      const incoming = normalised as Json[];
      const existing = op === "add" ? entries(container, attribute) : [];
      container[attribute.name] = merge(existing, incoming);
    } else if (attribute.type === "complex") {
      // Add and replace both merge sub-attributes into a single complex attribute (RFC 7644 §3.5.2.1, 3.5.2.3).
      const current = container[attribute.name];
      container[attribute.name] = { ...(isObject(current) ? current : {}), ...(normalised as Json) };
    } else {
      container[attribute.name] = normalised;
    }
  }

  private wholeExtension(op: PatchOpName, target: PatchTarget, value: unknown): void {
    if (op === "remove") {
      delete this.document[target.schemaUrn];
      return;
    }
    if (!isObject(value)) throw invalidValue(`'${target.text}' needs an object of extension attributes`);
    for (const [name, item] of Object.entries(value)) {
      const attribute = this.registry.attribute(target.schemaUrn, name);
      if (!attribute) throw invalidSyntax(`Unknown attribute '${name}' of ${target.schemaUrn}`);
      const child: PatchTarget = { ...target, text: `${target.schemaUrn}:${attribute.name}`, attribute };
      this.checkWritable(child);
      this.run(op, child, item);
    }
  }

  /** `name.givenName` (single complex) or `emails.value` (every entry of a multi-valued attribute). */
  private subAttribute(
    op: PatchOpName,
    container: Json,
    attribute: AttributeDef,
    sub: AttributeDef,
    value: unknown,
  ) {
    const label = `${attribute.name}.${sub.name}`;
    const normalised = op === "remove" ? undefined : normaliseValue(sub, value, label);
    if (attribute.multiValued) {
      const list = entries(container, attribute);
      if (list.length === 0 && normalised !== undefined) list.push({});
      for (const entry of list) setSub(entry, sub, normalised, label);
      store(container, attribute, list);
      return;
    }
    const current = isObject(container[attribute.name]) ? (container[attribute.name] as Json) : {};
    setSub(current, sub, normalised, label);
    if (Object.keys(current).length > 0) container[attribute.name] = current;
    else delete container[attribute.name];
  }

  private filtered(
    op: PatchOpName,
    target: PatchTarget,
    attribute: AttributeDef,
    filter: ScimFilter,
    value: unknown,
  ) {
    const container = this.container(target, op !== "remove");
    if (!container) return;
    const list = entries(container, attribute);
    const matched = list.filter((entry) => matchesEntry(entry, filter, attribute));
    if (op === "remove") {
      if (target.sub) for (const entry of matched) setSub(entry, target.sub, undefined, target.text);
      store(container, attribute, target.sub ? list : list.filter((entry) => !matched.includes(entry)));
      return;
    }
    const before = new Set(list.filter((entry) => entry.primary === true));
    if (matched.length === 0) {
      // Entra: `Add phoneNumbers[type eq "work"].value` before there is a work phone creates the entry.
      const seed = entrySeed(filter, attribute);
      if (!seed) throw noTarget(`No '${attribute.name}' value matches '${target.text}'`);
      list.push(seed);
      matched.push(seed);
    }
    if (target.sub) {
      const normalised = normaliseValue(target.sub, value, target.text);
      for (const entry of matched) setSub(entry, target.sub, normalised, target.text);
    } else {
      const normalised = normaliseValue(attribute, value, target.text, true);
      if (!isObject(normalised)) throw invalidValue(`'${target.text}' needs an object value`);
      for (const entry of matched) {
        checkImmutableSubs(entry, normalised, attribute, target.text);
        if (op === "replace") {
          const seed = entrySeed(filter, attribute) ?? {};
          for (const key of Object.keys(entry)) delete entry[key];
          Object.assign(entry, seed, normalised);
        } else {
          Object.assign(entry, normalised);
        }
      }
    }
    store(container, attribute, singlePrimary(list, before));
  }

  /** Entra: `{"op":"Remove","path":"members","value":[{"value":"<id>"}]}` removes just those members. */
  private removeValues(container: Json, attribute: AttributeDef, value: unknown): void {
    const doomed = (Array.isArray(value) ? value : [value]).map((item) =>
      isObject(item) || attribute.type !== "complex" ? item : { value: item },
    );
    const list = entries(container, attribute).filter(
      (entry) =>
        !doomed.some((item) =>
          isObject(item)
            ? Object.entries(item).every(([key, v]) => v === null || jsonEqual(entry[key], v))
            : false,
        ),
    );
    store(container, attribute, list);
  }
}

function entries(container: Json, attribute: AttributeDef): Json[] {
  const value = container[attribute.name];
  return Array.isArray(value) ? value.filter(isObject) : [];
}

function store(container: Json, attribute: AttributeDef, list: Json[]): void {
  const kept = list.filter((entry) => Object.keys(entry).length > 0);
  if (kept.length > 0) container[attribute.name] = kept;
  else delete container[attribute.name];
}

function setSub(entry: Json, sub: AttributeDef, value: unknown, label: string): void {
  if (sub.mutability === "immutable" && entry[sub.name] !== undefined && value !== undefined) {
    if (!jsonEqual(entry[sub.name], value)) throw mutability(`'${label}' is immutable`);
  }
  if (value === undefined) delete entry[sub.name];
  else entry[sub.name] = value;
}

function checkImmutableSubs(entry: Json, incoming: Json, attribute: AttributeDef, label: string): void {
  for (const sub of attribute.subAttributes ?? []) {
    if (sub.mutability !== "immutable") continue;
    if (
      entry[sub.name] !== undefined &&
      incoming[sub.name] !== undefined &&
      !jsonEqual(entry[sub.name], incoming[sub.name])
    ) {
      throw mutability(`'${label}.${sub.name}' is immutable`);
    }
  }
}

/** The entry a filter of `eq` terms joined by `and` describes (`type eq "work"` → `{type:"work"}`), if any. */
function entrySeed(filter: ScimFilter, attribute: AttributeDef): Json | undefined {
  if (filter.op === "and") {
    const left = entrySeed(filter.left, attribute);
    const right = left && entrySeed(filter.right, attribute);
    return left && right ? { ...left, ...right } : undefined;
  }
  if (filter.op !== "eq" || filter.path.sub !== undefined || filter.value === null) return undefined;
  const sub = attribute.subAttributes?.find((candidate) => candidate.name === filter.path.name);
  if (!sub) return undefined;
  return { [sub.name]: normaliseValue(sub, filter.value, `${attribute.name}.${sub.name}`) };
}

/**
 * Adds values to a multi-valued attribute: an incoming entry with the same `value` (and `type`, when both have
 * one) as an existing entry updates it instead of duplicating it; a new `primary: true` clears the others.
 */
function merge(existing: Json[], incoming: Json[]): Json[] {
  const list = existing.map((entry) => ({ ...entry }));
  const before = new Set(list.filter((entry) => entry.primary === true));
  for (const item of incoming) {
    const twin =
      "value" in item
        ? list.find(
            (entry) =>
              jsonEqual(entry.value, item.value) &&
              (entry.type === undefined || item.type === undefined || entry.type === item.type),
          )
        : list.find((entry) => jsonEqual(entry, item));
    if (twin) Object.assign(twin, item);
    else list.push({ ...item });
  }
  return singlePrimary(list, before);
}

/** RFC 7644 §3.5.2: setting `primary: true` on one value sets it false on the others. */
function singlePrimary(list: Json[], before: Set<Json>): Json[] {
  const primaries = list.filter((entry) => entry.primary === true);
  if (primaries.length <= 1) return list;
  const fresh = primaries.filter((entry) => !before.has(entry));
  if (fresh.length > 1) throw invalidValue("More than one value is marked primary");
  const keep = fresh[0] ?? primaries[primaries.length - 1];
  for (const entry of primaries) if (entry !== keep) entry.primary = false;
  return list;
}
