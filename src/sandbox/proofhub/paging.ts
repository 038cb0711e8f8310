import type { Context } from "hono";
import { proofhubError } from "./errors.ts";

/** Page sizes of list endpoints: ProofHub returns at most 100 records per request, whatever `limit` asks for. */
export interface PageSizes {
  defaultPageSize: number;
  maxPageSize: number;
}

export const DEFAULT_PAGE_SIZES: PageSizes = { defaultPageSize: 25, maxPageSize: 100 };

export interface Page {
  start: number;
  limit: number;
}

const WHOLE_NUMBER = /^\d+$/;

/**
 * Offset paging as a maintained client uses it: `?start=N&limit=M` (0-based offset). A `limit` above the cap is
 * cut to the cap, not refused; other parameters (`page`, ...) are ignored, as the real API ignores them.
 * A non-numeric or negative `start`, or a `limit` that is not a positive integer, gets 400 [I].
 */
export function parsePage(c: Context, sizes: PageSizes): Page | Response {
  const start = c.req.query("start");
  const limit = c.req.query("limit");
  if (start !== undefined && !WHOLE_NUMBER.test(start)) {
    return proofhubError(400, "start must be a non-negative integer");
  }
  if (limit !== undefined && (!WHOLE_NUMBER.test(limit) || Number(limit) === 0)) {
    return proofhubError(400, "limit must be a positive integer");
  }
  return {
    start: start === undefined ? 0 : Number(start),
    limit: Math.min(limit === undefined ? sizes.defaultPageSize : Number(limit), sizes.maxPageSize),
  };
}
