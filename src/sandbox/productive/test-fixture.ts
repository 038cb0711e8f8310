/** Hand-built organizations and request helpers for the Productive sandbox's tests. */
import { ManualClock } from "../kit/clock.ts";
import type { ProductivePerson, ProductiveState, ProductiveUser } from "../world/types.ts";
import { createProductiveSandbox, type ProductiveSandbox, type ProductiveSandboxOptions } from "./index.ts";

export const TOKEN = "pat-sandbox-0001";
export const ORG = "913";
export const ORIGIN = "http://api.productive.test";
export const BASE = `${ORIGIN}/api/v2`;
export const JSON_API_TYPE = "application/vnd.api+json";

export function person(id: string, overrides: Partial<ProductivePerson> = {}): ProductivePerson {
  return {
    id,
    first_name: "Person",
    last_name: id,
    email: `person${id}@acme.test`,
    role_id: 2,
    person_type: 1,
    deactivated_at: null,
    archived_at: null,
    invited_at: "2026-01-02T09:00:00.000Z",
    joined_at: "2026-01-03T09:00:00.000Z",
    last_seen_at: "2026-10-30T09:00:00.000Z",
    is_user: true,
    user_id: null,
    title: null,
    tag_list: [],
    virtual: false,
    placeholder: false,
    created_at: "2026-01-02T09:00:00.000Z",
    ...overrides,
  };
}

export function user(id: string, overrides: Partial<ProductiveUser> = {}): ProductiveUser {
  return {
    id,
    email: `user${id}@acme.test`,
    first_name: "name",
    last_name: "surname",
    time_zone: null,
    locale: "en_US",
    sysadmin: false,
    two_factor_auth: false,
    sso_provision: false,
    default_organization_id: Number(ORG),
    updated_at: "2026-03-17T04:04:00.843Z",
    ...overrides,
  };
}

/**
 * A small organization with one of everything: admin (token owner candidate), member, deactivated member, pending
 * invite, contact, placeholder, archived + deactivated member. Ids deliberately not in insertion order.
 */
export function smallOrganization(): ProductiveState {
  return {
    credentials: { token: TOKEN, organizationId: ORG },
    roles: [
      { id: 1, name: "Administrator", admin: true },
      { id: 2, name: "Member", admin: false },
    ],
    people: [
      person("2836", { first_name: "Ben", email: "ben@acme.test", user_id: 2862 }),
      person("2835", { first_name: "Ana", email: "ana@acme.test", role_id: 1, user_id: 2861 }),
      person("2837", {
        first_name: "Cara",
        email: "cara@acme.test",
        user_id: 2863,
        deactivated_at: "2026-09-01T10:00:00.000Z",
      }),
      person("2838", { first_name: "Dan", email: "Dan@Acme.test", joined_at: null, last_seen_at: null }),
      person("2839", {
        first_name: "Eve",
        email: "eve@client.test",
        person_type: 2,
        is_user: false,
        invited_at: null,
        joined_at: null,
        last_seen_at: null,
      }),
      person("2840", {
        first_name: "Designer",
        last_name: "TBD",
        email: "",
        person_type: 3,
        is_user: false,
        placeholder: true,
        invited_at: null,
        joined_at: null,
      }),
      person("2841", {
        first_name: "Finn",
        email: "finn@acme.test",
        user_id: 2864,
        deactivated_at: "2026-05-01T10:00:00.000Z",
        archived_at: "2026-06-01T10:00:00.000Z",
      }),
    ],
    users: [
      user("2861", { email: "ana@acme.test", first_name: "Ana" }),
      user("2862", { email: "ben@acme.test", first_name: "Ben" }),
      user("2863", { email: "cara@acme.test", first_name: "Cara" }),
      user("2864", { email: "finn@acme.test", first_name: "Finn" }),
    ],
  };
}

/** `count` active user-type people with ids 1..count (and as many users), for paging tests. */
export function organizationOf(count: number, userCount = 0): ProductiveState {
  return {
    credentials: { token: TOKEN, organizationId: ORG },
    roles: [{ id: 2, name: "Member", admin: false }],
    people: Array.from({ length: count }, (_, i) => person(String(i + 1))),
    users: Array.from({ length: userCount }, (_, i) => user(String(i + 1))),
  };
}

export type TestSandbox = ProductiveSandbox & { clock: ManualClock };

export function sandbox(
  state: ProductiveState = smallOrganization(),
  options: Omit<ProductiveSandboxOptions, "state"> = {},
): TestSandbox {
  const clock = new ManualClock();
  return { ...createProductiveSandbox({ clock, ...options, state }), clock };
}

export interface CallOptions {
  body?: unknown;
  /** Replaces the default headers (token, organization, JSON:API content type) where given; `null` removes one. */
  headers?: Record<string, string | null>;
}

export interface ResourceObject {
  id: string;
  type: string;
  attributes: Record<string, unknown>;
  relationships?: Record<string, unknown>;
}

export interface JsonApiBody {
  data?: ResourceObject | ResourceObject[] | null;
  errors?: Record<string, unknown>[];
  links?: Record<string, string>;
  meta?: Record<string, unknown>;
}

export interface CallResult {
  status: number;
  headers: Headers;
  /** The parsed JSON:API document ({} when the body was not JSON; see `text`). */
  body: JsonApiBody;
  text: string;
}

/** The resources of a list response. */
export function many(result: CallResult): ResourceObject[] {
  const { data } = result.body;
  if (!Array.isArray(data)) throw new Error(`expected a list, got ${result.status} ${result.text}`);
  return data;
}

/** The resource of a single-resource response. */
export function one(result: CallResult): ResourceObject {
  const { data } = result.body;
  if (!data || Array.isArray(data))
    throw new Error(`expected one resource, got ${result.status} ${result.text}`);
  return data;
}

export const ids = (result: CallResult) => many(result).map((r) => r.id);

/** One request through the sandbox's in-process fetch, with Productive's headers by default. */
export async function call(
  box: ProductiveSandbox,
  method: string,
  path: string,
  options: CallOptions = {},
): Promise<CallResult> {
  const headers: Record<string, string> = {};
  const merged: Record<string, string | null> = {
    "X-Auth-Token": TOKEN,
    "X-Organization-Id": ORG,
    "Content-Type": JSON_API_TYPE,
    ...options.headers,
  };
  for (const [name, value] of Object.entries(merged)) if (value !== null) headers[name] = value;
  const payload =
    options.body === undefined
      ? undefined
      : typeof options.body === "string"
        ? options.body
        : JSON.stringify(options.body);
  const response = await box.fetch(`${BASE}${path}`, {
    method,
    headers,
    ...(payload === undefined ? {} : { body: payload }),
  });
  const text = await response.text();
  let body: JsonApiBody = {};
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: `text` keeps it for the assertion
  }
  return { status: response.status, headers: response.headers, body, text };
}

export const get = (box: ProductiveSandbox, path: string, options?: CallOptions) =>
  call(box, "GET", path, options);
export const patch = (box: ProductiveSandbox, path: string, body?: unknown, options?: CallOptions) =>
  call(box, "PATCH", path, { ...options, body });
export const post = (box: ProductiveSandbox, path: string, body?: unknown, options?: CallOptions) =>
  call(box, "POST", path, { ...options, body });

/** A call to the kit's admin routes under `/_sandbox`. */
export async function admin(box: ProductiveSandbox, method: string, path: string, body?: unknown) {
  const response = await box.fetch(`${ORIGIN}/_sandbox${path}`, {
    method,
    ...(body === undefined
      ? {}
      : { body: JSON.stringify(body), headers: { "Content-Type": "application/json" } }),
  });
  const text = await response.text();
  return { status: response.status, text, json: text ? JSON.parse(text) : undefined };
}

/** All ids a full page-number walk collects (what a naive connector does). */
export async function walkIds(box: ProductiveSandbox, path: string, size: number): Promise<string[]> {
  const collected: string[] = [];
  const separator = path.includes("?") ? "&" : "?";
  for (let number = 1; ; number++) {
    const page = await get(box, `${path}${separator}page[number]=${number}&page[size]=${size}`);
    collected.push(...ids(page));
    if (number >= Number(page.body.meta?.total_pages)) return collected;
  }
}

/** The official doc's error bodies, verbatim (seed 001). */
export const DOC_401 = {
  errors: [
    {
      status: "401",
      code: "invalid_auth_token",
      title: "Unauthenticated",
      detail: "You are not authenticated",
      meta: {},
      source: {},
    },
  ],
};
export const DOC_404 = {
  errors: [
    {
      status: "404",
      code: "record_not_found",
      title: "Record Not Found",
      detail: "The requested record was not found",
      meta: {},
      source: {},
    },
  ],
};
export const DOC_422_FIRST_NAME = {
  errors: [
    {
      status: "422",
      code: "invalid_attribute",
      title: "Invalid Attribute",
      detail: "can't be blank",
      meta: {},
      source: { pointer: "data/attributes/first_name" },
    },
  ],
};
