import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { type Document, isNode, isScalar, LineCounter, parseDocument } from "yaml";
import type { z } from "zod";
import { RosterConfig, SECRET_KEYS } from "./schema.ts";

/** A problem in the config file, located by line and key path, saying what is expected. */
export class ConfigError extends Error {
  constructor(
    readonly file: string,
    readonly problems: { path: string; line?: number; message: string }[],
  ) {
    super(
      `${file}: invalid configuration\n` +
        problems
          .map((p) => `  ${p.line ? `line ${p.line}: ` : ""}${p.path || "(top level)"}: ${p.message}`)
          .join("\n"),
    );
    this.name = "ConfigError";
  }
}

export interface LoadedConfig {
  config: RosterConfig;
  file: string;
  /** Folder of the config file; relative paths in it resolve from here. */
  dir: string;
}

export function loadConfig(file: string, env: NodeJS.ProcessEnv = process.env): LoadedConfig {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (err) {
    throw new ConfigError(file, [
      { path: "", message: `cannot read the file (${(err as NodeJS.ErrnoException).code})` },
    ]);
  }
  return { config: parseConfig(text, file, env), file, dir: dirname(resolve(file)) };
}

export function parseConfig(text: string, file: string, env: NodeJS.ProcessEnv = process.env): RosterConfig {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines });
  if (doc.errors.length > 0) {
    throw new ConfigError(
      file,
      doc.errors.map((e) => ({
        path: "",
        line: e.linePos?.[0]?.line,
        message: `YAML syntax: ${e.message.split("\n")[0]}`,
      })),
    );
  }
  const lineOf = (path: (string | number)[]) => lineOfPath(doc, lines, path);

  const raw = doc.toJS() ?? {};
  const missing: { path: string; line?: number; message: string }[] = [];
  const resolved = substituteEnv(raw, [], env, (path, variable) =>
    missing.push({
      path: path.join("."),
      line: lineOf(path),
      message: `environment variable ${variable} is not set (export it, or put it in the environment of the service)`,
    }),
  );
  if (missing.length > 0) throw new ConfigError(file, missing);

  const parsed = RosterConfig.safeParse(resolved);
  if (!parsed.success) {
    throw new ConfigError(
      file,
      parsed.error.issues.map((issue) => describeIssue(issue, resolved, lineOf)),
    );
  }
  return parsed.data;
}

function describeIssue(
  issue: z.core.$ZodIssue,
  input: unknown,
  lineOf: (path: (string | number)[]) => number | undefined,
): { path: string; line?: number; message: string } {
  const path = issue.path.filter((p): p is string | number => typeof p !== "symbol");
  let message = issue.message;
  if (issue.code === "unrecognized_keys") {
    message = `unknown key${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((k) => `\`${k}\``).join(", ")} (see docs/config.md for the keys this section takes)`;
    const line = lineOf([...path, issue.keys[0]!]);
    return { path: path.join("."), ...(line ? { line } : {}), message };
  }
  if (issue.code === "invalid_union" && path.at(-1) === "type") {
    message = "unknown app type; expected one of productboard, productive, proofhub, podio, docebo, scim";
  }
  if (issue.code === "invalid_type" && valueAt(input, path) === undefined) message = `missing; ${message}`;
  // Never echo a secret back: messages from zod do not include values, and we add none for secret keys.
  const last = path.at(-1);
  if (typeof last === "string" && SECRET_KEYS.has(last)) message = message.replace(/received .*/, "");
  const line = lineOf(path);
  return { path: path.join("."), ...(line ? { line } : {}), message };
}

function valueAt(input: unknown, path: (string | number)[]): unknown {
  let current = input;
  for (const key of path) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<string | number, unknown>)[key];
  }
  return current;
}

/** The line of the deepest node of `path` present in the document. */
function lineOfPath(doc: Document, lines: LineCounter, path: (string | number)[]): number | undefined {
  for (let depth = path.length; depth >= 0; depth--) {
    const node = doc.getIn(path.slice(0, depth), true);
    if (isNode(node) && node.range) return lines.linePos(node.range[0]).line;
    if (depth > 0) {
      // A key whose value is missing or null: point at the key itself.
      const parent = doc.getIn(path.slice(0, depth - 1), true) as { items?: { key: unknown }[] } | undefined;
      const pair = parent?.items?.find((item) => isScalar(item.key) && item.key.value === path[depth - 1]);
      if (pair && isScalar(pair.key) && pair.key.range) return lines.linePos(pair.key.range[0]).line;
    }
  }
  return undefined;
}

const ENV_REF = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

/** Replace `${VAR}` in every string value; report unset variables by key path. */
function substituteEnv(
  value: unknown,
  path: (string | number)[],
  env: NodeJS.ProcessEnv,
  onMissing: (path: (string | number)[], variable: string) => void,
): unknown {
  if (typeof value === "string") {
    return value.replace(ENV_REF, (_, name: string) => {
      const found = env[name];
      if (found === undefined) {
        onMissing(path, name);
        return "";
      }
      return found;
    });
  }
  if (Array.isArray(value)) return value.map((v, i) => substituteEnv(v, [...path, i], env, onMissing));
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, substituteEnv(v, [...path, k], env, onMissing)]),
    );
  }
  return value;
}

/** The config with every secret replaced by `***`, for display. */
export function redactConfig(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactConfig);
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [
        k,
        SECRET_KEYS.has(k) && v !== undefined ? "***" : redactConfig(v),
      ]),
    );
  }
  return value;
}
