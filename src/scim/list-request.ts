import { z } from "zod";
import type { EngineContext } from "./engine-context.ts";
import { invalidFilter, invalidPath, invalidSyntax, invalidValue } from "./errors.ts";
import { parseFilter } from "./filter/parse.ts";
import type { Projection } from "./projection.ts";
import { splitList } from "./projection.ts";
import { SEARCH_REQUEST_SCHEMA } from "./schemas.ts";
import type { AttributePath, ScimFilter, ScimQuery, ScimResourceType } from "./store.ts";

/** Default page size when a request gives no `count` (RFC 7644 leaves it to the server). */
export const DEFAULT_COUNT = 100;

/** List parameters as received, from a query string or a SearchRequest body. */
export interface RawListParameters {
  filter?: string;
  startIndex?: string | number;
  count?: string | number;
  sortBy?: string;
  sortOrder?: string;
  attributes?: string[];
  excludedAttributes?: string[];
}

export interface ListRequest {
  query: ScimQuery;
  projection: Projection;
  /** The filter text, kept to re-parse per type for `/.search` at the root. */
  filterText?: string;
}

const SearchRequest = z.object({
  schemas: z.array(z.string()).optional(),
  filter: z.string().optional(),
  startIndex: z.number().optional(),
  count: z.number().optional(),
  sortBy: z.string().optional(),
  sortOrder: z.string().optional(),
  attributes: z.array(z.string()).optional(),
  excludedAttributes: z.array(z.string()).optional(),
});

/** Reads a POST `/.search` body (RFC 7644 §3.4.3). Attribute lists may also be comma-separated strings. */
export function searchParameters(body: unknown): RawListParameters {
  const record = typeof body === "object" && body !== null && !Array.isArray(body) ? { ...body } : undefined;
  if (!record) throw invalidSyntax("A SearchRequest body must be a JSON object");
  for (const key of ["attributes", "excludedAttributes"] as const) {
    const value = (record as Record<string, unknown>)[key];
    if (typeof value === "string") (record as Record<string, unknown>)[key] = splitList(value) ?? [];
  }
  const parsed = SearchRequest.safeParse(record);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw invalidSyntax(`SearchRequest: '${String(issue?.path[0] ?? "body")}' has the wrong type`);
  }
  if (parsed.data.schemas && !parsed.data.schemas.includes(SEARCH_REQUEST_SCHEMA)) {
    throw invalidSyntax(`'schemas' must be ["${SEARCH_REQUEST_SCHEMA}"]`);
  }
  const { schemas: _schemas, ...parameters } = parsed.data;
  return parameters;
}

function integer(name: string, value: string | number | undefined): number | undefined {
  if (value === undefined || value === "") return undefined;
  const number = typeof value === "number" ? value : Number(value);
  if (!Number.isInteger(number)) throw invalidValue(`'${name}' must be an integer, got '${value}'`);
  return number;
}

/** Filters on the derived `groups` attribute cannot be pushed down to the store. */
function mentionsGroups(filter: ScimFilter): boolean {
  switch (filter.op) {
    case "and":
    case "or":
      return mentionsGroups(filter.left) || mentionsGroups(filter.right);
    case "not":
      return mentionsGroups(filter.filter);
    default:
      return !filter.path.schema && filter.path.name === "groups";
  }
}

export function parseTypeFilter(text: string, type: ScimResourceType, context: EngineContext): ScimFilter {
  const filter = parseFilter(text, { registry: context.registry, type });
  if (type === "User" && mentionsGroups(filter)) {
    throw invalidFilter(
      "Filtering Users on 'groups' is not supported: filter /Groups on members.value instead",
    );
  }
  return filter;
}

/**
 * Turns list parameters into a store query (RFC 7644 §3.4.2): `startIndex` below 1 counts as 1, a negative
 * `count` as 0, a `count` above `maxResults` is capped; `sortOrder` defaults to ascending.
 */
export function listRequest(
  parameters: RawListParameters,
  type: ScimResourceType | undefined,
  context: EngineContext,
): ListRequest {
  const startIndex = Math.max(integer("startIndex", parameters.startIndex) ?? 1, 1);
  const requested = integer("count", parameters.count) ?? Math.min(DEFAULT_COUNT, context.maxResults);
  const count = Math.min(Math.max(requested, 0), context.maxResults);
  const query: ScimQuery = { startIndex, count };
  const text = parameters.filter?.trim();
  if (text && type) query.filter = parseTypeFilter(text, type, context);
  if (parameters.sortBy) {
    if (!type) throw invalidValue("sortBy is not supported on /.search across resource types");
    query.sortBy = sortPath(parameters.sortBy, type, context);
  }
  if (parameters.sortOrder !== undefined) {
    const order = parameters.sortOrder.toLowerCase();
    if (order !== "ascending" && order !== "descending") {
      throw invalidValue(`sortOrder must be 'ascending' or 'descending', got '${parameters.sortOrder}'`);
    }
    query.sortOrder = order;
  } else if (query.sortBy) {
    query.sortOrder = "ascending";
  }
  const projection: Projection = {};
  if (parameters.attributes?.length) projection.attributes = parameters.attributes;
  if (parameters.excludedAttributes?.length) projection.excludedAttributes = parameters.excludedAttributes;
  return text ? { query, projection, filterText: text } : { query, projection };
}

function sortPath(text: string, type: ScimResourceType, context: EngineContext): AttributePath {
  const resolved = context.registry.resolve(type, text);
  if (!resolved || (!resolved.path.schema && resolved.path.name === "groups")) {
    throw invalidPath(`sortBy '${text}' does not name a sortable ${type} attribute`);
  }
  return resolved.path;
}
