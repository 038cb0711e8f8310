import type { Context } from "hono";
import { z } from "zod";
import { type AttributeProblem, badRequest, conflict, invalidAttributes } from "./json-api.ts";

/** The JSON:API document a write must carry: `{"data":{"type":..., "attributes":{...}}}`. */
const ResourceDocument = z.object({
  data: z.object({
    type: z.string().optional(),
    id: z.union([z.string(), z.number()]).optional(),
    attributes: z.record(z.string(), z.unknown()).optional(),
    relationships: z.record(z.string(), z.unknown()).optional(),
  }),
});

/**
 * Parse a write's body. Not JSON, or no `data` object → 400; `data.type` or `data.id` naming another resource →
 * 409 (JSON:API). A missing `type` is tolerated. Returns the raw attributes for the endpoint's own schema.
 */
export async function readResource(
  c: Context,
  expected: { type: string; id?: string },
): Promise<Record<string, unknown> | Response> {
  const text = await c.req.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return badRequest("The request body is not valid JSON");
  }
  const parsed = ResourceDocument.safeParse(body);
  if (!parsed.success) return badRequest("The request body must be a JSON:API document with a data object");
  const { data } = parsed.data;
  if (data.type !== undefined && data.type !== expected.type) {
    return conflict(`Resource type must be ${expected.type}`, "/data/type");
  }
  if (data.id !== undefined && expected.id !== undefined && String(data.id) !== expected.id) {
    return conflict("Resource id does not match the URL", "/data/id");
  }
  return data.attributes ?? {};
}

export const BLANK = "can't be blank";
export const INVALID = "is invalid";
export const TAKEN = "has already been taken";

/** A string attribute that must not be blank (null or "" → "can't be blank", a non-string → "is invalid"). */
export const requiredText = z
  .string({ error: (issue) => (issue.input === null || issue.input === undefined ? BLANK : INVALID) })
  .refine((s) => s.trim() !== "", BLANK);

export const optionalText = z.string({ error: INVALID }).nullable();

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
export const emailAddress = requiredText.refine((s) => s.trim() === "" || EMAIL.test(s.trim()), INVALID);

/**
 * Check attributes against an endpoint's schema. Attributes the schema does not name are dropped silently — the
 * real API ignores read-only attributes (the doc's PATCH with `default_organization_id` returns it unchanged).
 * Failures become the doc's 422, one error per attribute.
 */
export function validateAttributes<T>(
  schema: z.ZodType<T>,
  attributes: Record<string, unknown>,
): T | Response {
  const parsed = schema.safeParse(attributes);
  if (parsed.success) return parsed.data;
  const problems: AttributeProblem[] = [];
  for (const issue of parsed.error.issues) {
    const attribute = String(issue.path[0] ?? "base");
    if (!problems.some((p) => p.attribute === attribute)) problems.push({ attribute, detail: issue.message });
  }
  return invalidAttributes(problems);
}
