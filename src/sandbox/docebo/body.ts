import type { Context } from "hono";
import type { z } from "zod";
import { DoceboHttpError, MESSAGES } from "./errors.ts";

/**
 * Parse a JSON request body with `schema` at the boundary. Malformed JSON is Yii's 400; a missing or mistyped
 * field is a 400 that names it. Unknown fields are ignored, as the platform does.
 */
export async function readBody<T>(c: Context, schema: z.ZodType<T>): Promise<T> {
  const text = await c.req.text();
  let raw: unknown = {};
  if (text.trim() !== "") {
    try {
      raw = JSON.parse(text);
    } catch {
      throw new DoceboHttpError(400, MESSAGES.badJson);
    }
  }
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
    throw new DoceboHttpError(400, "The request body must be a JSON object.");
  }
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const field = issue.path.join(".");
  const value = issue.path.reduce<unknown>(
    (at, key) => (at && typeof at === "object" ? (at as Record<PropertyKey, unknown>)[key] : undefined),
    raw,
  );
  throw new DoceboHttpError(
    400,
    value === undefined && issue.path.length > 0
      ? `Missing required parameter "${field}"`
      : `Invalid value for parameter "${field}"${issue.message ? `: ${issue.message}` : ""}`,
  );
}
