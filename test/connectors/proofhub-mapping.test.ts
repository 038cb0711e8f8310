/**
 * ProofHub mapping rules and the defensive list walk, against payloads and servers the sandbox does not produce:
 * role payloads without an admin flag, odd timestamps, and servers that ignore `start` or `limit`.
 */
import { describe, expect, it } from "vitest";
import { createProofhubConnector, proofhubStatus } from "../../src/connectors/proofhub/index.ts";
import { RoleDirectory } from "../../src/connectors/proofhub/mappers/roles.ts";
import { toAccount } from "../../src/connectors/proofhub/mappers/to-account.ts";
import { membershipsOf, toGrants } from "../../src/connectors/proofhub/mappers/to-grants.ts";
import type { ProofhubPerson } from "../../src/connectors/proofhub/types.ts";
import type { Account } from "../../src/core/account.ts";
import { HttpError } from "../../src/http/index.ts";
import { virtualTime } from "../../src/http/testing/virtual-time.ts";

const ROLES = new RoleDirectory([
  { id: 1, name: "Owner", default: false },
  { id: 2, name: "Administrator", default: false },
  { id: 3, name: "Project Admin", default: false },
  { id: 4, name: "Manager", default: false },
  { id: 5, name: "Member", default: true },
  // Should ProofHub ever send an admin flag, it wins over the name.
  { id: 6, name: "Admin (read-only)", default: false, admin: false },
  { id: 7, name: "Boss", default: false, admin: true },
]);

function person(fields: Partial<ProofhubPerson> = {}): ProofhubPerson {
  return {
    id: 12009183,
    first_name: "Chris",
    last_name: "Wagley",
    title: "Manager",
    email: "c@x.com",
    role: { id: 5 },
    groups: [33838231],
    timezone: 8,
    language: "en",
    suspended: false,
    verified: true,
    last_active: "2016-09-19T06:17:22+00:00",
    created_at: "2016-01-02T03:04:05+02:00",
    updated_at: "2016-09-19T06:17:22+00:00",
    projects: [23423233],
    ...fields,
  };
}

describe("proofhub mapping", () => {
  it("maps status explicitly: suspended, then invited (verified false), else active", () => {
    expect(proofhubStatus(person())).toBe("active");
    expect(proofhubStatus(person({ verified: false }))).toBe("invited");
    expect(proofhubStatus(person({ suspended: true }))).toBe("suspended");
    expect(proofhubStatus(person({ suspended: true, verified: false }))).toBe("suspended");
    // The docs' sample has no `verified`: such a person has joined.
    const { verified: _, ...withoutVerified } = person();
    expect(proofhubStatus(withoutVerified)).toBe("active");
  });

  it("privileged roles: admin flag when sent, else names like /admin|owner/i", () => {
    const privileged = (id: number) => ROLES.get(id)?.privileged;
    expect([1, 2, 3, 4, 5, 6, 7].map(privileged)).toEqual([true, true, true, false, false, false, true]);
  });

  it("maps a person the way the v3 docs show it", () => {
    const account = toAccount("ph", person({ role: { id: 2 } }), ROLES);
    expect(account).toEqual<Account>({
      app: "ph",
      externalId: "12009183",
      username: null,
      email: "c@x.com",
      displayName: "Chris Wagley",
      firstName: "Chris",
      lastName: "Wagley",
      status: "active",
      roles: ["Administrator"],
      privileged: true,
      lastActivityAt: "2016-09-19T06:17:22.000Z",
      createdAt: "2016-01-02T01:04:05.000Z",
      invitedAt: null,
      raw: person({ role: { id: 2 } }),
    });
  });

  it("invite age is the creation date; unknown roles keep their id and are not privileged", () => {
    const invited = toAccount("ph", person({ verified: false, last_active: null, role: { id: 99 } }), ROLES);
    expect(invited).toMatchObject({
      status: "invited",
      invitedAt: "2016-01-02T01:04:05.000Z",
      lastActivityAt: null,
      roles: ["99"],
      privileged: false,
    });
    const blank = toAccount("ph", person({ email: " ", first_name: "", last_name: null, role: null }), ROLES);
    expect(blank).toMatchObject({
      email: null,
      firstName: null,
      lastName: null,
      displayName: null,
      roles: [],
    });
  });

  it("derives project, group and role grants from the person, each once", () => {
    const grants = toGrants(
      "ph",
      membershipsOf(person({ projects: [1, 2, 1], groups: ["7"], role: { id: 5 } })),
    );
    expect(grants.map((g) => `${g.groupKind}:${g.groupExternalId}`)).toEqual([
      "project:1",
      "project:2",
      "group:7",
      "role:5",
    ]);
    expect(grants.every((g) => g.accountExternalId === "12009183" && !g.derived && g.role === null)).toBe(
      true,
    );
  });
});

// ------------------------------------------------------------------ servers that do not page as expected

const ROLE_LIST = [{ id: 5, name: "Member", default: true }];
const peopleOf = (count: number) =>
  Array.from({ length: count }, (_, i) => person({ id: 1000 + i, email: `p${i}@x.com` }));

/** A scripted ProofHub: `people(start, limit)` decides what each people page holds. */
function scripted(people: (start: number, limit: number) => unknown) {
  const calls: string[] = [];
  const fetch = async (input: string | URL | Request) => {
    const url = new URL(String(input));
    calls.push(`${url.pathname}${url.search}`);
    const body = url.pathname.endsWith("/roles")
      ? ROLE_LIST
      : people(Number(url.searchParams.get("start")), Number(url.searchParams.get("limit")));
    return new Response(JSON.stringify(body), { headers: { "content-type": "application/json" } });
  };
  const time = virtualTime();
  const connector = createProofhubConnector(
    "ph",
    {
      type: "proofhub",
      baseUrl: "https://acme.proofhub.com/api/v3",
      apiKey: "ph_key_for_scripted_server",
      userAgent: "roster (it@acme.example)",
    },
    { fetch, clock: time.clock, sleep: time.sleep },
  );
  return { connector, calls };
}

async function collect<T>(pages: AsyncIterable<T[]>): Promise<T[]> {
  const out: T[] = [];
  for await (const page of pages) out.push(...page);
  return out;
}

describe("proofhub list walk", () => {
  it("drops people a later page repeats (records inserted mid-walk)", async () => {
    const all = peopleOf(150);
    // The second page starts 5 early, as if 5 people had been inserted before it.
    const { connector } = scripted((start, limit) => all.slice(start === 0 ? 0 : start - 5, start + limit));
    const accounts = await collect(connector.listAccounts());
    expect(accounts.map((a) => a.externalId)).toEqual(all.map((p) => String(p.id)));
  });

  it("a server that ignores `limit` and sends everything at once costs one request", async () => {
    const all = peopleOf(150);
    const { connector, calls } = scripted(() => all);
    const accounts = await collect(connector.listAccounts());
    expect(accounts).toHaveLength(150);
    expect(calls.filter((c) => c.includes("/people"))).toEqual(["/api/v3/people?start=0&limit=100"]);
  });

  it("a server that ignores `start` fails the listing instead of looping", async () => {
    const all = peopleOf(250);
    const { connector, calls } = scripted((_start, limit) => all.slice(0, limit));
    const error = await collect(connector.listAccounts()).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(HttpError);
    expect(error).toMatchObject({ code: "invalid", app: "ph", path: "/api/v3/people" });
    expect(String(error)).toMatch(/ph: list people: GET \/api\/v3\/people → invalid: page 2 repeats only/);
    expect(calls.filter((c) => c.includes("/people"))).toHaveLength(2);
  });

  it("a page of the wrong shape is an HttpError naming app, endpoint and status", async () => {
    const { connector } = scripted(() => ({ data: [] }));
    const error = await collect(connector.listAccounts()).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: "invalid", status: 200, app: "ph", path: "/api/v3/people" });
    expect(String(error)).toMatch(
      /ph: list people: GET \/api\/v3\/people → 200 invalid: unexpected response shape/,
    );
  });
});
