/**
 * Where each person of a JSON HR export starts, for messages: `JSON.parse` gives no positions, so a light scanner
 * walks the text (strings and nesting only — the text is already known to be valid JSON) and records the line of
 * every element of the top-level array, or of each array directly under the top-level object, by key.
 */

export interface ElementLines {
  /** Lines of the elements of the top-level array (when the document is an array). */
  top: number[];
  /** Lines of the elements of each array held directly by the top-level object, by its key. */
  byKey: Map<string, number[]>;
}

interface Frame {
  kind: "array" | "object";
  /** Element lines being collected for this array, when it is one we report on. */
  lines: number[] | null;
  /** Object frames: whether the next string is a key, and the last key read. */
  expectKey: boolean;
  key: string | null;
}

export function elementLines(text: string): ElementLines {
  const out: ElementLines = { top: [], byKey: new Map() };
  const stack: Frame[] = [];
  let line = 1;
  const valueStarts = () => {
    const frame = stack.at(-1);
    if (frame?.kind === "array" && frame.lines) frame.lines.push(line);
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === "\n") {
      line++;
      continue;
    }
    if (ch === " " || ch === "\t" || ch === "\r" || ch === ":") continue;
    const frame = stack.at(-1);
    if (ch === ",") {
      if (frame?.kind === "object") frame.expectKey = true;
      continue;
    }
    if (ch === "}" || ch === "]") {
      stack.pop();
      continue;
    }
    if (ch === '"') {
      let j = i + 1;
      let value = "";
      for (; j < text.length && text[j] !== '"'; j++) {
        if (text[j] === "\\") j++;
        else value += text[j];
      }
      if (frame?.kind === "object" && frame.expectKey) {
        frame.key = value;
        frame.expectKey = false;
      } else valueStarts();
      i = j;
      continue;
    }
    if (ch === "[" || ch === "{") {
      valueStarts();
      let lines: number[] | null = null;
      if (ch === "[" && stack.length === 0) lines = out.top;
      else if (ch === "[" && stack.length === 1 && frame?.kind === "object" && frame.key !== null) {
        lines = [];
        out.byKey.set(frame.key, lines);
      }
      stack.push({ kind: ch === "[" ? "array" : "object", lines, expectKey: ch === "{", key: null });
      continue;
    }
    // A number, true, false or null: skip to its end.
    valueStarts();
    while (i + 1 < text.length && !/[\s,\]}]/.test(text[i + 1]!)) i++;
  }
  return out;
}
