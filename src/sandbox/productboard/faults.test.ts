import { describe, expect, it } from "vitest";
import type { FaultInput } from "../kit/faults.ts";
import { createProductboardSandbox, type ProductboardSnapshot } from "./index.ts";
import { bearer, member, members, productboardState, TOKENS } from "./workspace-fixture.ts";

interface ListBody {
  data: { id: string; fields: { name: string; email: string } }[];
  links: { next: string | null };
}
interface ErrorBody {
  errors: { code: string; title: string; detail: string }[];
}

function sandbox(
  faults: FaultInput = {},
  extra: { pageSize?: number; repeatFirstCursor?: boolean; count?: number } = {},
) {
  return createProductboardSandbox({
    state: productboardState(members(extra.count ?? 6)),
    rateLimits: false,
    faults,
    pageSize: extra.pageSize ?? 3,
    ...(extra.repeatFirstCursor !== undefined ? { repeatFirstCursor: extra.repeatFirstCursor } : {}),
  });
}

const auth = { headers: bearer(TOKENS.restToken) };

async function page(app: ReturnType<typeof sandbox>["app"], url = "http://localhost/v2/members") {
  const res = await app.request(url, auth);
  expect(res.status).toBe(200);
  return (await res.json()) as ListBody;
}

describe("productboard injected faults", () => {
  it("errorRate answers 5xx in Productboard's error shape", async () => {
    const sb = sandbox({ errorRate: 1 });
    const res = await sb.app.request("/v2/members", auth);
    expect(res.status).toBe(503);
    expect(((await res.json()) as ErrorBody).errors[0]).toMatchObject({
      code: "service_unavailable",
      title: "Service Unavailable",
    });
    await sb.app.request("/_sandbox/faults", {
      method: "PATCH",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ errorStatus: 500 }),
    });
    const five = await sb.app.request("/v2/members", auth);
    expect(five.status).toBe(500);
    expect(((await five.json()) as ErrorBody).errors[0]!.code).toBe("internal_server_error");
    expect(sb.ctx.log.recent().map((r) => r.fault)).toEqual(["error", "error"]);
  });

  it("a partial errorRate fails some requests and serves the rest", async () => {
    const sb = sandbox({ errorRate: 0.5, seed: 7 });
    const statuses = new Set<number>();
    for (let i = 0; i < 40; i++) statuses.add((await sb.app.request("/v2/members", auth)).status);
    expect([...statuses].sort()).toEqual([200, 503]);
  });

  it("dropRate makes the in-process fetch throw like a reset connection", async () => {
    const sb = sandbox({ dropRate: 1 });
    await expect(sb.fetch("http://localhost/v2/members", auth)).rejects.toThrow(TypeError);
    await expect(sb.fetch("http://localhost/v2/members", auth)).rejects.toThrow("fetch failed");
    expect(sb.ctx.log.recent().every((r) => r.fault === "drop")).toBe(true);
  });

  it("a rate-limit storm answers 429 with Retry-After for N requests, then recovers", async () => {
    const sb = sandbox({ stormRequests: 2 });
    for (let i = 0; i < 2; i++) {
      const res = await sb.app.request("/v2/members", auth);
      expect(res.status).toBe(429);
      expect(res.headers.get("retry-after")).toBe("1");
      expect(res.headers.get("x-ratelimit-limit")).toBe("50");
      expect(res.headers.get("x-ratelimit-remaining")).toBe("0");
      expect(((await res.json()) as ErrorBody).errors[0]!.code).toBe("rate_limit_exceeded");
    }
    expect((await sb.app.request("/v2/members", auth)).status).toBe(200);
  });

  it("latency delays the answer without changing it", async () => {
    const sb = sandbox({ latencyMs: 5 });
    const res = await sb.app.request("/v2/members", auth);
    expect(res.status).toBe(200);
    expect(sb.ctx.log.recent()[0]!.durationMs).toBeGreaterThanOrEqual(4);
  });

  it("faults can be switched at run time through /_sandbox/faults", async () => {
    const sb = sandbox();
    const put = await sb.app.request("/_sandbox/faults", {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ stormRequests: 1 }),
    });
    expect(put.status).toBe(200);
    expect((await sb.app.request("/v2/members", auth)).status).toBe(429);
    expect((await sb.app.request("/v2/members", auth)).status).toBe(200);
  });
});

describe("productboard page drift", () => {
  it("removes members just served and appends new ones that show up on later pages", async () => {
    const sb = sandbox({ driftAdd: 2, driftRemove: 1 });
    const first = await page(sb.app);
    expect(first.data.map((m) => m.fields.name)).toEqual(["Member 1", "Member 2", "Member 3"]);
    expect(sb.state.drift.removed).toEqual([member(1).id]);
    expect(sb.state.drift.added).toHaveLength(2);
    expect(sb.state.members.get(member(1).id)).toBeUndefined();

    await sb.app.request("/_sandbox/faults", { method: "DELETE" });
    const rest: ListBody[] = [];
    let next = first.links.next;
    while (next) {
      const body = await page(sb.app, next);
      rest.push(body);
      next = body.links.next;
    }
    const later = rest.flatMap((p) => p.data.map((m) => m.id));
    expect(later.slice(0, 3)).toEqual([member(4).id, member(5).id, member(6).id]);
    expect(later.slice(3)).toEqual(sb.state.drift.added);
    expect(new Set([...first.data.map((m) => m.id), ...later]).size).toBe(8);

    const added = await sb.app.request(`/v2/members/${sb.state.drift.added[0]}`, auth);
    expect(((await added.json()) as { data: { fields: { email: string } } }).data.fields.email).toMatch(
      /^drift\.member\.\d+@acme\.test$/,
    );
    const snapshot = (await (await sb.app.request("/_sandbox/state")).json()) as ProductboardSnapshot;
    expect(snapshot.drift).toEqual({ removed: [member(1).id], added: sb.state.drift.added });
    expect(snapshot.members.map((m) => m.id)).not.toContain(member(1).id);
  });

  it("applies on every list page but not on single-member reads", async () => {
    const sb = sandbox({ driftAdd: 1 });
    await sb.app.request(`/v2/members/${member(1).id}`, auth);
    expect(sb.state.drift.added).toHaveLength(0);
    await page(sb.app);
    await page(sb.app);
    expect(sb.state.drift.added).toHaveLength(2);
    expect(sb.state.members.size).toBe(8);
  });
});

describe("productboard repeated-cursor quirk", () => {
  it("repeatFirstCursor: the last page links back to the first page's cursor", async () => {
    const sb = sandbox({}, { repeatFirstCursor: true, count: 7 });
    const first = await page(sb.app);
    const second = await page(sb.app, first.links.next!);
    const last = await page(sb.app, second.links.next!);
    expect(last.data.map((m) => m.fields.name)).toEqual(["Member 7"]);
    expect(last.links.next).toBe(first.links.next);
  });

  it("with one page, the loop goes back to the start", async () => {
    const sb = sandbox({}, { repeatFirstCursor: true, count: 2 });
    const only = await page(sb.app);
    expect(only.links.next).not.toBeNull();
    const again = await page(sb.app, only.links.next!);
    expect(again.data.map((m) => m.id)).toEqual(only.data.map((m) => m.id));
    expect(again.links.next).toBe(only.links.next);
  });

  it("can be switched at run time through /_sandbox/quirks", async () => {
    const sb = sandbox({}, { count: 2 });
    expect((await page(sb.app)).links.next).toBeNull();
    const on = await sb.app.request("/_sandbox/quirks", {
      method: "PATCH",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ repeatFirstCursor: true }),
    });
    expect(await on.json()).toEqual({ repeatFirstCursor: true });
    expect((await page(sb.app)).links.next).not.toBeNull();
    const bad = await sb.app.request("/_sandbox/quirks", {
      method: "PATCH",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ repeatFirstCursor: "yes" }),
    });
    expect(bad.status).toBe(400);
  });
});

describe("productboard /_sandbox", () => {
  it("shows the workspace state without credentials", async () => {
    const sb = sandbox();
    const res = await sb.app.request("/_sandbox/state");
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).not.toContain(TOKENS.restToken);
    expect(text).not.toContain(TOKENS.scimToken);
    const snapshot = JSON.parse(text) as ProductboardSnapshot;
    expect(snapshot.members).toHaveLength(6);
    expect(snapshot.members[0]).toEqual(member(1));
    expect(snapshot.quirks).toEqual({ repeatFirstCursor: false });
  });

  it("logs requests without their headers", async () => {
    const sb = sandbox();
    await sb.app.request("/v2/members?includeDisabled=true", auth);
    const log = (await (await sb.app.request("/_sandbox/requests")).json()) as {
      total: number;
      recent: { path: string; query: string; status: number }[];
    };
    expect(log.total).toBe(1);
    expect(log.recent[0]).toMatchObject({ path: "/v2/members", query: "?includeDisabled=true", status: 200 });
    expect(JSON.stringify(log)).not.toContain(TOKENS.restToken);
  });
});
