/**
 * XSS-safe HTML building. Account names, e-mails and roles come from the apps and evidence from the store, so
 * every interpolated value is escaped unless it is already `SafeHtml` built by this same tag.
 */

export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const ENTITIES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
  "`": "&#96;",
};

/** Escape text for element content and for double- or single-quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"'`]/g, (c) => ENTITIES[c]!);
}

type Interpolated = SafeHtml | string | number | boolean | null | undefined | Interpolated[];

function render(value: Interpolated): string {
  if (value === null || value === undefined || value === false) return "";
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join("");
  return escapeHtml(String(value));
}

/** Template tag: `html\`<td>${name}</td>\`` escapes `name`; nested `html` results and arrays of them pass through. */
export function html(strings: TemplateStringsArray, ...values: Interpolated[]): SafeHtml {
  let out = strings[0]!;
  for (let i = 0; i < values.length; i++) out += render(values[i]!) + strings[i + 1]!;
  return new SafeHtml(out);
}

/** Text that is trusted markup (the page's own CSS and script). Never pass data from the store here. */
export function trusted(markup: string): SafeHtml {
  return new SafeHtml(markup);
}

/** A CSS-class-safe token from a value (status, kind, severity): letters, digits and `-` only. */
export function classToken(value: string): string {
  return value.toLowerCase().replace(/[^a-z0-9-]+/g, "-");
}
