import { describe, expect, it } from "vitest";
import { admin, DOC_401, get, ORG, patch, post, sandbox, type TestSandbox, TOKEN } from "./test-fixture.ts";

describe("authentication", () => {
  it.each([
    ["a missing X-Auth-Token", { "X-Auth-Token": null }],
    ["a wrong X-Auth-Token", { "X-Auth-Token": "nope" }],
    ["an empty X-Auth-Token", { "X-Auth-Token": "" }],
    ["the token in another header", { "X-Auth-Token": null, Authorization: `Bearer ${TOKEN}` }],
  ])("answers %s with the doc's 401", async (_, headers) => {
    for (const path of ["/people", "/users", "/people/2835", "/users/2861"]) {
      const res = await get(sandbox(), path, { headers });
      expect(res.status).toBe(401);
      expect(res.body).toEqual(DOC_401);
    }
  });

  it("accepts the token as a ?token= parameter when the header is absent", async () => {
    const res = await get(sandbox(), `/people?token=${TOKEN}`, { headers: { "X-Auth-Token": null } });
    expect(res.status).toBe(200);
  });

  it("checks authentication before anything else on a write", async () => {
    const box = sandbox();
    const res = await patch(box, "/people/2836/deactivate", undefined, {
      headers: { "X-Auth-Token": "nope", "Content-Type": "text/plain" },
    });
    expect(res.status).toBe(401);
    expect(box.state.person("2836")?.deactivated_at).toBeNull();
  });

  it("accepts the organization id with surrounding spaces", async () => {
    expect((await get(sandbox(), "/people", { headers: { "X-Organization-Id": ` ${ORG} ` } })).status).toBe(
      200,
    );
  });
});

describe("415 on writes without the JSON:API content type", () => {
  it.each([
    ["missing", null],
    ["application/json", "application/json"],
    ["text/plain", "text/plain"],
    ["with an ext parameter", 'application/vnd.api+json; ext="bulk"'],
  ])("content type %s → 415 JSON:API error, nothing changed", async (_, contentType) => {
    const box = sandbox();
    const body = { data: { type: "people", attributes: { first_name: "Changed" } } };
    for (const res of [
      await patch(box, "/people/2836", body, { headers: { "Content-Type": contentType } }),
      await post(box, "/people", body, { headers: { "Content-Type": contentType } }),
      await patch(box, "/users/2862", body, { headers: { "Content-Type": contentType } }),
    ]) {
      expect(res.status).toBe(415);
      expect(res.headers.get("content-type")).toBe("application/vnd.api+json; charset=utf-8");
      expect(res.body.errors?.[0]).toMatchObject({ status: "415", title: "Unsupported Media Type" });
    }
    expect(box.state.person("2836")?.first_name).toBe("Ben");
    expect(box.state.peopleCount).toBe(7);
  });

  it("accepts a charset parameter and any case", async () => {
    const res = await patch(
      sandbox(),
      "/people/2836",
      { data: { type: "people", attributes: { title: "Lead" } } },
      { headers: { "Content-Type": "Application/VND.API+JSON; charset=utf-8" } },
    );
    expect(res.status).toBe(200);
  });

  it("does not require the content type on reads", async () => {
    expect((await get(sandbox(), "/people", { headers: { "Content-Type": null } })).status).toBe(200);
  });
});

describe("rate limits: 100 requests / 10 s and 4,000 / 30 min per token", () => {
  const burst = async (box: TestSandbox, count: number) => {
    const statuses: number[] = [];
    for (let i = 0; i < count; i++) statuses.push((await get(box, i % 2 ? "/users" : "/people")).status);
    return statuses;
  };

  it("answers the 101st request in 10 s with 429, Retry-After, and recovers after the window", async () => {
    const box = sandbox();
    expect(new Set(await burst(box, 100))).toEqual(new Set([200]));
    box.clock.advance(4_000);
    const refused = await get(box, "/people");
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBe("6");
    expect(refused.headers.get("content-type")).toBe("application/vnd.api+json; charset=utf-8");
    expect(refused.body.errors?.[0]).toMatchObject({ status: "429", title: "Too Many Requests" });
    box.clock.advance(5_999);
    expect((await get(box, "/users")).status).toBe(429);
    box.clock.advance(1);
    expect((await get(box, "/people")).status).toBe(200);
  });

  it("counts writes and refuses them without side effects", async () => {
    const box = sandbox();
    await burst(box, 100);
    const res = await patch(box, "/people/2836/deactivate");
    expect(res.status).toBe(429);
    expect(box.state.person("2836")?.deactivated_at).toBeNull();
  });

  it("does not spend budget on unauthenticated requests", async () => {
    const box = sandbox();
    for (let i = 0; i < 150; i++) await get(box, "/people", { headers: { "X-Auth-Token": "nope" } });
    expect(new Set(await burst(box, 100))).toEqual(new Set([200]));
  });

  it("enforces the 30-minute budget of 4,000 even when every 10 s window is within 100", async () => {
    const box = sandbox();
    for (let window = 0; window < 40; window++) {
      const statuses = await burst(box, 100);
      expect(statuses.every((s) => s === 200)).toBe(true);
      box.clock.advance(10_000);
    }
    const refused = await get(box, "/people");
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBe(30 * 60 - 400);
    box.clock.advance((30 * 60 - 400) * 1000);
    expect((await get(box, "/people")).status).toBe(200);
  });

  it("scales the windows with timeScale", async () => {
    const box = sandbox(undefined, { timeScale: 10 });
    await burst(box, 100);
    expect((await get(box, "/people")).status).toBe(429);
    box.clock.advance(1_000);
    expect((await get(box, "/people")).status).toBe(200);
  });

  it("is off with rateLimits: false", async () => {
    const box = sandbox(undefined, { rateLimits: false });
    expect(new Set(await burst(box, 150))).toEqual(new Set([200]));
  });

  it("takes other windows from options, and /_sandbox/rate-limits/reset clears them", async () => {
    const box = sandbox(undefined, { rateWindows: [{ limit: 2, windowMs: 60_000 }] });
    await burst(box, 2);
    const refused = await get(box, "/people");
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBe("60");
    expect((await admin(box, "POST", "/rate-limits/reset")).status).toBe(204);
    expect((await get(box, "/people")).status).toBe(200);
  });
});
