import { invalidFilter } from "../errors.ts";
import { defaultRegistry, type SchemaRegistry } from "../schema-registry.ts";
import type { AttributeDef } from "../schemas.ts";
import type { AttributePath, CompareOp, ScimFilter, ScimResourceType } from "../store.ts";
import { type Token, tokenize } from "./tokens.ts";

/** What attribute names in a filter are resolved against. Without a type, User then Group. */
export interface FilterScope {
  registry?: SchemaRegistry;
  type?: ScimResourceType;
}

const COMPARE_OPS = new Set<string>(["eq", "ne", "co", "sw", "ew", "gt", "ge", "lt", "le"]);
const ORDERING_OPS = new Set<string>(["gt", "ge", "lt", "le"]);
const SUBSTRING_OPS = new Set<string>(["co", "sw", "ew"]);
const MAX_DEPTH = 32;
const MAX_LENGTH = 8192;
const NUMBER = /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/;

type Value = string | number | boolean | null;

/**
 * Parses a SCIM filter (RFC 7644 §3.4.2.2) into a `ScimFilter` with canonical attribute paths: names take the
 * schema's spelling, core URN prefixes are dropped, and a comparison on a complex attribute targets its `value`
 * sub-attribute (`members eq "id"` ≡ `members.value eq "id"`). Inside `[...]` paths are relative to the entry.
 *
 * Also accepts `emails[type eq "work"].value eq "x"` (sent by Entra): it becomes
 * `emails[type eq "work" and value eq "x"]`.
 *
 * @throws ScimError 400 `invalidFilter` on syntax errors, unknown attributes, or an ordering operator on a boolean.
 */
export function parseFilter(text: string, scope: FilterScope = {}): ScimFilter {
  if (text.length > MAX_LENGTH) throw invalidFilter(`Filter longer than ${MAX_LENGTH} characters`);
  const parser = new FilterParser(tokenize(text), scope);
  const filter = parser.parseOr(undefined, 0);
  parser.expectEnd();
  return filter;
}

/**
 * Parses the filter inside `attr[...]` of a PATCH path: attribute names are sub-attributes of `parent`.
 * @throws ScimError 400 `invalidFilter`.
 */
export function parseValueFilter(text: string, parent: AttributeDef): ScimFilter {
  const parser = new FilterParser(tokenize(text), {});
  const filter = parser.parseOr(parent, 1);
  parser.expectEnd();
  return filter;
}

interface Resolved {
  path: AttributePath;
  attribute: AttributeDef;
  definition: AttributeDef;
}

class FilterParser {
  private position = 0;
  private readonly registry: SchemaRegistry;

  constructor(
    private readonly tokens: Token[],
    private readonly scope: FilterScope,
  ) {
    this.registry = scope.registry ?? defaultRegistry;
  }

  expectEnd(): void {
    const token = this.tokens[this.position];
    if (token) throw invalidFilter(`Unexpected ${describe(token)} at position ${token.at + 1}`);
  }

  /** `parent` is the multi-valued attribute when parsing inside `[...]`. */
  parseOr(parent: AttributeDef | undefined, depth: number): ScimFilter {
    let left = this.parseAnd(parent, depth);
    while (this.keyword("or")) {
      this.position++;
      left = { op: "or", left, right: this.parseAnd(parent, depth) };
    }
    return left;
  }

  private parseAnd(parent: AttributeDef | undefined, depth: number): ScimFilter {
    let left = this.parseUnary(parent, depth);
    while (this.keyword("and")) {
      this.position++;
      left = { op: "and", left, right: this.parseUnary(parent, depth) };
    }
    return left;
  }

  private parseUnary(parent: AttributeDef | undefined, depth: number): ScimFilter {
    if (depth > MAX_DEPTH) throw invalidFilter(`Filter nested deeper than ${MAX_DEPTH} levels`);
    const token = this.next("an attribute, 'not' or '('");
    if (token.kind === "(") {
      const inner = this.parseOr(parent, depth + 1);
      this.expect(")");
      return inner;
    }
    if (token.kind === "word" && token.text.toLowerCase() === "not") {
      this.expect("(");
      const inner = this.parseOr(parent, depth + 1);
      this.expect(")");
      return { op: "not", filter: inner };
    }
    if (token.kind !== "word") throw invalidFilter(`Expected an attribute at position ${token.at + 1}`);
    const target = this.resolve(token.text, parent, token.at);
    const following = this.tokens[this.position];
    if (following?.kind === "[") {
      if (parent) throw invalidFilter(`Nested '[' at position ${following.at + 1}`);
      if (target.attribute.type !== "complex" || target.path.sub) {
        throw invalidFilter(`'${token.text}' is not a complex attribute and cannot take [filter]`);
      }
      this.position++;
      let inner = this.parseOr(target.attribute, depth + 1);
      this.expect("]");
      const after = this.tokens[this.position];
      if (after?.kind === "word" && after.text.startsWith(".")) {
        this.position++;
        const sub = this.resolve(after.text.slice(1), target.attribute, after.at);
        inner = { op: "and", left: inner, right: this.comparison(sub, after.at) };
      }
      return { op: "valuePath", path: target.path, filter: inner };
    }
    return this.comparison(target, token.at);
  }

  private comparison(target: Resolved, at: number): ScimFilter {
    const opToken = this.next("an operator");
    if (opToken.kind !== "word") throw invalidFilter(`Expected an operator at position ${opToken.at + 1}`);
    const op = opToken.text.toLowerCase();
    if (op === "pr") return { op: "pr", path: target.path };
    if (!COMPARE_OPS.has(op))
      throw invalidFilter(`Unknown operator '${opToken.text}' at position ${opToken.at + 1}`);
    const value = this.value();
    let { path, definition } = target;
    if (definition.type === "complex") {
      const valueSub = definition.subAttributes?.find((sub) => sub.name === "value");
      if (!valueSub) throw invalidFilter(`'${path.name}' is complex: compare one of its sub-attributes`);
      path = { ...path, sub: "value" };
      definition = valueSub;
    }
    const type = definition.type;
    if (ORDERING_OPS.has(op) && (type === "boolean" || type === "binary")) {
      throw invalidFilter(`'${op}' cannot compare the ${type} attribute '${path.sub ?? path.name}'`);
    }
    if (SUBSTRING_OPS.has(op) && type === "boolean") {
      throw invalidFilter(`'${op}' cannot compare the boolean attribute '${path.name}'`);
    }
    if (value === null && op !== "eq" && op !== "ne") {
      throw invalidFilter(`'${op}' cannot compare with null at position ${at + 1}`);
    }
    return { op: op as CompareOp, path, value };
  }

  private value(): Value {
    const token = this.next("a value");
    if (token.kind === "string") return token.value;
    if (token.kind === "word") {
      const text = token.text.toLowerCase();
      if (text === "true") return true;
      if (text === "false") return false;
      if (text === "null") return null;
      if (NUMBER.test(token.text)) return Number(token.text);
    }
    throw invalidFilter(`Expected a string, number, true, false or null at position ${token.at + 1}`);
  }

  private resolve(text: string, parent: AttributeDef | undefined, at: number): Resolved {
    if (parent) {
      const sub = parent.subAttributes?.find(
        (candidate) => candidate.name.toLowerCase() === text.toLowerCase(),
      );
      if (!sub)
        throw invalidFilter(`Unknown sub-attribute '${text}' of '${parent.name}' at position ${at + 1}`);
      return { path: { name: sub.name }, attribute: sub, definition: sub };
    }
    const resolved = this.scope.type
      ? this.registry.resolve(this.scope.type, text)
      : this.registry.resolveAny(text);
    if (!resolved) throw invalidFilter(`Unknown attribute '${text}' at position ${at + 1}`);
    return {
      path: resolved.path,
      attribute: resolved.attribute,
      definition: resolved.subAttribute ?? resolved.attribute,
    };
  }

  private keyword(word: string): boolean {
    const token = this.tokens[this.position];
    return token?.kind === "word" && token.text.toLowerCase() === word;
  }

  private next(expected: string): Token {
    const token = this.tokens[this.position];
    if (!token) throw invalidFilter(`Filter ends early: expected ${expected}`);
    this.position++;
    return token;
  }

  private expect(kind: "(" | ")" | "]"): void {
    const token = this.next(`'${kind}'`);
    if (token.kind !== kind)
      throw invalidFilter(`Expected '${kind}' at position ${token.at + 1}, got ${describe(token)}`);
  }
}

function describe(token: Token): string {
  if (token.kind === "word") return `'${token.text}'`;
  if (token.kind === "string") return `string "${token.value}"`;
  return `'${token.kind}'`;
}
