import type { z } from "zod";
import { HttpError, type ResponseIssue } from "./errors.ts";

/** Where a response came from, for the error message. */
export interface ResponseOrigin {
  app: string;
  method: string;
  path: string;
  status: number;
  operation: string | undefined;
}

/**
 * Parse a response body with a zod schema at the boundary. A mismatch is the API breaking its contract (or our
 * schema being wrong): `HttpError` code `invalid`, with the first issues' paths (`data[3].fields.email`) — the
 * paths and zod's messages only, never the offending values.
 */
export function parseResponse<S extends z.ZodType>(
  schema: S,
  body: unknown,
  origin: ResponseOrigin,
): z.output<S> {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const issues: ResponseIssue[] = result.error.issues
    .slice(0, 5)
    .map((issue) => ({ path: formatIssuePath(issue.path), message: issue.message }));
  const first = issues[0];
  throw new HttpError({
    code: "invalid",
    app: origin.app,
    method: origin.method,
    path: origin.path,
    status: origin.status,
    ...(origin.operation ? { operation: origin.operation } : {}),
    detail: first
      ? `unexpected response shape at ${first.path}: ${first.message}`
      : "unexpected response shape",
    issues,
  });
}

/** `["data", 3, "fields", "email"]` → `data[3].fields.email`; the root is `(root)`. */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else out += out === "" ? String(key) : `.${String(key)}`;
  }
  return out === "" ? "(root)" : out;
}
