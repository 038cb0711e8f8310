import { describe, expect, it } from "vitest";
import { ManualClock } from "../kit/clock.ts";
import {
  largePodioState,
  MEMBER_LOGIN,
  ORG_ID,
  oauth2,
  passwordGrant,
  readJson,
  send,
  smallSandbox,
} from "./fixture.ts";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

async function exhaust(request: () => Response | Promise<Response>, times: number): Promise<Response> {
  let last: Response | undefined;
  for (let i = 0; i < times; i += 1) {
    last = await request();
    if (last.status >= 400) throw new Error(`request ${i + 1} failed early with ${last.status}`);
  }
  return last!;
}

describe("general budget: 1,000 calls per hour per user per client", () => {
  it("X-Rate-Limit-* on every authenticated answer, errors included", async () => {
    const sandbox = smallSandbox();
    const { access_token } = await passwordGrant(sandbox);
    const first = await sandbox.app.request("/space/10", oauth2(access_token));
    expect(first.headers.get("X-Rate-Limit-Limit")).toBe("1000");
    expect(first.headers.get("X-Rate-Limit-Remaining")).toBe("999");
    const notFound = await sandbox.app.request("/space/99", oauth2(access_token));
    expect(notFound.status).toBe(404);
    expect(notFound.headers.get("X-Rate-Limit-Remaining")).toBe("998");
    const badParam = await sandbox.app.request(`/org/${ORG_ID}/member/?limit=x`, oauth2(access_token));
    expect(badParam.status).toBe(400);
    expect(badParam.headers.get("X-Rate-Limit-Remaining")).toBe("997");
    // Podio sends no reset header.
    expect([...first.headers.keys()].filter((k) => k.includes("reset"))).toEqual([]);
  });

  it("the 1,001st call is a 420 with Podio's body; the wait is what is left of the hour; it recovers", async () => {
    const clock = new ManualClock();
    const sandbox = smallSandbox({ clock });
    const { access_token } = await passwordGrant(sandbox);
    const call = () => sandbox.app.request("/space/10", oauth2(access_token));
    const last = await exhaust(call, 1000);
    expect(last.headers.get("X-Rate-Limit-Remaining")).toBe("0");

    clock.advance(45 * MINUTE);
    const limited = await call();
    expect(limited.status).toBe(420);
    expect(limited.headers.get("X-Rate-Limit-Limit")).toBe("1000");
    expect(limited.headers.get("X-Rate-Limit-Remaining")).toBe("0");
    expect(limited.headers.get("Retry-After")).toBeNull();
    expect(await readJson(limited)).toEqual({
      error: "rate_limit",
      error_description: "You have hit the rate limit. Please wait 900 seconds before trying again",
      error_detail: null,
      error_parameters: {},
      error_propagate: false,
      request: { url: expect.stringContaining("/space/10"), query_string: "", method: "GET" },
    });
    // Refused calls do not use up budget or push the window.
    clock.advance(15 * MINUTE - 1);
    expect((await call()).status).toBe(420);
    clock.advance(1);
    const recovered = await call();
    expect(recovered.status).toBe(200);
    expect(recovered.headers.get("X-Rate-Limit-Remaining")).toBe("999");
  });

  it("Retry-After is sent only with the retryAfterHeader option", async () => {
    const clock = new ManualClock();
    const sandbox = smallSandbox({ clock, retryAfterHeader: true, rateLimitPerHour: 3 });
    const { access_token } = await passwordGrant(sandbox);
    const call = () => sandbox.app.request("/space/10", oauth2(access_token));
    await exhaust(call, 3);
    clock.advance(10 * MINUTE);
    const limited = await call();
    expect(limited.status).toBe(420);
    expect(limited.headers.get("Retry-After")).toBe("3000");
    expect(limited.headers.get("X-Rate-Limit-Limit")).toBe("3");
  });

  it("budgets are per user: another member still has a full budget", async () => {
    const sandbox = smallSandbox({ rateLimitPerHour: 2 });
    const admin = (await passwordGrant(sandbox)).access_token;
    const gus = (await passwordGrant(sandbox, MEMBER_LOGIN)).access_token;
    await exhaust(() => sandbox.app.request("/space/10", oauth2(admin)), 2);
    expect((await sandbox.app.request("/space/10", oauth2(admin))).status).toBe(420);
    // A new token for the same user shares the same budget.
    const again = (await passwordGrant(sandbox)).access_token;
    expect((await sandbox.app.request("/space/10", oauth2(again))).status).toBe(420);
    const other = await sandbox.app.request("/space/11", oauth2(gus));
    expect(other.status).toBe(200);
    expect(other.headers.get("X-Rate-Limit-Remaining")).toBe("1");
  });

  it("timeScale shortens the hour (600 → 6 s) and the wait in the message with it", async () => {
    const clock = new ManualClock();
    const sandbox = smallSandbox({ clock, timeScale: 600, rateLimitPerHour: 1 });
    const { access_token } = await passwordGrant(sandbox);
    const call = () => sandbox.app.request("/space/10", oauth2(access_token));
    await exhaust(call, 1);
    const limited = await call();
    expect(limited.status).toBe(420);
    expect((await readJson(limited)).error_description).toContain("wait 6 seconds");
    clock.advance(6000);
    expect((await call()).status).toBe(200);
  });

  it("rateLimits: false turns budgets and headers off", async () => {
    const sandbox = smallSandbox({ rateLimits: false, rateLimitPerHour: 1 });
    const { access_token } = await passwordGrant(sandbox);
    for (let i = 0; i < 3; i += 1) {
      const res = await sandbox.app.request("/space/10", oauth2(access_token));
      expect(res.status).toBe(200);
      expect(res.headers.get("X-Rate-Limit-Limit")).toBeNull();
    }
  });

  it("token requests are not charged", async () => {
    const sandbox = smallSandbox({ rateLimitPerHour: 1 });
    for (let i = 0; i < 3; i += 1) await passwordGrant(sandbox);
    const { access_token } = await passwordGrant(sandbox);
    expect((await sandbox.app.request("/space/10", oauth2(access_token))).status).toBe(200);
  });
});

describe("rate-limited operations: 250 per hour", () => {
  it("adding space members is capped at 250/h while reads go on; headers describe the 250 budget", async () => {
    const clock = new ManualClock();
    const sandbox = smallSandbox({ clock, state: largePodioState(600) });
    const { access_token } = await passwordGrant(sandbox);
    let userId = 251;
    const add = () =>
      send(sandbox, "POST", "/space/10/member/", access_token, { role: "regular", users: [userId++] });
    const first = await add();
    expect(first.status).toBe(204);
    expect(first.headers.get("X-Rate-Limit-Limit")).toBe("250");
    expect(first.headers.get("X-Rate-Limit-Remaining")).toBe("249");
    await exhaust(add, 249);
    const limited = await add();
    expect(limited.status).toBe(420);
    expect(limited.headers.get("X-Rate-Limit-Limit")).toBe("250");
    expect(await readJson(limited)).toMatchObject({ error: "rate_limit" });
    expect(sandbox.state.spaces.get(10)?.members.has(userId - 1)).toBe(false);

    const read = await sandbox.app.request("/space/10", oauth2(access_token));
    expect(read.status).toBe(200);
    expect(read.headers.get("X-Rate-Limit-Limit")).toBe("1000");
    // 251 + 1 calls so far; the refused add still counted against the general budget.
    expect(read.headers.get("X-Rate-Limit-Remaining")).toBe(String(1000 - 252));

    clock.advance(HOUR);
    expect((await add()).status).toBe(204);
  });

  it("removing org members counts against the same 250/h budget", async () => {
    const sandbox = smallSandbox({ state: largePodioState(10), restrictedRateLimitPerHour: 2 });
    const { access_token } = await passwordGrant(sandbox);
    const remove = (id: number) => send(sandbox, "DELETE", `/org/${ORG_ID}/member/${id}`, access_token);
    expect((await remove(2)).status).toBe(204);
    expect(
      (await send(sandbox, "POST", "/space/10/member/", access_token, { role: "regular", users: [9] }))
        .status,
    ).toBe(204);
    const limited = await remove(3);
    expect(limited.status).toBe(420);
    expect(sandbox.state.member(3)).toBeDefined();
  });
});
