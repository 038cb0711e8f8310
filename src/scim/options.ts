import type { Clock } from "../sandbox/kit/clock.ts";
import type { ScimResource, ScimStore } from "./store.ts";

/** App rules a mount adds on top of the schema: return the resource to store, or throw `ScimError` to refuse. */
export interface ScimHooks {
  beforeWriteUser?(resource: ScimResource, previous: ScimResource | undefined): ScimResource;
  beforeWriteGroup?(resource: ScimResource, previous: ScimResource | undefined): ScimResource;
}

export interface ScimAppOptions {
  store: ScimStore;
  /** True when the bearer token may use this mount; see `tokenMatcher` for a constant-time implementation. */
  authenticate: (bearerToken: string) => boolean;
  /** Default true; false → `DELETE /Users/{id}` answers 405 (Productboard deprovisions with `active:false`). */
  userDelete?: boolean;
  /** Default true. */
  groupDelete?: boolean;
  /**
   * Full attribute paths made readOnly on this mount, e.g. the enterprise `manager` (Docebo). POST/PUT ignore
   * them (RFC 7644 §3.5.1), PATCH on them answers 400 `mutability`, and `/Schemas` advertises them readOnly.
   */
  readOnlyAttributes?: string[];
  clock?: Clock;
  /** Cap on `count` (default 1000), advertised as `filter.maxResults`. */
  maxResults?: number;
  /**
   * A `sortBy` query matching more resources than this answers 400 `tooMany` (default 100,000): sorting is done
   * by the store and this bounds its cost.
   */
  maxSortResults?: number;
  hooks?: ScimHooks;
}
