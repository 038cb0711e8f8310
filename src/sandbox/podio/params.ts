/**
 * Query parameters and JSON bodies, validated the way Podio does: a bad value is a 400 `invalid_value` naming the
 * parameter, e.g. `Invalid value "abc" (string): must be an integer` with `error_parameters: {"limit": "abc"}`.
 */
import type { Context } from "hono";
import type { z } from "zod";
import { invalidValue, PodioApiError } from "./errors.ts";

export function intQuery(
  c: Context,
  name: string,
  bounds: { default: number; min: number; max?: number },
): number {
  const raw = c.req.query(name);
  if (raw === undefined) return bounds.default;
  if (!/^-?\d+$/.test(raw)) {
    throw invalidValue(`Invalid value "${raw}" (string) for ${name}: must be an integer`, { [name]: raw });
  }
  const value = Number(raw);
  if (value < bounds.min) {
    throw invalidValue(`Invalid value ${value} (int) for ${name}: must be at least ${bounds.min}`, {
      [name]: raw,
    });
  }
  if (bounds.max !== undefined && value > bounds.max) {
    throw invalidValue(`Invalid value ${value} (int) for ${name}: must be at most ${bounds.max}`, {
      [name]: raw,
    });
  }
  return value;
}

export function boolQuery(c: Context, name: string, fallback: boolean): boolean {
  const raw = c.req.query(name);
  if (raw === undefined) return fallback;
  if (raw === "true" || raw === "1") return true;
  if (raw === "false" || raw === "0") return false;
  throw invalidValue(`Invalid value "${raw}" (string) for ${name}: must be true or false`, { [name]: raw });
}

export function enumQuery<T extends string>(c: Context, name: string, allowed: readonly T[]): T | undefined {
  const raw = c.req.query(name);
  if (raw === undefined) return undefined;
  const found = allowed.find((value) => value === raw);
  if (found === undefined) {
    throw invalidValue(`Invalid value "${raw}" (string) for ${name}: must be one of ${allowed.join(", ")}`, {
      [name]: raw,
    });
  }
  return found;
}

/** A JSON request body checked against a schema; unreadable JSON is `bad_request`, a wrong shape `invalid_value`. */
export async function jsonBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.infer<S>> {
  const raw = await c.req.text();
  let parsed: unknown;
  try {
    parsed = raw.trim() === "" ? {} : JSON.parse(raw);
  } catch {
    throw new PodioApiError(400, "bad_request", "The request body is not valid JSON");
  }
  const result = schema.safeParse(parsed);
  if (!result.success) {
    const issue = result.error.issues[0];
    const field = issue?.path.join(".") || "body";
    throw invalidValue(`Invalid value for ${field}: ${issue?.message ?? "invalid"}`);
  }
  return result.data;
}

/** `{user_ids}` path segments: comma-separated ids (the route pattern already made sure they are digits). */
export function idList(raw: string): number[] {
  return [...new Set(raw.split(",").map(Number))];
}
