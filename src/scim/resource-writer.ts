import { randomUUID } from "node:crypto";
import type { EngineContext, RequestScope, ResourceRules } from "./engine-context.ts";
import { nowIso } from "./engine-context.ts";
import { mutability, notFound, ScimError } from "./errors.ts";
import { etagMatches } from "./http.ts";
import { isObject, type Json, jsonEqual } from "./json.ts";
import { applyPatch } from "./patch/apply.ts";
import { parsePatchRequest } from "./patch/request.ts";
import { checkImmutable, checkRequired, normaliseBody } from "./resource-body.ts";
import { assembleResource, nextVersion, toView } from "./resource-view.ts";
import { groupRules } from "./rules/group-rules.ts";
import { userRules } from "./rules/user-rules.ts";
import type { ScimResource, ScimResourceType } from "./store.ts";
import { WriteQueue } from "./write-queue.ts";

/** Preconditions of a write: the request's If-Match header, checked against the stored version. */
export interface WriteConditions {
  ifMatch?: string;
}

const endpointOf = (type: ScimResourceType) => (type === "User" ? "Users" : "Groups");

/**
 * Create / replace / patch / delete for one mount: validation, ETags, resource rules, app hooks, then one store
 * write. Every failure happens before the store is touched, so a rejected request leaves the resource unchanged.
 */
export class ResourceWriter {
  private readonly queue = new WriteQueue();
  private readonly rules: Record<ScimResourceType, ResourceRules>;

  constructor(private readonly context: EngineContext) {
    this.rules = { User: userRules(context), Group: groupRules(context) };
  }

  create(type: ScimResourceType, body: unknown, scope: RequestScope): Promise<ScimResource> {
    const { attributes } = normaliseBody(type, body, this.context.registry);
    checkRequired(type, attributes, this.context.registry);
    return this.queue.run(async () => {
      const id = randomUUID();
      const now = nowIso(this.context.clock);
      const resource = assembleResource(
        type,
        id,
        attributes,
        {
          resourceType: type,
          created: now,
          lastModified: now,
          location: `${scope.base}/${endpointOf(type)}/${id}`,
          version: nextVersion(undefined),
        },
        this.context.registry,
      );
      return this.store(type, resource, undefined, scope);
    });
  }

  replace(
    type: ScimResourceType,
    id: string,
    body: unknown,
    conditions: WriteConditions,
    scope: RequestScope,
  ): Promise<ScimResource> {
    const normalised = normaliseBody(type, body, this.context.registry);
    if (normalised.id !== undefined && normalised.id !== id) {
      throw mutability(`'id' is readOnly: the body names ${JSON.stringify(normalised.id)}, the URL ${id}`);
    }
    checkRequired(type, normalised.attributes, this.context.registry);
    return this.queue.run(async () => {
      const previous = await this.load(type, id, conditions);
      const view = this.keepReadOnly(type, normalised.attributes, toView(previous));
      checkImmutable(type, view, toView(previous), this.context.registry);
      return this.update(type, previous, view, scope);
    });
  }

  patch(
    type: ScimResourceType,
    id: string,
    body: unknown,
    conditions: WriteConditions,
    scope: RequestScope,
  ): Promise<ScimResource> {
    const operations = parsePatchRequest(body);
    return this.queue.run(async () => {
      const previous = await this.load(type, id, conditions);
      const view = applyPatch(toView(previous), operations, { type, id, registry: this.context.registry });
      checkRequired(type, view, this.context.registry);
      return this.update(type, previous, view, scope);
    });
  }

  delete(
    type: ScimResourceType,
    id: string,
    conditions: WriteConditions,
    scope: RequestScope,
  ): Promise<void> {
    return this.queue.run(async () => {
      const previous = await this.load(type, id, conditions);
      await this.rules[type].beforeDelete(previous, scope);
      if (!(await this.context.store.delete(type, id))) throw notFound(`${type} ${id} not found`);
    });
  }

  private async load(type: ScimResourceType, id: string, conditions: WriteConditions): Promise<ScimResource> {
    const previous = await this.context.store.get(type, id);
    if (!previous) throw notFound(`${type} ${id} not found`);
    const header = conditions.ifMatch;
    if (header !== undefined) {
      if (!etagMatches(header, previous.meta.version)) {
        throw new ScimError(
          412,
          `If-Match ${header} does not match the current version ${previous.meta.version}`,
        );
      }
    }
    return previous;
  }

  /** A write that changes nothing keeps the version (and ETag) as it was. */
  private async update(
    type: ScimResourceType,
    previous: ScimResource,
    view: Json,
    scope: RequestScope,
  ): Promise<ScimResource> {
    const meta = {
      ...previous.meta,
      lastModified: nowIso(this.context.clock),
      version: nextVersion(previous.meta.version),
    };
    const resource = assembleResource(type, previous.id, view, meta, this.context.registry);
    const prepared = await this.rules[type].prepare(resource, previous, scope);
    if (jsonEqual(toView(prepared), toView(previous))) return previous;
    return this.store(type, prepared, previous, scope, true);
  }

  private async store(
    type: ScimResourceType,
    resource: ScimResource,
    previous: ScimResource | undefined,
    scope: RequestScope,
    prepared = false,
  ): Promise<ScimResource> {
    const ready = prepared ? resource : await this.rules[type].prepare(resource, previous, scope);
    const hook = type === "User" ? this.context.hooks.beforeWriteUser : this.context.hooks.beforeWriteGroup;
    const final = hook ? hook.call(this.context.hooks, ready, previous) : ready;
    const stored = previous
      ? await this.context.store.replace(type, final)
      : await this.context.store.create(type, final);
    await this.rules[type].afterWrite(stored, previous, scope);
    return stored;
  }

  /** PUT ignores readOnly attributes (RFC 7644 §3.5.1): the mount's readOnly attributes keep their stored value. */
  private keepReadOnly(type: ScimResourceType, view: Json, previous: Json): Json {
    const registry = this.context.registry;
    const coreSchema = registry.resourceType(type).schema;
    for (const resolved of registry.mountReadOnly(type)) {
      const core = resolved.schemaUrn === coreSchema;
      const from = core ? previous : previous[resolved.schemaUrn];
      let to = core ? view : view[resolved.schemaUrn];
      const name = resolved.attribute.name;
      const old = isObject(from) ? from[name] : undefined;
      if (!isObject(to)) {
        if (old === undefined) continue;
        to = {};
        view[resolved.schemaUrn] = to;
      }
      const target = to as Json;
      if (!resolved.subAttribute) {
        if (old === undefined) delete target[name];
        else target[name] = structuredClone(old);
        continue;
      }
      const sub = resolved.subAttribute.name;
      const oldSub = isObject(old) ? old[sub] : undefined;
      const current = isObject(target[name]) ? (target[name] as Json) : {};
      if (oldSub === undefined) delete current[sub];
      else current[sub] = oldSub;
      if (Object.keys(current).length > 0) target[name] = current;
      else delete target[name];
    }
    return view;
  }
}
