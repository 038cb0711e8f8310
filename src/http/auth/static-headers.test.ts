import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { clientFor } from "../testing/harness.ts";
import { bearer, staticHeaders } from "./static-headers.ts";

const PROOFHUB_KEY = "ph-key-0123456789";

/** ProofHub: X-API-KEY, and a mandatory `User-Agent: AppName (email)` (missing → 400). */
function proofhub() {
  const hits: number[] = [];
  const app = new Hono();
  app.get("/api/v3/people", (c) => {
    if (!/\(.+@.+\)/.test(c.req.header("user-agent") ?? "")) {
      hits.push(400);
      return c.json({ message: "User-Agent header is required" }, 400);
    }
    if (c.req.header("x-api-key") !== PROOFHUB_KEY) {
      hits.push(401);
      return c.json({ message: "Invalid API key" }, 401);
    }
    hits.push(200);
    return c.json([]);
  });
  return { app, hits };
}

describe("staticHeaders", () => {
  it("ProofHub: sends the key and the required User-Agent", async () => {
    const { app, hits } = proofhub();
    const auth = staticHeaders({ "X-API-KEY": PROOFHUB_KEY, "User-Agent": "Roster (it@example.com)" });
    const { client } = clientFor(app, { auth, baseUrl: "https://acme.proofhub.com/api/v3/" });
    expect((await client.request({ method: "GET", path: "people" })).body).toEqual([]);
    expect(hits).toEqual([200]);
    expect(auth.secrets()).toEqual([PROOFHUB_KEY]);
  });

  it("ProofHub without a User-Agent: 400 `invalid`, not retried", async () => {
    const { app, hits } = proofhub();
    const { client } = clientFor(app, {
      auth: staticHeaders({ "X-API-KEY": PROOFHUB_KEY }),
      baseUrl: "https://acme.proofhub.com/api/v3",
    });
    await expect(client.request({ method: "GET", path: "people" })).rejects.toMatchObject({
      code: "invalid",
      status: 400,
    });
    expect(hits).toEqual([400]);
  });

  it("a wrong key is `unauthenticated` after one request: static credentials cannot be renewed", async () => {
    const { app, hits } = proofhub();
    const { client } = clientFor(app, {
      auth: staticHeaders({ "X-API-KEY": "wrong-key-value" }),
      userAgent: "Roster (it@example.com)",
      baseUrl: "https://acme.proofhub.com/api/v3",
    });
    await expect(client.request({ method: "GET", path: "people" })).rejects.toMatchObject({
      code: "unauthenticated",
      status: 401,
    });
    expect(hits).toEqual([401]);
  });

  it("Productive: token and organization headers; only the token is secret; writes carry the JSON:API type", async () => {
    const app = new Hono();
    app.patch("/api/v2/people/7/deactivate", (c) => {
      if (c.req.header("x-auth-token") !== "pt-secret-token" || c.req.header("x-organization-id") !== "913") {
        return c.json({ errors: [{ status: "401", code: "invalid_auth_token" }] }, 401);
      }
      if (c.req.header("content-type") !== "application/vnd.api+json") return c.body(null, 415);
      return c.json({ data: { id: "7" } });
    });
    const auth = staticHeaders({ "X-Auth-Token": "pt-secret-token", "X-Organization-Id": "913" });
    const { client } = clientFor(app, { auth, baseUrl: "https://api.productive.io/api/v2" });
    const ok = await client.request({
      method: "PATCH",
      path: "/people/7/deactivate",
      json: {},
      contentType: "application/vnd.api+json",
    });
    expect(ok.status).toBe(200);
    await expect(
      client.request({ method: "PATCH", path: "/people/7/deactivate", json: {} }),
    ).rejects.toMatchObject({
      code: "invalid",
      status: 415,
    });
    expect(auth.secrets()).toEqual(["pt-secret-token"]);
  });
});

describe("bearer", () => {
  it("Productboard: Authorization: Bearer <token>", async () => {
    const app = new Hono();
    app.get("/v2/members", (c) =>
      c.req.header("authorization") === "Bearer pb-token-abcdef" ? c.json({ data: [] }) : c.json({}, 401),
    );
    const { client } = clientFor(app, {
      auth: bearer("pb-token-abcdef"),
      baseUrl: "https://api.productboard.com",
    });
    expect((await client.request({ method: "GET", path: "/v2/members" })).status).toBe(200);
  });
});
