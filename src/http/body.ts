/** Request bodies out, response bodies in. */

export interface BodyOptions {
  /** Serialized as JSON; `Content-Type: application/json` unless `contentType` says otherwise. */
  json?: unknown;
  /** Serialized as `application/x-www-form-urlencoded`. */
  form?: Record<string, string | number | boolean | null | undefined>;
  /** Raw body, sent as is. */
  body?: string;
  /**
   * Content type for `json`/`body`: Productive's writes need `application/vnd.api+json` (else 415),
   * SCIM uses `application/scim+json`.
   */
  contentType?: string;
}

export function encodeBody(options: BodyOptions): { body?: string; contentType?: string } {
  if (options.json !== undefined) {
    return { body: JSON.stringify(options.json), contentType: options.contentType ?? "application/json" };
  }
  if (options.form !== undefined) {
    const params = new URLSearchParams();
    for (const [name, value] of Object.entries(options.form)) {
      if (value !== undefined && value !== null) params.append(name, String(value));
    }
    return { body: params.toString(), contentType: "application/x-www-form-urlencoded" };
  }
  if (options.body !== undefined) {
    return options.contentType
      ? { body: options.body, contentType: options.contentType }
      : { body: options.body };
  }
  return {};
}

/** `application/json`, `application/vnd.api+json`, `application/scim+json`, ... */
export function isJsonType(contentType: string | null): boolean {
  return contentType !== null && /[/+]json\b/i.test(contentType);
}

/** JSON when the server says so (or the text looks like JSON), `undefined` when empty, else the text. */
export function decodeBody(text: string, contentType: string | null): unknown {
  if (text === "") return undefined;
  const looksJson = /^\s*[[{]/.test(text);
  if (isJsonType(contentType) || looksJson) {
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  }
  return text;
}

/**
 * A short human explanation from an error body, whatever the API's error shape: OAuth (`error`,
 * `error_description`), JSON:API (`errors[0].code/title/detail`, Productive), SCIM (`detail`, `scimType`), or a
 * plain `message`. Never the whole body. The caller redacts it.
 */
export function errorDetail(text: string, contentType: string | null, max = 200): string | undefined {
  const body = decodeBody(text, contentType);
  let parts: unknown[] = [];
  if (typeof body === "object" && body !== null) {
    const b = body as Record<string, unknown>;
    const first = Array.isArray(b.errors) ? (b.errors[0] as Record<string, unknown> | undefined) : undefined;
    if (first && typeof first === "object") parts = [first.code, first.title, first.detail];
    else parts = [b.error, b.error_description ?? b.message ?? b.detail ?? b.scimType];
  } else if (typeof body === "string") {
    parts = [
      body
        .replace(/<[^>]*>/g, " ")
        .replace(/\s+/g, " ")
        .trim(),
    ];
  }
  const unique = [...new Set(parts.filter((p): p is string => typeof p === "string" && p.trim() !== ""))];
  const detail = unique.join(": ");
  if (detail === "") return undefined;
  return detail.length > max ? `${detail.slice(0, max - 1)}…` : detail;
}
