/** Terminal output: tables, CSV, JSON, colour (off with NO_COLOR or when not a TTY), exit codes. */

export const EXIT = {
  ok: 0,
  /** Something failed at run time (an app, the store). */
  failure: 1,
  /** Bad usage or configuration. */
  usage: 2,
  /** The run finished but some apps were only partly read. */
  partial: 3,
} as const;

export function useColor(stream: NodeJS.WriteStream = process.stdout): boolean {
  return !("NO_COLOR" in process.env) && Boolean(stream.isTTY);
}

const codes = {
  bold: [1, 22],
  dim: [2, 22],
  red: [31, 39],
  green: [32, 39],
  yellow: [33, 39],
  cyan: [36, 39],
};
export type Style = keyof typeof codes;

export function paint(text: string, style: Style, enabled = useColor()): string {
  if (!enabled) return text;
  const [open, close] = codes[style];
  return `\u001b[${open}m${text}\u001b[${close}m`;
}

/** Strip ANSI sequences (for width computations). */
function visible(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: ANSI escapes are control characters by definition
  return text.replace(/\u001b\[[0-9;]*m/g, "");
}

export function table(headers: string[], rows: (string | number)[][]): string {
  const cells = rows.map((r) => r.map((c) => String(c)));
  const widths = headers.map((h, i) => Math.max(h.length, ...cells.map((r) => visible(r[i] ?? "").length)));
  const line = (r: string[]) =>
    r
      .map((c, i) => {
        const pad = widths[i]! - visible(c).length;
        return typeof rows[0]?.[i] === "number" ? " ".repeat(pad) + c : c + " ".repeat(pad);
      })
      .join("  ")
      .trimEnd();
  return [line(headers.map((h) => paint(h, "bold"))), ...cells.map(line)].join("\n");
}

export function csv(headers: string[], rows: unknown[][]): string {
  const quote = (v: unknown) => {
    const s = v === null || v === undefined ? "" : Array.isArray(v) ? v.join(";") : String(v);
    return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [headers, ...rows].map((r) => r.map(quote).join(",")).join("\n");
}

export function json(value: unknown): string {
  return JSON.stringify(value, null, 2);
}
