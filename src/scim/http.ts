import type { Context } from "hono";
import { invalidSyntax, ScimError } from "./errors.ts";

export const SCIM_CONTENT_TYPE = "application/scim+json; charset=utf-8";
const ACCEPTED_BODY_TYPES = new Set(["application/scim+json", "application/json"]);
/** Largest request body read (bytes); larger answers 413. Advertised nowhere: bulk is not supported. */
export const MAX_BODY_BYTES = 1_048_576;

/** A JSON response with the SCIM media type (RFC 7644 §3.1). */
export function scimResponse(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(status === 204 || status === 304 ? null : JSON.stringify(body), {
    status,
    headers: { "content-type": SCIM_CONTENT_TYPE, ...headers },
  });
}

export function errorResponse(error: ScimError, headers: Record<string, string> = {}): Response {
  return scimResponse(error.toBody(), error.status, headers);
}

/**
 * Reads a request body as a JSON object: `application/scim+json` or `application/json` (parameters such as
 * charset allowed), otherwise 415; unparseable JSON → 400 `invalidSyntax`.
 */
export async function readJson(c: Context): Promise<unknown> {
  const contentType = c.req.header("content-type");
  const mediaType = contentType?.split(";")[0]?.trim().toLowerCase();
  if (!mediaType || !ACCEPTED_BODY_TYPES.has(mediaType)) {
    throw new ScimError(
      415,
      `Content-Type must be application/scim+json or application/json, got ${contentType ? `'${mediaType}'` : "none"}`,
    );
  }
  const declared = Number(c.req.header("content-length") ?? "0");
  if (declared > MAX_BODY_BYTES) throw new ScimError(413, `Request body larger than ${MAX_BODY_BYTES} bytes`);
  const text = await c.req.text();
  if (text.length > MAX_BODY_BYTES)
    throw new ScimError(413, `Request body larger than ${MAX_BODY_BYTES} bytes`);
  try {
    return JSON.parse(text);
  } catch (error) {
    throw invalidSyntax(`Request body is not valid JSON: ${(error as Error).message}`);
  }
}

/** Entity tags of an If-Match / If-None-Match header; weak and strong tags compare equal (RFC 7232 §2.3.2). */
function tags(header: string): string[] {
  return header
    .split(",")
    .map((tag) => tag.trim())
    .filter(Boolean)
    .map((tag) => tag.replace(/^W\//i, ""));
}

export function etagMatches(header: string, version: string): boolean {
  const wanted = version.replace(/^W\//i, "");
  return tags(header).some((tag) => tag === "*" || tag === wanted);
}
