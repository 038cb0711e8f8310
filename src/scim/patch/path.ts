import { invalidPath, ScimError } from "../errors.ts";
import { parseValueFilter } from "../filter/parse.ts";
import type { SchemaRegistry } from "../schema-registry.ts";
import type { AttributeDef } from "../schemas.ts";
import type { ScimFilter, ScimResourceType } from "../store.ts";

/**
 * Where a PATCH operation applies (RFC 7644 §3.5.2: `PATH = attrPath / valuePath [subAttr]`), resolved against
 * the schemas. `attribute` is undefined when the path is a whole extension URN.
 */
export interface PatchTarget {
  text: string;
  /** Schema holding the attribute: the core schema URN, or an extension URN (then values sit under that key). */
  schemaUrn: string;
  core: boolean;
  attribute?: AttributeDef;
  /** `emails[type eq "work"]`: filter on the entries of a multi-valued attribute, relative to them. */
  filter?: ScimFilter;
  /** `name.givenName` or `emails[type eq "work"].value`. */
  sub?: AttributeDef;
}

/** Index of the `]` closing the `[` at `open`, skipping quoted strings. */
function closingBracket(text: string, open: number): number {
  let inString = false;
  for (let i = open + 1; i < text.length; i++) {
    const char = text[i];
    if (inString) {
      if (char === "\\") i++;
      else if (char === '"') inString = false;
    } else if (char === '"') {
      inString = true;
    } else if (char === "]") {
      return i;
    }
  }
  return -1;
}

/** @throws ScimError 400 `invalidPath` when the path is malformed or names nothing in the schemas. */
export function parsePatchPath(type: ScimResourceType, raw: string, registry: SchemaRegistry): PatchTarget {
  const text = raw.trim();
  const coreSchema = registry.resourceType(type).schema;
  const extension = registry.extensionUrn(type, text);
  if (extension) return { text, schemaUrn: extension, core: false };

  const open = text.indexOf("[");
  const attrText = open >= 0 ? text.slice(0, open) : text;
  const resolved = registry.resolve(type, attrText);
  if (!resolved) throw invalidPath(`Path '${text}' does not name a ${type} attribute`);
  const target: PatchTarget = {
    text,
    schemaUrn: resolved.schemaUrn,
    core: resolved.schemaUrn === coreSchema,
    attribute: resolved.attribute,
  };
  if (resolved.subAttribute) target.sub = resolved.subAttribute;
  if (open < 0) return target;

  const attribute = resolved.attribute;
  if (resolved.subAttribute || !attribute.multiValued || attribute.type !== "complex") {
    throw invalidPath(`'${attrText}' is not a multi-valued complex attribute and cannot take a [filter]`);
  }
  const close = closingBracket(text, open);
  if (close < 0) throw invalidPath(`Path '${text}' has no closing ']'`);
  try {
    target.filter = parseValueFilter(text.slice(open + 1, close), attribute);
  } catch (error) {
    if (error instanceof ScimError) throw invalidPath(`Filter in path '${text}': ${error.detail}`);
    throw error;
  }
  const rest = text.slice(close + 1);
  if (rest === "") return target;
  if (!rest.startsWith(".")) throw invalidPath(`Unexpected '${rest}' after ']' in path '${text}'`);
  const sub = attribute.subAttributes?.find(
    (candidate) => candidate.name.toLowerCase() === rest.slice(1).toLowerCase(),
  );
  if (!sub) throw invalidPath(`'${rest.slice(1)}' is not a sub-attribute of '${attribute.name}'`);
  target.sub = sub;
  return target;
}
