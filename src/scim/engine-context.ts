import type { Clock } from "../sandbox/kit/clock.ts";
import type { ScimHooks } from "./options.ts";
import type { SchemaRegistry } from "./schema-registry.ts";
import type { ScimResource, ScimStore } from "./store.ts";

/** What the route handlers and resource rules of one mount share. */
export interface EngineContext {
  store: ScimStore;
  registry: SchemaRegistry;
  clock: Clock;
  hooks: ScimHooks;
  maxResults: number;
  maxSortResults: number;
  userDelete: boolean;
  groupDelete: boolean;
}

/** Per-request data rules need: the mount's absolute base URL (for `location` and `$ref`). */
export interface RequestScope {
  base: string;
}

/** The app-independent rules of one resource type, run around every write. */
export interface ResourceRules {
  /** Checks and completes a resource about to be stored (uniqueness, references, derived sub-attributes). */
  prepare(
    resource: ScimResource,
    previous: ScimResource | undefined,
    scope: RequestScope,
  ): Promise<ScimResource>;
  afterWrite(stored: ScimResource, previous: ScimResource | undefined, scope: RequestScope): Promise<void>;
  beforeDelete(previous: ScimResource, scope: RequestScope): Promise<void>;
}

export const nowIso = (clock: Clock) => new Date(clock.now()).toISOString();
