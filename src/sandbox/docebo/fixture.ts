import { ManualClock } from "../kit/clock.ts";
import type { DoceboState, DoceboUser } from "../world/types.ts";
import { createDoceboSandbox, type DoceboSandbox, type DoceboSandboxOptions } from "./index.ts";

/** Hand-built Docebo platforms for the sandbox's own tests. */

export const CREDENTIALS: DoceboState["credentials"] = {
  clientId: "roster-client",
  clientSecret: "client-secret-for-tests",
  username: "superadmin",
  password: "admin-password-for-tests",
  scimToken: "scim-token-for-tests",
};

export function doceboUser(id: number, overrides: Partial<DoceboUser> = {}): DoceboUser {
  const n = String(id).padStart(3, "0");
  return {
    user_id: id,
    username: `user${n}`,
    first_name: `First${n}`,
    last_name: `Last${n}`,
    email: `user${n}@acme.test`,
    status: "1",
    level: "user",
    creation_date: "2025-01-02T03:04:05.000Z",
    last_access_date: "2026-10-01T08:00:00.000Z",
    expiration_date: null,
    language: "english",
    manager_id: null,
    ...overrides,
  };
}

/**
 * The super-admin (id 1) plus `count` users with ids 101, 102, ...; branches Sales (10) ⊃ EMEA (11) and Support
 * (12); a static group Onboarding (1) and a dynamic group All Sales (2).
 */
export function doceboState(count = 4): DoceboState {
  const users = [
    doceboUser(1, {
      username: "superadmin",
      first_name: "Super",
      last_name: "Admin",
      email: "admin@acme.test",
      level: "godadmin",
    }),
    ...Array.from({ length: count }, (_, i) => doceboUser(101 + i)),
  ];
  const ids = users.map((u) => u.user_id).filter((id) => id !== 1);
  return {
    credentials: { ...CREDENTIALS },
    users,
    branches: [
      { id: 10, code: "SALES", name: "Sales", parent_id: null, userIds: ids.slice(0, 2) },
      { id: 11, code: "EMEA", name: "Sales EMEA", parent_id: 10, userIds: ids.slice(1, 2) },
      { id: 12, code: "SUP", name: "Support", parent_id: null, userIds: [] },
    ],
    groups: [
      { id: 1, name: "Onboarding", type: "static", userIds: ids.slice(0, 1) },
      { id: 2, name: "All Sales", type: "dynamic", userIds: ids.slice(0, 2) },
    ],
  };
}

export interface DoceboFixture extends DoceboSandbox {
  clock: ManualClock;
  /** A fresh client-credentials token. */
  token(): Promise<string>;
  /** A request with a bearer token (a fresh one unless given) and a JSON body when `body` is set. */
  call(method: string, path: string, body?: unknown, token?: string): Promise<Response>;
}

export function doceboFixture(options: Partial<DoceboSandboxOptions> = {}): DoceboFixture {
  const clock = new ManualClock();
  const sandbox = createDoceboSandbox({ state: doceboState(), clock, ...options });
  let cached: string | undefined;
  const token = async () => {
    const res = await sandbox.app.request("/oauth2/token", {
      method: "POST",
      body: new URLSearchParams({
        grant_type: "client_credentials",
        client_id: CREDENTIALS.clientId,
        client_secret: CREDENTIALS.clientSecret,
        scope: "api",
      }),
    });
    const body = (await res.json()) as { access_token: string };
    return body.access_token;
  };
  const call = async (method: string, path: string, body?: unknown, bearer?: string) => {
    if (bearer === undefined) cached ??= await token();
    const headers: Record<string, string> = { Authorization: `Bearer ${bearer ?? cached}` };
    if (body !== undefined) headers["Content-Type"] = "application/json";
    return sandbox.app.request(path, {
      method,
      headers,
      ...(body !== undefined ? { body: typeof body === "string" ? body : JSON.stringify(body) } : {}),
    });
  };
  return { ...sandbox, clock, token, call };
}
