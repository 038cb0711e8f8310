/**
 * The storage contract under the SCIM engine. The engine parses requests, applies PATCH, checks ETags and shapes
 * responses; a store only keeps full resources and answers queries with the filter pushed down to it.
 * Implementations: `MemoryScimStore` (sandboxes, tests) and adapters over an app's own tables (the Productboard and
 * Docebo sandboxes keep one source of truth for REST and SCIM); a SQL store later.
 */

export type ScimResourceType = "User" | "Group";

/** A full SCIM resource as JSON (core attributes plus extension objects keyed by schema URN), including `meta`. */
export type ScimResource = Record<string, unknown> & {
  id: string;
  schemas: string[];
  meta: ScimMeta;
};

export interface ScimMeta {
  resourceType: ScimResourceType;
  created: string;
  lastModified: string;
  location: string;
  /** Weak ETag, e.g. `W/"3"`. */
  version: string;
}

/** Attribute path: `[schema:]name[.sub]`, names as the schema spells them (the parser canonicalises case). */
export interface AttributePath {
  schema?: string;
  name: string;
  sub?: string;
}

export type CompareOp = "eq" | "ne" | "co" | "sw" | "ew" | "gt" | "ge" | "lt" | "le";

/** Parsed SCIM filter (RFC 7644 §3.4.2.2). */
export type ScimFilter =
  | { op: "and" | "or"; left: ScimFilter; right: ScimFilter }
  | { op: "not"; filter: ScimFilter }
  | { op: "pr"; path: AttributePath }
  | { op: CompareOp; path: AttributePath; value: string | number | boolean | null }
  /** `emails[type eq "work"]` — a complex multi-valued attribute with a filter on its entries. */
  | { op: "valuePath"; path: AttributePath; filter: ScimFilter };

export interface ScimQuery {
  filter?: ScimFilter;
  /** Canonical attribute path to sort on. */
  sortBy?: AttributePath;
  sortOrder?: "ascending" | "descending";
  /** 1-based. */
  startIndex: number;
  count: number;
}

export interface ScimQueryResult {
  totalResults: number;
  resources: ScimResource[];
}

export interface ScimStore {
  get(type: ScimResourceType, id: string): Promise<ScimResource | undefined>;
  /** Results in a stable order (creation order unless `sortBy`). */
  query(type: ScimResourceType, query: ScimQuery): Promise<ScimQueryResult>;
  /** Insert a resource whose id and meta the engine has already set. */
  create(type: ScimResourceType, resource: ScimResource): Promise<ScimResource>;
  /** Replace the stored resource entirely (the engine has merged PATCH / PUT and bumped meta). */
  replace(type: ScimResourceType, resource: ScimResource): Promise<ScimResource>;
  /** False when there was nothing to delete. */
  delete(type: ScimResourceType, id: string): Promise<boolean>;
}
