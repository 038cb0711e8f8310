import type { Context } from "hono";
import { z } from "zod";
import { proofhubError } from "./errors.ts";

const JsonObject = z.record(z.string(), z.unknown());

/**
 * The JSON object in a POST / PUT body, or ProofHub's 400 when the body is not JSON or not an object.
 * (The content type itself is checked earlier with the other request-level rules: see `guard.ts`.)
 */
export async function readJsonObject(c: Context): Promise<Record<string, unknown> | Response> {
  let body: unknown;
  try {
    body = JSON.parse(await c.req.text());
  } catch {
    return proofhubError(400, "Request body is not valid JSON");
  }
  const parsed = JsonObject.safeParse(body);
  if (!parsed.success || Array.isArray(body)) return proofhubError(400, "Request body must be a JSON object");
  return parsed.data;
}

/** A numeric path id, or undefined when the segment is not one (the route then answers 404). */
export function pathId(c: Context, name = "id"): number | undefined {
  const raw = c.req.param(name);
  if (raw === undefined || !/^\d{1,15}$/.test(raw)) return undefined;
  return Number(raw);
}
