import { Hono } from "hono";
import pino from "pino";
import { describe, expect, it } from "vitest";
import { oauth2 } from "./auth/oauth2.ts";
import { bearer, staticHeaders } from "./auth/static-headers.ts";
import type { HttpClientOptions } from "./client.ts";
import { clientFor } from "./testing/harness.ts";
import { virtualTime } from "./testing/virtual-time.ts";

const SECRETS = {
  clientSecret: "client-secret-7a1c9e",
  password: "password-b4d2f0",
  apiKey: "api-key-55e0c3d1",
  bearer: "bearer-token-91f2aa",
  queryToken: "query-token-0d9c11",
  refreshToken: "refresh-token-c0ffee",
  accessToken: "access-token-",
};

/** A hostile API: every error body quotes the credentials it was sent, the way careless servers do. */
function echoingApi() {
  const app = new Hono();
  let tokenSerial = 0;
  let calls = 0;
  app.post("/oauth/token", async (c) => {
    const body = Object.fromEntries(new URLSearchParams(await c.req.text()));
    if (body.password !== SECRETS.password) {
      return c.json(
        { error: "invalid_grant", error_description: `bad ${body.password} for ${body.client_secret}` },
        400,
      );
    }
    tokenSerial += 1;
    return c.json({
      access_token: `${SECRETS.accessToken}${tokenSerial}-xyz`,
      refresh_token: SECRETS.refreshToken,
      expires_in: 3600,
    });
  });
  app.all("/echo", (c) => {
    calls += 1;
    const quoted = `${c.req.header("authorization") ?? ""} ${c.req.header("x-api-key") ?? ""} ${c.req.query("access_token") ?? ""}`;
    const statuses = [401, 500, 403, 422];
    const status = statuses[(calls - 1) % statuses.length] ?? 500;
    return c.json({ errors: [{ code: "echo", title: `you sent ${quoted}`, detail: quoted }] }, status as 400);
  });
  return app;
}

describe("no secret leaves the HTTP layer", () => {
  it("scrubs logs, error messages, error JSON, stacks, counters and events", async () => {
    const lines: string[] = [];
    const logger = pino({ level: "trace" }, { write: (line: string) => lines.push(line) });
    const app = echoingApi();
    const time = virtualTime();
    const common: Partial<HttpClientOptions> & { time: typeof time } = {
      time,
      logger,
      retry: { maxAttempts: 2, baseDelayMs: 10 },
    };
    const strategies = [
      oauth2({
        tokenUrl: "https://api.test/oauth/token",
        grant: {
          type: "password",
          client_id: "roster",
          client_secret: SECRETS.clientSecret,
          username: "u",
          password: SECRETS.password,
        },
      }),
      oauth2({
        tokenUrl: "https://api.test/oauth/token",
        grant: {
          type: "password",
          client_id: "roster",
          client_secret: SECRETS.clientSecret,
          username: "u",
          password: "wrong-pw-zzz",
        },
      }),
      staticHeaders({ "X-API-KEY": SECRETS.apiKey, "User-Agent": "Roster (it@example.com)" }),
      bearer(SECRETS.bearer),
    ];
    const outputs: string[] = [];
    for (const auth of strategies) {
      const harness = clientFor(app, { ...common, auth, app: `app-${auth.kind}` });
      for (let i = 0; i < 4; i += 1) {
        try {
          await harness.client.request({
            method: i % 2 ? "POST" : "GET",
            path: "/echo",
            query: { access_token: SECRETS.queryToken, page: i },
            json: { hello: "world" },
          });
        } catch (error) {
          const e = error as Error;
          outputs.push(e.message, JSON.stringify(e), String(e.stack));
        }
      }
      outputs.push(JSON.stringify(harness.client.stats()), JSON.stringify(harness.events));
    }
    const everything = [...lines, ...outputs].join("\n");
    expect(lines.length).toBeGreaterThan(10);
    expect(outputs.filter((o) => o.includes("→")).length).toBeGreaterThan(8);
    for (const [name, value] of Object.entries(SECRETS)) {
      expect(everything.includes(value), `${name} leaked`).toBe(false);
    }
    expect(everything).not.toContain("wrong-pw-zzz");
    // The errors still say what happened.
    expect(everything).toContain("invalid_grant");
    expect(everything).toContain("you sent");
  });
});
