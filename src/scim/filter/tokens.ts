import { invalidFilter } from "../errors.ts";

export type Token =
  | { kind: "(" | ")" | "[" | "]"; at: number }
  | { kind: "string"; value: string; at: number }
  /** Attribute paths, operators, `and`/`or`/`not`, `true`/`false`/`null` and numbers, told apart by the parser. */
  | { kind: "word"; text: string; at: number };

const WORD = /[A-Za-z0-9_$:.+-]/;

/** Splits a filter (RFC 7644 §3.4.2.2) into tokens. Strings are JSON strings, escapes included. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const char = text[i]!;
    if (char === " " || char === "\t" || char === "\n" || char === "\r") {
      i++;
    } else if (char === "(" || char === ")" || char === "[" || char === "]") {
      tokens.push({ kind: char, at: i });
      i++;
    } else if (char === '"') {
      const start = i;
      i++;
      while (i < text.length && text[i] !== '"') i += text[i] === "\\" ? 2 : 1;
      if (i >= text.length) throw invalidFilter(`Unterminated string starting at position ${start + 1}`);
      i++;
      const raw = text.slice(start, i);
      let value: unknown;
      try {
        value = JSON.parse(raw);
      } catch {
        throw invalidFilter(`Invalid string ${raw} at position ${start + 1}`);
      }
      tokens.push({ kind: "string", value: String(value), at: start });
    } else if (WORD.test(char)) {
      const start = i;
      while (i < text.length && WORD.test(text[i]!)) i++;
      tokens.push({ kind: "word", text: text.slice(start, i), at: start });
    } else {
      throw invalidFilter(`Unexpected character '${char}' at position ${i + 1}`);
    }
  }
  return tokens;
}
