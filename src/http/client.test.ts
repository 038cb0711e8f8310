import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { inProcessFetch } from "../sandbox/kit/transport.ts";
import { HttpError } from "./errors.ts";
import { clientFor } from "./testing/harness.ts";
import type { FetchLike } from "./transport.ts";

/** An app whose `/thing` answers the given statuses in turn (then 200), counting hits. */
function scripted(statuses: number[], headers: Record<string, string> = {}) {
  const hits: { method: string; url: string }[] = [];
  const app = new Hono();
  app.all("/thing", (c) => {
    hits.push({ method: c.req.method, url: c.req.url });
    const status = statuses[hits.length - 1] ?? 200;
    if (status === 200) return c.json({ ok: true });
    return c.json({ error: `status_${status}`, message: "scripted failure" }, status as 400, headers);
  });
  return { app, hits };
}

const connectionError = (code: string) =>
  new TypeError("fetch failed", { cause: Object.assign(new Error("socket"), { code }) });

describe("request basics", () => {
  it("joins paths under the base path, keeps trailing slashes, encodes query arrays and sends headers", async () => {
    const seen: Request[] = [];
    const fetch: FetchLike = async (input, init) => {
      seen.push(new Request(input, init));
      return Response.json({ ok: true });
    };
    const { client } = clientFor(fetch, {
      baseUrl: "https://api.productive.io/api/v2/",
      userAgent: "Roster (it@example.com)",
      headers: { "X-Version": "1" },
    });
    await client.request({
      method: "GET",
      path: "/org/1/member/",
      query: { "roles[]": ["admin", "maker"], limit: 100, skip: undefined },
    });
    await client.request({
      method: "POST",
      path: "people",
      json: { a: 1 },
      contentType: "application/vnd.api+json",
    });
    expect(seen[0]?.url).toBe(
      "https://api.productive.io/api/v2/org/1/member/?roles%5B%5D=admin&roles%5B%5D=maker&limit=100",
    );
    expect(seen[0]?.headers.get("user-agent")).toBe("Roster (it@example.com)");
    expect(seen[0]?.headers.get("x-version")).toBe("1");
    expect(seen[1]?.headers.get("content-type")).toBe("application/vnd.api+json");
    expect(await seen[1]?.text()).toBe('{"a":1}');
  });

  it("follows an absolute next link on the same origin", async () => {
    const { app, hits } = scripted([]);
    const { client } = clientFor(app);
    const response = await client.request({ method: "GET", path: "https://api.test/thing?pageCursor=abc" });
    expect(response.status).toBe(200);
    expect(hits[0]?.url).toBe("https://api.test/thing?pageCursor=abc");
  });

  it("refuses to send credentials to another origin, before any request", async () => {
    const { app, hits } = scripted([]);
    const { client } = clientFor(app);
    const error = await client.request({ method: "GET", path: "https://evil.example/steal" }).catch((e) => e);
    expect(error).toBeInstanceOf(HttpError);
    expect(error).toMatchObject({ code: "invalid" });
    expect(error.message).toContain("refusing to send credentials to https://evil.example");
    expect(hits).toHaveLength(0);
  });

  it("parses with a schema, and reports a bad shape as `invalid` with the issue path", async () => {
    const app = new Hono();
    app.get("/members", (c) =>
      c.json({
        data: [
          { id: "1", email: "a@x.com" },
          { id: "2", email: 42 },
        ],
      }),
    );
    const { client } = clientFor(app, { app: "productboard" });
    const Member = z.object({ id: z.string(), email: z.string() });
    const ok = await client.json("GET", "/members", z.object({ data: z.array(z.unknown()) }));
    expect(ok.data).toHaveLength(2);
    const error = await client.json("GET", "/members", z.object({ data: z.array(Member) })).catch((e) => e);
    expect(error).toBeInstanceOf(HttpError);
    expect(error).toMatchObject({ code: "invalid", status: 200, app: "productboard", path: "/members" });
    expect(error.issues[0].path).toBe("data[1].email");
    expect(error.message).toMatch(
      /^productboard: GET \/members → 200 invalid: unexpected response shape at data\[1\]\.email/,
    );
    expect(client.stats().errorsByCode).toEqual({ invalid: 1 });
  });

  it("returns accepted non-2xx statuses instead of throwing", async () => {
    const { app } = scripted([404]);
    const { client } = clientFor(app);
    const response = await client.request({ method: "GET", path: "/thing", acceptStatus: [404] });
    expect(response.status).toBe(404);
    expect(response.body).toMatchObject({ error: "status_404" });
  });
});

describe("error mapping without retries", () => {
  it.each([
    [400, "invalid"],
    [401, "unauthenticated"],
    [403, "forbidden"],
    [404, "not_found"],
    [409, "conflict"],
    [410, "not_found"],
    [415, "invalid"],
    [422, "invalid"],
  ] as const)("%i → %s after exactly one request", async (status, code) => {
    const { app, hits } = scripted([status, status, status]);
    const { client } = clientFor(app, { app: "docebo" });
    const error = await client.request({ method: "GET", path: "/thing" }).catch((e) => e);
    expect(error).toBeInstanceOf(HttpError);
    expect(error).toMatchObject({
      code,
      status,
      method: "GET",
      path: "/thing",
      app: "docebo",
      retryable: false,
    });
    expect(error.message).toBe(`docebo: GET /thing → ${status} ${code}: status_${status}: scripted failure`);
    expect(hits).toHaveLength(1);
    expect(client.stats()).toMatchObject({ requests: 1, retries: 0, errors: 1 });
  });
});

describe("retries", () => {
  it("retries 5xx with backoff, then succeeds", async () => {
    const { app, hits } = scripted([500, 502, 503]);
    const { client, elapsed, events } = clientFor(app, { retry: { baseDelayMs: 100, maxDelayMs: 10_000 } });
    const response = await client.request({ method: "GET", path: "/thing" });
    expect(response.status).toBe(200);
    expect(hits).toHaveLength(4);
    // Equal jitter at 0.5: 75, 150, 300.
    expect(events.filter((e) => e.type === "retry").map((e) => e.type === "retry" && e.delayMs)).toEqual([
      75, 150, 300,
    ]);
    expect(elapsed()).toBe(525);
    expect(client.stats()).toMatchObject({
      requests: 4,
      retries: 3,
      byStatus: { "200": 1, "500": 1, "502": 1, "503": 1 },
    });
  });

  it("gives up after maxAttempts with `unavailable`", async () => {
    const { app, hits } = scripted([503, 503, 503, 503]);
    const { client } = clientFor(app, { app: "docebo", retry: { maxAttempts: 3 } });
    const error = await client.request({ method: "GET", path: "/thing" }).catch((e) => e);
    expect(error).toMatchObject({ code: "unavailable", status: 503, retryable: true });
    expect(hits).toHaveLength(3);
  });

  it("does not retry 501 Not Implemented", async () => {
    const { app, hits } = scripted([501]);
    const { client } = clientFor(app);
    await expect(client.request({ method: "GET", path: "/thing" })).rejects.toMatchObject({
      code: "unavailable",
    });
    expect(hits).toHaveLength(1);
  });

  it("retries a dropped connection (fetch throwing TypeError 'fetch failed')", async () => {
    const { app, hits } = scripted([]);
    const inner = inProcessFetch(app);
    let calls = 0;
    const flaky: FetchLike = async (input, init) => {
      calls += 1;
      if (calls <= 2) throw connectionError("ECONNRESET");
      return inner(input, init);
    };
    const { client } = clientFor(flaky);
    expect((await client.request({ method: "GET", path: "/thing" })).status).toBe(200);
    expect(hits).toHaveLength(1);
    expect(client.stats()).toMatchObject({ requests: 3, retries: 2, byStatus: { connection: 2, "200": 1 } });
  });

  it("times out a hanging exchange, retries, and finally reports `unavailable` with the timeout", async () => {
    const { app } = scripted([]);
    const inner = inProcessFetch(app);
    let calls = 0;
    const hanging: FetchLike = (input, init) => {
      calls += 1;
      return calls === 1 ? new Promise<Response>(() => {}) : inner(input, init);
    };
    const first = clientFor(hanging, { timeoutMs: 1000 });
    expect((await first.client.request({ method: "GET", path: "/thing" })).status).toBe(200);
    expect(first.elapsed()).toBe(1000 + 375);
    expect(first.client.stats().byStatus).toEqual({ timeout: 1, "200": 1 });

    const never: FetchLike = () => new Promise<Response>(() => {});
    const second = clientFor(never, { app: "podio", timeoutMs: 1000, retry: { maxAttempts: 2 } });
    const error = await second.client.request({ method: "GET", path: "/org/1/member/" }).catch((e) => e);
    expect(error).toMatchObject({ code: "unavailable", status: undefined });
    expect(error.message).toBe("podio: GET /org/1/member/ → unavailable: timed out after 1000 ms");
    expect(second.time.pending()).toBe(0);
  });

  it("caps the backoff at maxDelayMs", async () => {
    const { app } = scripted(Array(7).fill(503));
    const { client, events } = clientFor(app, {
      random: () => 0.999,
      retry: { maxAttempts: 8, baseDelayMs: 1000, maxDelayMs: 4000 },
    });
    await client.request({ method: "GET", path: "/thing" });
    const delays = events.flatMap((e) => (e.type === "retry" ? [e.delayMs] : []));
    expect(delays).toHaveLength(7);
    expect(Math.max(...delays)).toBeLessThanOrEqual(4000);
    expect(delays.slice(2).every((d) => d > 3990)).toBe(true);
    expect(delays[0]).toBeLessThanOrEqual(1000);
  });

  it("does not repeat a POST after a 5xx, a timeout or a reset connection (it may have been processed)", async () => {
    const five = scripted([503]);
    const a = clientFor(five.app);
    await expect(a.client.request({ method: "POST", path: "/thing", json: {} })).rejects.toMatchObject({
      code: "unavailable",
      status: 503,
    });
    expect(five.hits).toHaveLength(1);

    let calls = 0;
    const reset: FetchLike = async () => {
      calls += 1;
      throw connectionError("ECONNRESET");
    };
    const b = clientFor(reset);
    await expect(b.client.request({ method: "PATCH", path: "/thing", json: {} })).rejects.toMatchObject({
      code: "unavailable",
    });
    expect(calls).toBe(1);
  });

  it("repeats a POST when the server cannot have acted: refused connection, 429, or `idempotent: true`", async () => {
    const { app, hits } = scripted([]);
    const inner = inProcessFetch(app);
    let calls = 0;
    const refusedOnce: FetchLike = async (input, init) => {
      calls += 1;
      if (calls === 1) throw connectionError("ECONNREFUSED");
      return inner(input, init);
    };
    await clientFor(refusedOnce).client.request({ method: "POST", path: "/thing", json: {} });
    expect(hits).toHaveLength(1);

    const limited = scripted([429]);
    await clientFor(limited.app).client.request({ method: "POST", path: "/thing", json: {} });
    expect(limited.hits).toHaveLength(2);

    const flaky = scripted([503]);
    await clientFor(flaky.app).client.request({ method: "POST", path: "/thing", json: {}, idempotent: true });
    expect(flaky.hits).toHaveLength(2);
  });

  it("lets the caller abort a request waiting in backoff", async () => {
    const { app } = scripted([503, 503]);
    const { client } = clientFor(app);
    const controller = new AbortController();
    const pending = client.request({ method: "GET", path: "/thing", signal: controller.signal });
    setImmediate(() => controller.abort(new Error("shutdown")));
    await expect(pending).rejects.toThrow("shutdown");
  });
});

describe("rate-limit answers", () => {
  it("waits out Retry-After in seconds, then retries", async () => {
    const { app, hits } = scripted([429], { "Retry-After": "7" });
    const { client, elapsed } = clientFor(app);
    await client.request({ method: "GET", path: "/thing" });
    expect(hits).toHaveLength(2);
    expect(elapsed()).toBe(7000);
    expect(client.stats()).toMatchObject({ rateLimited: 1, retries: 1, waits: 1, waitedMs: 7000 });
  });

  it("waits out Retry-After as an HTTP date", async () => {
    let count = 0;
    const app = new Hono();
    const start = Date.parse("2026-11-01T00:00:00Z");
    app.get("/thing", (c) => {
      count += 1;
      if (count === 1) return c.json({}, 429, { "Retry-After": new Date(start + 12_000).toUTCString() });
      return c.json({ ok: true });
    });
    const { client, elapsed } = clientFor(app);
    await client.request({ method: "GET", path: "/thing" });
    expect(elapsed()).toBe(12_000);
  });

  it("reads Podio's 420 'Please wait N seconds' when there is no Retry-After", async () => {
    let count = 0;
    const app = new Hono();
    app.get("/org/1/member/", (c) => {
      count += 1;
      if (count === 1) {
        return c.json(
          {
            error: "rate_limit",
            error_description: "You have hit the rate limit. Please wait 300 seconds before trying again",
          },
          420 as 400,
          { "X-Rate-Limit-Limit": "1000", "X-Rate-Limit-Remaining": "0" },
        );
      }
      return c.json([]);
    });
    const { client, elapsed } = clientFor(app, { app: "podio" });
    await client.request({ method: "GET", path: "/org/1/member/" });
    expect(elapsed()).toBe(300_000);
    expect(client.stats()).toMatchObject({ rateLimited: 1, retries: 1, byStatus: { "420": 1, "200": 1 } });
  });

  it("backs off exponentially on Docebo's bare 429, pausing the whole credential", async () => {
    const { app, hits } = scripted([429, 429]);
    const { client, elapsed } = clientFor(app, { retry: { baseDelayMs: 1000 } });
    await client.request({ method: "GET", path: "/thing" });
    expect(hits).toHaveLength(3);
    expect(elapsed()).toBe(750 + 1500);
  });

  it("fails `rate_limited` with the wait when retries run out or the wait is too long", async () => {
    const { app } = scripted([420], { "Retry-After": "7200" });
    const { client } = clientFor(app, { app: "podio" });
    const error = await client
      .request({ method: "GET", path: "/thing", operation: "list org members" })
      .catch((e) => e);
    expect(error).toMatchObject({
      code: "rate_limited",
      status: 420,
      retryAfterMs: 7_200_000,
      retryable: true,
    });
    expect(error.message).toBe(
      "podio: list org members: GET /thing → 420 rate_limited: status_420: scripted failure",
    );
    expect(client.stats()).toMatchObject({ requests: 1, rateLimited: 1, retries: 0 });

    const storm = scripted([429, 429, 429]);
    const limited = clientFor(storm.app, { retry: { maxAttempts: 3 } });
    await expect(limited.client.request({ method: "GET", path: "/thing" })).rejects.toMatchObject({
      code: "rate_limited",
      status: 429,
    });
    expect(storm.hits).toHaveLength(3);
  });

  it("pauses before the next request when a 200 says remaining 0 until a reset", async () => {
    const start = Date.parse("2026-11-01T00:00:00Z");
    const app = new Hono();
    const served: number[] = [];
    let now = () => 0;
    app.get("/thing", (c) => {
      served.push(now());
      return c.json({}, 200, {
        "X-RateLimit-Remaining": "0",
        "X-RateLimit-Reset": String(start / 1000 + 10),
      });
    });
    const harness = clientFor(app);
    now = () => harness.time.clock.now() - start;
    await harness.client.request({ method: "GET", path: "/thing" });
    await harness.client.request({ method: "GET", path: "/thing" });
    expect(served[0]).toBe(0);
    expect(served[1]).toBeGreaterThanOrEqual(10_000);
    expect(harness.client.stats()).toMatchObject({ rateLimited: 0, waits: 1 });
  });
});

describe("counters and events", () => {
  it("counts requests, statuses and errors, and emits request/retry/error events without secrets", async () => {
    const { app } = scripted([503, 404]);
    const { client, events } = clientFor(app, { app: "proofhub" });
    await client
      .request({ method: "GET", path: "/thing", query: { token: "q-secret", page: 2 } })
      .catch(() => {});
    expect(client.stats()).toEqual({
      requests: 2,
      tokenRequests: 0,
      retries: 1,
      rateLimited: 0,
      waits: 1,
      waitedMs: 375,
      byStatus: { "503": 1, "404": 1 },
      errors: 1,
      errorsByCode: { not_found: 1 },
    });
    expect(events.map((e) => e.type)).toEqual(["request", "retry", "wait", "request", "error"]);
    expect(JSON.stringify(events)).not.toContain("q-secret");
  });
});
