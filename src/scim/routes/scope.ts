import type { Context } from "hono";
import type { RequestScope } from "../engine-context.ts";

const ENDPOINT = /\/(Users|Groups|ServiceProviderConfig|Schemas|ResourceTypes|\.search)(\/|$)/;

/**
 * The mount's absolute base URL, taken from the request (`https://host/scim/v2` for
 * `https://host/scim/v2/Users/1`), so `location` and `$ref` are right wherever the engine is mounted.
 */
export function requestScope(c: Context): RequestScope {
  const url = new URL(c.req.url);
  const match = ENDPOINT.exec(url.pathname);
  const path = match ? url.pathname.slice(0, match.index) : url.pathname.replace(/\/$/, "");
  return { base: `${url.origin}${path}` };
}
