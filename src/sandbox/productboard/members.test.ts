import { describe, expect, it } from "vitest";
import type { ProductboardMember } from "../world/types.ts";
import { createProductboardSandbox } from "./index.ts";
import { bearer, member, members, productboardState, TOKENS } from "./workspace-fixture.ts";

interface MemberJson {
  id: string;
  type: string;
  fields: { name: string; email: string; role: string; disabled: boolean; invitationPending: boolean };
}
interface ListBody {
  data: MemberJson[];
  links: { next: string | null };
}
interface ErrorBody {
  errors: { code: string; title: string; detail: string }[];
}

function sandbox(list: ProductboardMember[], pageSize?: number) {
  return createProductboardSandbox({
    state: productboardState(list),
    rateLimits: false,
    ...(pageSize ? { pageSize } : {}),
  });
}

async function list(app: ReturnType<typeof sandbox>["app"], query = "", token: string = TOKENS.restToken) {
  const res = await app.request(`/v2/members${query}`, { headers: bearer(token) });
  return { res, body: (await res.json()) as ListBody };
}

/** Follows `links.next` until it is null; returns every page. */
async function walk(app: ReturnType<typeof sandbox>["app"], query = "") {
  const pages: ListBody[] = [];
  let url: string | null = `http://localhost/v2/members${query}`;
  while (url) {
    const res = await app.request(url, { headers: bearer(TOKENS.restToken) });
    expect(res.status).toBe(200);
    const body = (await res.json()) as ListBody;
    pages.push(body);
    url = body.links.next;
    if (pages.length > 50) throw new Error("runaway paging");
  }
  return pages;
}

const names = (body: ListBody) => body.data.map((m) => m.fields.name);

describe("productboard GET /v2/members", () => {
  it("serves the documented shape, oldest first, active members only by default", async () => {
    const { app } = sandbox([
      member(3),
      member(1, { role: "admin" }),
      member(2, { disabled: true }),
      member(4, { invitationPending: true }),
    ]);
    const { res, body } = await list(app);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("application/json");
    expect(body).toEqual({
      data: [
        {
          id: member(1).id,
          type: "member",
          fields: {
            name: "Member 1",
            email: "member1@acme.test",
            role: "admin",
            disabled: false,
            invitationPending: false,
            createdAt: member(1).createdAt,
          },
        },
        {
          id: member(3).id,
          type: "member",
          fields: {
            name: "Member 3",
            email: "member3@acme.test",
            role: "contributor",
            disabled: false,
            invitationPending: false,
            createdAt: member(3).createdAt,
          },
        },
      ],
      links: { next: null },
    });
  });

  it("includeDisabled and includeInvited add those members back, in creation order", async () => {
    const { app } = sandbox([
      member(1),
      member(2, { disabled: true }),
      member(3, { invitationPending: true }),
    ]);
    expect(names((await list(app, "?includeDisabled=true")).body)).toEqual(["Member 1", "Member 2"]);
    expect(names((await list(app, "?includeInvited=true")).body)).toEqual(["Member 1", "Member 3"]);
    expect(names((await list(app, "?includeDisabled=true&includeInvited=true")).body)).toEqual([
      "Member 1",
      "Member 2",
      "Member 3",
    ]);
    expect(names((await list(app, "?includeDisabled=false")).body)).toEqual(["Member 1"]);
  });

  it("roles[] filters with OR, repeated or comma-separated", async () => {
    const { app } = sandbox([
      member(1, { role: "admin" }),
      member(2, { role: "maker" }),
      member(3, { role: "viewer" }),
      member(4, { role: "contributor" }),
    ]);
    expect(names((await list(app, "?roles[]=maker")).body)).toEqual(["Member 2"]);
    expect(names((await list(app, "?roles[]=admin&roles[]=viewer")).body)).toEqual(["Member 1", "Member 3"]);
    expect(names((await list(app, "?roles%5B%5D=admin&roles%5B%5D=maker")).body)).toEqual([
      "Member 1",
      "Member 2",
    ]);
    expect(names((await list(app, "?roles[]=maker,contributor")).body)).toEqual(["Member 2", "Member 4"]);
    expect(names((await list(app, "?roles=viewer")).body)).toEqual(["Member 3"]);
  });

  it("query matches a case-insensitive substring of name or e-mail", async () => {
    const { app } = sandbox([
      member(1, { name: "Klara Novak", email: "klara@acme.test" }),
      member(2, { name: "Jan Dvorak", email: "jd@contractor.test" }),
      member(3, { name: "Eva Horak", email: "eva@acme.test" }),
    ]);
    expect(names((await list(app, "?query=NOVAK")).body)).toEqual(["Klara Novak"]);
    expect(names((await list(app, "?query=contractor")).body)).toEqual(["Jan Dvorak"]);
    expect(names((await list(app, "?query=rak")).body)).toEqual(["Jan Dvorak", "Eva Horak"]);
    expect(names((await list(app, "?query=nobody")).body)).toEqual([]);
  });

  it("answers 400 in Productboard's error shape for malformed parameters", async () => {
    const { app } = sandbox(members(3));
    for (const query of [
      "?includeDisabled=maybe",
      "?includeInvited=1",
      "?roles[]=owner",
      "?roles[]=admin&roles[]=superuser",
      "?pageCursor=not-a-cursor",
      "?pageCursor=%7B%7D",
      `?pageCursor=${Buffer.from('{"v":1,"a":-5,"d":false,"i":false}').toString("base64url")}`,
    ]) {
      const res = await app.request(`/v2/members${query}`, { headers: bearer(TOKENS.restToken) });
      expect(res.status, query).toBe(400);
      const body = (await res.json()) as ErrorBody;
      expect(body.errors).toHaveLength(1);
      expect(body.errors[0]).toMatchObject({ code: "bad_request", title: "Bad Request" });
      expect(body.errors[0]!.detail.length).toBeGreaterThan(0);
    }
  });

  it("ignores unknown parameters and an empty pageCursor", async () => {
    const { app } = sandbox(members(2));
    expect(names((await list(app, "?pageCursor=&foo=bar&pageSize=1")).body)).toEqual([
      "Member 1",
      "Member 2",
    ]);
  });
});

describe("productboard paging", () => {
  it("an empty workspace is one empty page", async () => {
    const { app } = sandbox([]);
    const { res, body } = await list(app);
    expect(res.status).toBe(200);
    expect(body).toEqual({ data: [], links: { next: null } });
  });

  it("pages of 100 by default; links.next is an absolute URL carrying only pageCursor", async () => {
    const { app } = sandbox(members(250));
    const pages = await walk(app);
    expect(pages.map((p) => p.data.length)).toEqual([100, 100, 50]);
    const next = new URL(pages[0]!.links.next!);
    expect(next.origin).toBe("http://localhost");
    expect(next.pathname).toBe("/v2/members");
    expect([...next.searchParams.keys()]).toEqual(["pageCursor"]);
    const all = pages.flatMap((p) => p.data.map((m) => m.fields.name));
    expect(all).toEqual(members(250).map((m) => m.name));
  });

  it("an exact multiple of the page size ends with next = null, not an empty page", async () => {
    const { app } = sandbox(members(6), 3);
    const pages = await walk(app);
    expect(pages.map((p) => p.data.length)).toEqual([3, 3]);
    expect(pages[1]!.links.next).toBeNull();
  });

  it("the cursor keeps the listing's filters; parameters next to a cursor are ignored", async () => {
    const list7 = members(7).map((m, i) => ({
      ...m,
      role: i % 2 === 0 ? ("admin" as const) : ("viewer" as const),
    }));
    const { app } = sandbox(list7, 2);
    const pages = await walk(app, "?roles[]=admin");
    expect(pages.flatMap(names)).toEqual(["Member 1", "Member 3", "Member 5", "Member 7"]);
    const withExtra = await list(
      app,
      `?pageCursor=${new URL(pages[0]!.links.next!).searchParams.get("pageCursor")}&roles[]=viewer`,
    );
    expect(names(withExtra.body)).toEqual(["Member 5", "Member 7"]);
  });

  it("filters that skip members still fill whole pages", async () => {
    const list10 = members(10).map((m, i) => ({ ...m, disabled: i % 2 === 1 }));
    const { app } = sandbox(list10, 2);
    const pages = await walk(app);
    expect(pages.map(names)).toEqual([["Member 1", "Member 3"], ["Member 5", "Member 7"], ["Member 9"]]);
  });

  it("a cursor stays valid after the member it points at is gone", async () => {
    const sb = sandbox(members(5), 2);
    const first = await list(sb.app);
    sb.state.removeMember(first.body.data[1]!.id);
    const second = await sb.app.request(first.body.links.next!, { headers: bearer(TOKENS.restToken) });
    expect(names((await second.json()) as ListBody)).toEqual(["Member 3", "Member 4"]);
  });
});

describe("productboard GET /v2/members/{id}", () => {
  it("returns one member under data, including disabled and invited ones", async () => {
    const { app } = sandbox([
      member(1, { disabled: true }),
      member(2, { invitationPending: true, role: "maker" }),
    ]);
    const res = await app.request(`/v2/members/${member(1).id}`, { headers: bearer(TOKENS.restToken) });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      data: {
        id: member(1).id,
        type: "member",
        fields: {
          name: "Member 1",
          email: "member1@acme.test",
          role: "contributor",
          disabled: true,
          invitationPending: false,
          createdAt: member(1).createdAt,
        },
      },
    });
    const invited = await app.request(`/v2/members/${member(2).id}`, { headers: bearer(TOKENS.restToken) });
    expect(((await invited.json()) as { data: MemberJson }).data.fields).toMatchObject({
      role: "maker",
      invitationPending: true,
    });
  });

  it("answers 404 in Productboard's shape for an unknown or malformed id", async () => {
    const { app } = sandbox(members(1));
    for (const id of ["00000000-0000-4000-8000-999999999999", "not-a-uuid", "%E0%A4%A"]) {
      const res = await app.request(`/v2/members/${id}`, { headers: bearer(TOKENS.restToken) });
      expect(res.status, id).toBe(404);
      const body = (await res.json()) as ErrorBody;
      expect(body.errors[0]).toMatchObject({ code: "not_found", title: "Not Found" });
    }
  });
});

describe("productboard PII redaction", () => {
  it("a token without the PII scope sees name and email as [redacted] for everyone", async () => {
    const { app } = sandbox([member(1, { role: "admin" }), member(2)]);
    const { res, body } = await list(app, "", TOKENS.restTokenNoPii);
    expect(res.status).toBe(200);
    expect(body.data.map((m) => m.fields)).toEqual([
      {
        name: "[redacted]",
        email: "[redacted]",
        role: "admin",
        disabled: false,
        invitationPending: false,
        createdAt: member(1).createdAt,
      },
      {
        name: "[redacted]",
        email: "[redacted]",
        role: "contributor",
        disabled: false,
        invitationPending: false,
        createdAt: member(2).createdAt,
      },
    ]);
    expect(body.data[0]!.id).toBe(member(1).id);
    const one = await app.request(`/v2/members/${member(2).id}`, { headers: bearer(TOKENS.restTokenNoPii) });
    expect(((await one.json()) as { data: MemberJson }).data.fields.email).toBe("[redacted]");
  });

  it("members whose PII the workspace hides are [redacted] even for the PII token", async () => {
    const { app } = sandbox([member(1), member(2, { piiRedacted: true })]);
    const { body } = await list(app);
    expect(body.data.map((m) => [m.fields.name, m.fields.email])).toEqual([
      ["Member 1", "member1@acme.test"],
      ["[redacted]", "[redacted]"],
    ]);
  });
});

describe("productboard REST auth and routing", () => {
  const cases: [string, Record<string, string>][] = [
    ["no header", {}],
    ["unknown token", bearer("nope")],
    ["the SCIM token", bearer(TOKENS.scimToken)],
    ["basic scheme", { Authorization: `Basic ${TOKENS.restToken}` }],
    ["empty bearer", { Authorization: "Bearer " }],
  ];
  for (const [label, headers] of cases) {
    it(`401 with ${label}`, async () => {
      const { app } = sandbox(members(1));
      for (const path of ["/v2/members", `/v2/members/${member(1).id}`]) {
        const res = await app.request(path, { headers });
        expect(res.status).toBe(401);
        const body = (await res.json()) as ErrorBody;
        expect(body.errors[0]).toMatchObject({ code: "unauthorized", title: "Unauthorized" });
        expect(JSON.stringify(body)).not.toContain(TOKENS.restToken);
      }
    });
  }

  it("accepts the scheme name in any case", async () => {
    const { app } = sandbox(members(1));
    const res = await app.request("/v2/members", {
      headers: { Authorization: `bearer ${TOKENS.restToken}` },
    });
    expect(res.status).toBe(200);
  });

  it("answers 405 for writes on the members routes and 404 for unknown routes, in Productboard's shape", async () => {
    const { app } = sandbox(members(1));
    const post = await app.request("/v2/members", {
      method: "POST",
      headers: { ...bearer(TOKENS.restToken), "content-type": "application/json" },
      body: "{not json",
    });
    expect(post.status).toBe(405);
    expect(post.headers.get("allow")).toBe("GET");
    expect(((await post.json()) as ErrorBody).errors[0]!.code).toBe("method_not_allowed");
    const del = await app.request(`/v2/members/${member(1).id}`, {
      method: "DELETE",
      headers: bearer(TOKENS.restToken),
    });
    expect(del.status).toBe(405);

    for (const path of ["/members", "/v1/members", "/v2/features", "/"]) {
      const res = await app.request(path, { headers: bearer(TOKENS.restToken) });
      expect(res.status, path).toBe(404);
      expect(((await res.json()) as ErrorBody).errors[0]!.code).toBe("not_found");
    }
  });

  it("never mutates the state it was given", async () => {
    const state = productboardState([member(1)]);
    const before = structuredClone(state);
    const sb = createProductboardSandbox({
      state,
      rateLimits: false,
      faults: { driftAdd: 1, driftRemove: 1 },
    });
    sb.state.members.update(member(1).id, { name: "changed" });
    await list(sb.app);
    expect(state).toEqual(before);
  });
});
