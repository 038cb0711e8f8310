/**
 * Small hand-built Podio worlds for the sandbox's tests, and helpers to log in and call it.
 */
import type { PodioOrgMember, PodioState } from "../world/types.ts";
import type { PodioErrorBody } from "./errors.ts";
import { createPodioSandbox, type PodioSandbox, type PodioSandboxOptions } from "./index.ts";

export const ORG_ID = 100;
export const ADMIN = "ada@northwind.example";
export const MEMBER_LOGIN = { username: "gus@northwind.example", password: "gus-pass" };

const credentials: PodioState["credentials"] = {
  clientId: "roster-client",
  clientSecret: "client-secret",
  username: ADMIN,
  password: "ada-pass",
  appId: 77,
  appToken: "app-token",
};

function member(
  user_id: number,
  name: string,
  mail: string,
  extra: Partial<PodioOrgMember> = {},
): PodioOrgMember {
  return {
    user_id,
    profile_id: 1000 + user_id,
    name,
    mail,
    mails: [],
    role: "regular",
    employee: mail.endsWith("@northwind.example"),
    status: "active",
    last_seen_on: `2026-10-${String(10 + user_id).padStart(2, "0")}T09:00:00.000Z`,
    created_on: "2024-01-15T08:00:00.000Z",
    ...extra,
  };
}

/** Seven members, two spaces. Ada (1) is the only admin; Gus (7) is a regular member with his own login. */
export function smallPodioState(): PodioState {
  return {
    credentials: { ...credentials },
    org: { org_id: ORG_ID, name: "Northwind Traders" },
    members: [
      member(1, "Ada Admin", ADMIN, { role: "admin", mails: ["ada.admin@northwind.example"] }),
      member(2, "Bob Builder", "bob@northwind.example"),
      member(3, "Cy Light", "cy@northwind.example", { role: "light" }),
      member(4, "Dee Invited", "dee@northwind.example", { status: "invited", last_seen_on: null }),
      member(5, "Eve External", "eve@partner.example"),
      member(6, "Fay Former", "fay@northwind.example", { status: "inactive" }),
      member(7, "Gus Member", MEMBER_LOGIN.username),
    ],
    spaces: [
      {
        space_id: 10,
        name: "Engineering",
        members: [
          { user_id: 1, role: "admin" },
          { user_id: 2, role: "regular" },
          { user_id: 3, role: "light" },
        ],
      },
      {
        space_id: 11,
        name: "Sales & Partners",
        members: [
          { user_id: 2, role: "admin" },
          { user_id: 5, role: "regular" },
          { user_id: 7, role: "regular" },
        ],
      },
    ],
  };
}

/** `count` members (the first is the admin login), names `Member 000001` ... so name order is user id order. */
export function largePodioState(count: number): PodioState {
  const members: PodioOrgMember[] = [];
  for (let i = 1; i <= count; i += 1) {
    const n = String(i).padStart(6, "0");
    members.push({
      user_id: i,
      profile_id: 500_000 + i,
      name: `Member ${n}`,
      mail: i === 1 ? ADMIN : `member.${n}@northwind.example`,
      mails: [],
      role: i === 1 ? "admin" : "regular",
      employee: true,
      status: "active",
      // Reverse of name order, so the two sort keys disagree.
      last_seen_on: new Date(Date.parse("2026-10-01T00:00:00Z") - i * 60_000).toISOString(),
      created_on: "2024-01-15T08:00:00.000Z",
    });
  }
  return {
    credentials: { ...credentials },
    org: { org_id: ORG_ID, name: "Northwind Traders" },
    members,
    spaces: [
      {
        space_id: 10,
        name: "Everyone",
        members: members.slice(0, 250).map((m) => ({ user_id: m.user_id, role: m.role })),
      },
    ],
  };
}

export function smallSandbox(options: Partial<PodioSandboxOptions> = {}): PodioSandbox {
  return createPodioSandbox({
    logins: [MEMBER_LOGIN],
    ...options,
    state: options.state ?? smallPodioState(),
  });
}

export interface TokenAnswer {
  access_token: string;
  refresh_token: string;
  expires_in: number;
  token_type: string;
  ref: { type: string; id: number };
  scope: string;
}

/** Password grant over the form endpoint. */
export async function passwordGrant(
  sandbox: PodioSandbox,
  login: { username: string; password: string } = { username: ADMIN, password: credentials.password },
): Promise<TokenAnswer> {
  const res = await sandbox.app.request("/oauth/token", {
    method: "POST",
    body: new URLSearchParams({
      grant_type: "password",
      client_id: credentials.clientId,
      client_secret: credentials.clientSecret,
      ...login,
    }),
  });
  if (res.status !== 200) throw new Error(`password grant failed: ${res.status} ${await res.text()}`);
  return readJson<TokenAnswer>(res);
}

export const oauth2 = (token: string) => ({ headers: { Authorization: `OAuth2 ${token}` } });

/** A GET with the token, answering status, JSON body and headers. */
export async function getJson(sandbox: PodioSandbox, path: string, token: string) {
  const res = await sandbox.app.request(path, oauth2(token));
  return { status: res.status, body: (await res.json()) as unknown, headers: res.headers };
}

export function send(sandbox: PodioSandbox, method: string, path: string, token: string, body?: unknown) {
  return sandbox.app.request(path, {
    method,
    headers: { Authorization: `OAuth2 ${token}`, "Content-Type": "application/json" },
    ...(body === undefined ? {} : { body: typeof body === "string" ? body : JSON.stringify(body) }),
  });
}

export const CREDENTIALS = credentials;

/** A JSON answer of the sandbox: a token, an error envelope, or whatever the caller narrows it to. */
export type PodioAnswer = Partial<TokenAnswer> & Partial<PodioErrorBody>;

export async function readJson<T = PodioAnswer>(res: Response): Promise<T> {
  return (await res.json()) as T;
}
