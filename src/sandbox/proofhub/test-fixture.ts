/**
 * Small hand-built ProofHub accounts and a request helper for the sandbox's own tests.
 * (Not a test file itself: vitest only collects `*.test.ts`.)
 */
import { expect } from "vitest";
import type { ProofhubPerson, ProofhubState } from "../world/types.ts";
import type { ProofhubErrorBody } from "./errors.ts";
import { createProofhubSandbox, type ProofhubSandbox, type ProofhubSandboxOptions } from "./index.ts";

export const API_KEY = "ph-test-key-0001";
export const USER_AGENT = "roster-tests (it@acme.example)";
export const BASE = "http://acme.proofhub.test/api/v3";
export const ROLE = { admin: 1, manager: 2, member: 3 } as const;

const CREATED = "2026-01-05T09:00:00.000Z";

export function person(id: number, fields: Partial<ProofhubPerson> = {}): ProofhubPerson {
  return {
    id,
    first_name: `First${id}`,
    last_name: `Last${id}`,
    title: null,
    email: `person${id}@acme.example`,
    role: { id: ROLE.member },
    groups: [],
    timezone: 0,
    language: "en",
    suspended: false,
    verified: true,
    last_active: "2026-10-30T12:00:00.000Z",
    created_at: CREATED,
    updated_at: CREATED,
    projects: [],
    ...fields,
  };
}

/**
 * Five people: 1001 Ada (admin, owns the API key), 1002 Ben (manager, title, two groups, two projects, German),
 * 1003 Cleo (member), 1004 Dan (suspended), 1005 Eve (invited, never joined).
 */
export function smallAccount(): ProofhubState {
  return {
    credentials: { apiKey: API_KEY, company: "acme" },
    roles: [
      { id: ROLE.admin, name: "Admin", default: false, admin: true },
      { id: ROLE.manager, name: "Manager", default: false, admin: false },
      { id: ROLE.member, name: "Member", default: true, admin: false },
    ],
    people: [
      person(1001, {
        first_name: "Ada",
        last_name: "Admin",
        email: "ada@acme.example",
        role: { id: ROLE.admin },
      }),
      person(1002, {
        first_name: "Ben",
        last_name: "Boss",
        email: "ben@acme.example",
        title: "Team lead",
        role: { id: ROLE.manager },
        groups: [10, 11],
        projects: [100, 101],
        timezone: 8,
        language: "de",
      }),
      person(1003, { first_name: "Cleo", last_name: "Coder", email: "cleo@acme.example", projects: [101] }),
      person(1004, { first_name: "Dan", last_name: "Gone", email: "dan@acme.example", suspended: true }),
      person(1005, {
        first_name: "Eve",
        last_name: "New",
        email: "eve@acme.example",
        verified: false,
        last_active: null,
      }),
    ],
    projects: [
      { id: 100, title: "Website", assigned: [1001, 1002] },
      { id: 101, title: "Mobile app", assigned: [1002, 1003] },
    ],
    groups: [
      { id: 10, name: "Design", assigned: [1001, 1002] },
      { id: 11, name: "Operations", assigned: [1002] },
    ],
  };
}

/** An account with one admin (id 1, the key owner) and `count - 1` members, ids 1 … count. */
export function accountOf(count: number): ProofhubState {
  const state = smallAccount();
  state.people = Array.from({ length: count }, (_, i) =>
    person(i + 1, i === 0 ? { role: { id: ROLE.admin } } : {}),
  );
  state.projects = [];
  state.groups = [];
  return state;
}

export function sandboxOf(
  state: ProofhubState,
  options: Partial<ProofhubSandboxOptions> = {},
): ProofhubSandbox {
  return createProofhubSandbox({ state, ...options });
}

export interface CallOptions {
  body?: unknown;
  /** Replaces the default headers (UA, key, JSON content type) one by one; `null` removes one. */
  headers?: Record<string, string | null>;
}

/** Call the sandbox like a well-behaved client: `X-API-KEY`, `User-Agent`, JSON bodies. */
export async function call(
  sandbox: ProofhubSandbox,
  method: string,
  path: string,
  options: CallOptions = {},
): Promise<Response> {
  const headers: Record<string, string | null> = {
    "user-agent": USER_AGENT,
    "x-api-key": API_KEY,
    ...(options.body !== undefined ? { "content-type": "application/json" } : {}),
    ...options.headers,
  };
  const init: RequestInit = {
    method,
    headers: Object.entries(headers).filter((entry): entry is [string, string] => entry[1] !== null),
  };
  if (options.body !== undefined) {
    init.body = typeof options.body === "string" ? options.body : JSON.stringify(options.body);
  }
  return sandbox.fetch(
    path.startsWith("/_sandbox") ? `http://acme.proofhub.test${path}` : `${BASE}${path}`,
    init,
  );
}

/** GET and parse JSON, failing loudly on a non-2xx answer. */
export async function getJson<T = unknown>(sandbox: ProofhubSandbox, path: string): Promise<T> {
  const response = await call(sandbox, "GET", path);
  if (!response.ok) throw new Error(`GET ${path} → ${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
}

/** Walk `GET /people` with offset paging the way a naive client would, until a short page. */
export async function walkPeople(sandbox: ProofhubSandbox, limit: number): Promise<number[]> {
  const ids: number[] = [];
  for (let start = 0; ; start += limit) {
    const page = await getJson<{ id: number }[]>(sandbox, `/people?start=${start}&limit=${limit}`);
    ids.push(...page.map((p) => p.id));
    if (page.length < limit) return ids;
  }
}

/** Assert ProofHub's error shape (JSON, `status` echoed, a code and a message) and return the body. */
export async function expectError(response: Response, status: number): Promise<ProofhubErrorBody> {
  expect(response.status).toBe(status);
  expect(response.headers.get("content-type")).toMatch(/^application\/json/);
  const body = (await response.json()) as ProofhubErrorBody;
  expect(body).toMatchObject({ status, error: expect.any(String), message: expect.any(String) });
  expect(JSON.stringify(body)).not.toMatch(/\bat .+\.ts:\d+/);
  return body;
}
