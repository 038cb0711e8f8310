import { describe, expect, it } from "vitest";
import { ManualClock } from "../kit/clock.ts";
import { createProductboardSandbox } from "./index.ts";
import { bearer, member, members, productboardState, TOKENS } from "./workspace-fixture.ts";

interface ErrorBody {
  errors: { code: string; title: string; detail: string }[];
}

function sandbox(
  options: { timeScale?: number; rateLimits?: boolean; rateLimit?: { limit: number; windowMs: number } } = {},
) {
  const clock = new ManualClock();
  const sb = createProductboardSandbox({ state: productboardState(members(3)), clock, ...options });
  const get = (token: string = TOKENS.restToken, path = "/v2/members") =>
    sb.app.request(path, { headers: bearer(token) });
  return { ...sb, clock, get };
}

describe("productboard rate limits", () => {
  it("stamps X-RateLimit-Limit / X-RateLimit-Remaining on every answer, errors included", async () => {
    const { get } = sandbox();
    const first = await get();
    expect(first.status).toBe(200);
    expect(first.headers.get("x-ratelimit-limit")).toBe("50");
    expect(first.headers.get("x-ratelimit-remaining")).toBe("49");
    const notFound = await get(TOKENS.restToken, "/v2/members/00000000-0000-4000-8000-999999999999");
    expect(notFound.status).toBe(404);
    expect(notFound.headers.get("x-ratelimit-remaining")).toBe("48");
    const badRequest = await get(TOKENS.restToken, "/v2/members?includeDisabled=x");
    expect(badRequest.status).toBe(400);
    expect(badRequest.headers.get("x-ratelimit-remaining")).toBe("47");
  });

  it("allows 50 requests per second per token, then 429 with Retry-After, and recovers after the window", async () => {
    const { get, clock } = sandbox();
    for (let i = 0; i < 50; i++) expect((await get()).status).toBe(200);
    const refused = await get();
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBe("1");
    expect(refused.headers.get("x-ratelimit-limit")).toBe("50");
    expect(refused.headers.get("x-ratelimit-remaining")).toBe("0");
    const body = (await refused.json()) as ErrorBody;
    expect(body.errors[0]).toMatchObject({ code: "rate_limit_exceeded", title: "Too Many Requests" });

    clock.advance(999);
    expect((await get()).status).toBe(429);
    clock.advance(1);
    const recovered = await get();
    expect(recovered.status).toBe(200);
    expect(recovered.headers.get("x-ratelimit-remaining")).toBe("49");
  });

  it("keeps one budget per token: the other REST token is unaffected", async () => {
    const { get } = sandbox();
    for (let i = 0; i < 50; i++) await get();
    expect((await get()).status).toBe(429);
    const other = await get(TOKENS.restTokenNoPii);
    expect(other.status).toBe(200);
    expect(other.headers.get("x-ratelimit-remaining")).toBe("49");
  });

  it("does not count 401s against any budget", async () => {
    const { get } = sandbox();
    for (let i = 0; i < 60; i++) expect((await get("wrong")).status).toBe(401);
    const ok = await get();
    expect(ok.status).toBe(200);
    expect(ok.headers.get("x-ratelimit-remaining")).toBe("49");
  });

  it("honours a custom budget and timeScale", async () => {
    const { get, clock } = sandbox({ rateLimit: { limit: 2, windowMs: 10_000 }, timeScale: 10 });
    expect((await get()).headers.get("x-ratelimit-limit")).toBe("2");
    await get();
    const refused = await get();
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBe("1");
    clock.advance(1000);
    expect((await get()).status).toBe(200);
  });

  it("rateLimits: false serves without budget or headers", async () => {
    const { get } = sandbox({ rateLimits: false });
    for (let i = 0; i < 60; i++) {
      const res = await get();
      expect(res.status).toBe(200);
      expect(res.headers.get("x-ratelimit-limit")).toBeNull();
    }
  });

  it("POST /_sandbox/rate-limits/reset restores the budget", async () => {
    const { get, app } = sandbox();
    for (let i = 0; i < 50; i++) await get();
    expect((await get()).status).toBe(429);
    expect((await app.request("/_sandbox/rate-limits/reset", { method: "POST" })).status).toBe(204);
    expect((await get(TOKENS.restToken, `/v2/members/${member(1).id}`)).status).toBe(200);
  });
});
