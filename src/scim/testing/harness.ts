import { Hono } from "hono";
import { ManualClock } from "../../sandbox/kit/clock.ts";
import { createScimApp } from "../app.ts";
import { tokenMatcher } from "../auth.ts";
import { MemoryScimStore } from "../memory-store.ts";
import type { ScimAppOptions } from "../options.ts";
import { GROUP_SCHEMA, PATCH_OP_SCHEMA, USER_SCHEMA } from "../schemas.ts";

export const TEST_TOKEN = "scim-test-token";
export const BASE = "/scim/v2";

/** A parsed SCIM response as a test looks at it. */
export interface ScimReply {
  status: number;
  headers: Headers;
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON paths
  body: any;
}

export interface Harness {
  app: Hono;
  store: MemoryScimStore;
  clock: ManualClock;
  call(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<ScimReply>;
  /** `call` with the body sent verbatim (malformed JSON, other content types). */
  raw(
    method: string,
    path: string,
    body: string | undefined,
    headers: Record<string, string>,
  ): Promise<ScimReply>;
  createUser(userName: string, extra?: Record<string, unknown>): Promise<ScimReply>;
  createGroup(displayName: string, memberIds?: string[], extra?: Record<string, unknown>): Promise<ScimReply>;
  patch(
    type: "Users" | "Groups",
    id: string,
    operations: unknown[],
    headers?: Record<string, string>,
  ): Promise<ScimReply>;
}

/** An engine mounted at /scim/v2 over a fresh MemoryScimStore with a manual clock, called in-process. */
export function scimHarness(options: Partial<ScimAppOptions> = {}): Harness {
  const store = new MemoryScimStore();
  const clock = new ManualClock();
  const app = new Hono();
  app.route(BASE, createScimApp({ store, clock, authenticate: tokenMatcher([TEST_TOKEN]), ...options }));

  const raw: Harness["raw"] = async (method, path, body, headers) => {
    const response = await app.request(`http://scim.test${BASE}${path}`, {
      method,
      headers: { authorization: `Bearer ${TEST_TOKEN}`, ...headers },
      ...(body !== undefined ? { body } : {}),
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
  };
  const call: Harness["call"] = (method, path, body, headers = {}) =>
    raw(method, path, body === undefined ? undefined : JSON.stringify(body), {
      ...(body !== undefined ? { "content-type": "application/scim+json" } : {}),
      ...headers,
    });

  return {
    app,
    store,
    clock,
    call,
    raw,
    createUser: (userName, extra = {}) =>
      call("POST", "/Users", { schemas: [USER_SCHEMA], userName, ...extra }),
    createGroup: (displayName, memberIds = [], extra = {}) =>
      call("POST", "/Groups", {
        schemas: [GROUP_SCHEMA],
        displayName,
        members: memberIds.map((value) => ({ value })),
        ...extra,
      }),
    patch: (type, id, operations, headers) =>
      call("PATCH", `/${type}/${id}`, { schemas: [PATCH_OP_SCHEMA], Operations: operations }, headers),
  };
}

/** The query string for a filter. */
export const filterQuery = (filter: string) => `filter=${encodeURIComponent(filter)}`;
