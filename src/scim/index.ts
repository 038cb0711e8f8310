/**
 * SCIM 2.0 server engine (RFC 7643 / RFC 7644) mounted as a Hono sub-app over a pluggable `ScimStore`:
 * `app.route("/scim/v2", createScimApp({ store, authenticate: tokenMatcher([token]) }))`. See docs/scim.md.
 */
export { createScimApp } from "./app.ts";
export { bearerToken, tokenMatcher } from "./auth.ts";
export { ERROR_SCHEMA, ScimError, type ScimErrorBody, type ScimType } from "./errors.ts";
export { type EvaluationScope, matchesFilter, sortComparator, valueAt } from "./filter/evaluate.ts";
export { type FilterScope, parseFilter } from "./filter/parse.ts";
export { MemoryScimStore } from "./memory-store.ts";
export type { ScimAppOptions, ScimHooks } from "./options.ts";
export { defaultRegistry, formatPath, SchemaRegistry } from "./schema-registry.ts";
export * from "./schemas.ts";
export type * from "./store.ts";
