import { z } from "zod";
import { invalidSyntax, invalidValue } from "../errors.ts";
import { isObject } from "../json.ts";
import { PATCH_OP_SCHEMA } from "../schemas.ts";

export type PatchOpName = "add" | "replace" | "remove";

export interface PatchOperation {
  op: PatchOpName;
  path?: string;
  value?: unknown;
}

const Operation = z.object({
  // Entra sends `Add` / `Replace` / `Remove`: op names are matched case-insensitively.
  op: z
    .string()
    .transform((op) => op.toLowerCase())
    .pipe(z.enum(["add", "replace", "remove"])),
  path: z.string().min(1).optional(),
  value: z.unknown().optional(),
});

const PatchRequest = z.object({
  schemas: z.array(z.string()).optional(),
  Operations: z.array(z.unknown()).min(1),
});

/**
 * Parses a PatchOp body (RFC 7644 §3.5.2). `schemas` may be omitted but, when present, must name PatchOp;
 * member names (`Operations`, `op`, `path`, `value`) are matched case-insensitively.
 */
export function parsePatchRequest(body: unknown): PatchOperation[] {
  if (!isObject(body)) throw invalidSyntax("The PATCH body must be a JSON object");
  const envelope = PatchRequest.safeParse(lowerKeys(body, { operations: "Operations", schemas: "schemas" }));
  if (!envelope.success) {
    throw invalidSyntax("A PATCH body needs 'Operations': an array of one or more operations");
  }
  const { schemas, Operations } = envelope.data;
  if (schemas && !schemas.includes(PATCH_OP_SCHEMA))
    throw invalidSyntax(`'schemas' must be ["${PATCH_OP_SCHEMA}"]`);
  return Operations.map((raw, i) => {
    if (!isObject(raw)) throw invalidSyntax(`Operations[${i}] must be an object`);
    const parsed = Operation.safeParse(lowerKeys(raw, { op: "op", path: "path", value: "value" }));
    if (!parsed.success) {
      const field =
        parsed.error.issues[0]?.path[0] === "path"
          ? "'path' must be a non-empty string"
          : "'op' must be add, replace or remove";
      throw invalidSyntax(`Operations[${i}]: ${field}`);
    }
    const operation: PatchOperation = { op: parsed.data.op };
    if (parsed.data.path !== undefined) operation.path = parsed.data.path;
    if ("value" in parsed.data) operation.value = parsed.data.value;
    if (operation.op !== "remove" && operation.value === undefined) {
      throw invalidValue(`Operations[${i}]: '${operation.op}' needs a 'value'`);
    }
    return operation;
  });
}

function lowerKeys(body: Record<string, unknown>, names: Record<string, string>): Record<string, unknown> {
  const output: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) output[names[key.toLowerCase()] ?? key] = value;
  return output;
}
