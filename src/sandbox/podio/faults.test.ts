import { describe, expect, it } from "vitest";
import type { FaultInput } from "../kit/faults.ts";
import { CREDENTIALS, getJson, ORG_ID, oauth2, passwordGrant, readJson, smallSandbox } from "./fixture.ts";
import type { PodioSandbox } from "./index.ts";
import type { OrgMemberView } from "./views.ts";

const members = `/org/${ORG_ID}/member/`;

async function setFaults(sandbox: PodioSandbox, faults: FaultInput) {
  const res = await sandbox.app.request("/_sandbox/faults", {
    method: "PATCH",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(faults),
  });
  expect(res.status).toBe(200);
}

/** A connector's naive walk: offset paging until a short page. */
async function walk(sandbox: PodioSandbox, token: string, limit: number, extra = "") {
  const seen: number[] = [];
  for (let offset = 0; ; offset += limit) {
    const res = await getJson(sandbox, `${members}?limit=${limit}&offset=${offset}${extra}`, token);
    expect(res.status).toBe(200);
    const page = res.body as OrgMemberView[];
    seen.push(...page.map((m) => m.user.user_id));
    if (page.length < limit) return seen;
  }
}

describe("injected server errors and rate-limit storms", () => {
  it("5xx answers carry Podio's error envelope: 503/502 unavailable, 504 timeout, 500 server_error", async () => {
    const sandbox = smallSandbox();
    const { access_token } = await passwordGrant(sandbox);
    for (const [status, error] of [
      [503, "unavailable"],
      [502, "unavailable"],
      [504, "timeout"],
      [500, "server_error"],
    ] as const) {
      await setFaults(sandbox, { errorRate: 1, errorStatus: status });
      const res = await sandbox.app.request(members, oauth2(access_token));
      expect(res.status).toBe(status);
      expect(await readJson(res)).toMatchObject({
        error,
        error_description: expect.any(String),
        error_propagate: false,
        request: { method: "GET" },
      });
    }
    await setFaults(sandbox, { errorRate: 0 });
    expect((await sandbox.app.request(members, oauth2(access_token))).status).toBe(200);
  });

  it("a storm answers 420 with Podio's body (even to token requests), then stops", async () => {
    const sandbox = smallSandbox({ retryAfterHeader: true });
    const { access_token } = await passwordGrant(sandbox);
    await setFaults(sandbox, { stormRequests: 2 });
    const first = await sandbox.app.request(members, oauth2(access_token));
    expect(first.status).toBe(420);
    expect(first.headers.get("X-Rate-Limit-Remaining")).toBe("0");
    expect(first.headers.get("Retry-After")).toBe("300");
    expect(await readJson(first)).toMatchObject({
      error: "rate_limit",
      error_description: "You have hit the rate limit. Please wait 300 seconds before trying again",
    });
    const token = await sandbox.app.request("/oauth/token", {
      method: "POST",
      body: new URLSearchParams({ grant_type: "password" }),
    });
    expect(token.status).toBe(420);
    expect((await sandbox.app.request(members, oauth2(access_token))).status).toBe(200);
    const log = await readJson<{ recent: { status: number; fault?: string }[] }>(
      await sandbox.app.request("/_sandbox/requests"),
    );
    expect(log.recent.filter((r) => r.fault === "storm")).toHaveLength(2);
  });

  it("a dropped connection surfaces as fetch failed", async () => {
    const sandbox = smallSandbox({ faults: { dropRate: 1 } });
    await expect(sandbox.fetch("http://podio.test/space/10")).rejects.toThrow(TypeError);
  });
});

describe("page drift on org member lists", () => {
  it("removing members mid-walk makes offset paging skip people who are still in the org", async () => {
    const sandbox = smallSandbox();
    const { access_token } = await passwordGrant(sandbox);
    await setFaults(sandbox, { driftRemove: 1 });
    const seen = await walk(sandbox, access_token, 2);
    const stillThere = sandbox.state
      .snapshot()
      .members.map((m) => m.user_id)
      .sort((a, b) => a - b);
    expect(seen).toEqual([1, 2, 4, 5, 7]);
    expect(stillThere).toEqual([1, 3, 5, 6]);
    // 3 and 6 are in the org and were never listed: the trap.
    expect(stillThere.filter((id) => !seen.includes(id))).toEqual([3, 6]);
    expect(sandbox.state.drift.map((d) => d.removed)).toEqual([[2], [4], [7]]);
    expect(sandbox.state.drift[1]).toMatchObject({
      after: { path: members, offset: 2, returned: 2 },
      added: [],
    });
    // The admin is never drifted away.
    expect(stillThere).toContain(1);
  });

  it("members added mid-walk show up on later pages, or twice in a descending walk", async () => {
    const sandbox = smallSandbox();
    const { access_token } = await passwordGrant(sandbox);
    await setFaults(sandbox, { driftAdd: 1 });
    const ascending = await walk(sandbox, access_token, 3);
    const joiners = sandbox.state.drift.flatMap((d) => d.added);
    expect(joiners.length).toBeGreaterThan(0);
    expect(ascending.slice(0, 7)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(ascending.slice(7)).toEqual(joiners.slice(0, ascending.length - 7));

    const descending = await walk(sandbox, access_token, 3, "&sort_desc=true");
    expect(new Set(descending).size).toBeLessThan(descending.length);
    const joiner = await getJson(sandbox, `${members}${joiners[0]}`, access_token);
    expect(joiner.body).toMatchObject({ profile: { name: expect.stringMatching(/^Zz Drift Joiner/) } });
  });

  it("no drift on single-member reads or space lists, nor without the fault", async () => {
    const sandbox = smallSandbox();
    const { access_token } = await passwordGrant(sandbox);
    await walk(sandbox, access_token, 2);
    await setFaults(sandbox, { driftAdd: 2, driftRemove: 2 });
    await getJson(sandbox, `${members}2`, access_token);
    await getJson(sandbox, "/space/10/member/", access_token);
    await getJson(sandbox, "/space/10/member/v2/", access_token);
    expect(sandbox.state.drift).toEqual([]);
  });
});

describe("sandbox admin and bad input", () => {
  it("/_sandbox/state is a snapshot in the world's shape, without secrets", async () => {
    const sandbox = smallSandbox();
    const res = await sandbox.app.request("/_sandbox/state");
    expect(res.status).toBe(200);
    const text = await res.text();
    for (const secret of [CREDENTIALS.clientSecret, CREDENTIALS.password, CREDENTIALS.appToken]) {
      expect(text).not.toContain(secret);
    }
    const state = JSON.parse(text);
    expect(state.org).toEqual({ org_id: ORG_ID, name: "Northwind Traders" });
    expect(state.members).toHaveLength(7);
    expect(state.members[0]).toMatchObject({
      user_id: 1,
      created_on: "2024-01-15T08:00:00.000Z",
      last_seen_on: "2026-10-11T09:00:00.000Z",
    });
    expect(state.spaces[0]).toEqual({
      space_id: 10,
      name: "Engineering",
      members: [
        { user_id: 1, role: "admin" },
        { user_id: 2, role: "regular" },
        { user_id: 3, role: "light" },
      ],
    });
    expect(state.drift).toEqual([]);
  });

  it("the request log holds no tokens", async () => {
    const sandbox = smallSandbox();
    const { access_token } = await passwordGrant(sandbox);
    await sandbox.app.request(`${members}?limit=5`, oauth2(access_token));
    const log = await (await sandbox.app.request("/_sandbox/requests")).text();
    expect(log).toContain("/member/");
    expect(log).not.toContain(access_token);
  });

  it("unknown routes and methods get Podio's 404 envelope, with or without a token", async () => {
    const sandbox = smallSandbox();
    const { access_token } = await passwordGrant(sandbox);
    for (const [method, path, token] of [
      ["GET", "/nope", undefined],
      ["GET", "/v1/org/100/member/", access_token],
      ["PATCH", `${members}2`, access_token],
      ["POST", members, access_token],
      ["GET", "/space/abc/member/", access_token],
    ] as const) {
      const res = await sandbox.app.request(path, { method, ...(token ? oauth2(token) : {}) });
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(await readJson(res)).toMatchObject({
        error: "not_found",
        error_description: expect.stringContaining("No matching operation"),
        request: { method },
      });
    }
  });

  it("an unexpected exception becomes Podio's generic 500, without a stack trace", async () => {
    const sandbox = smallSandbox();
    const { access_token } = await passwordGrant(sandbox);
    sandbox.state.memberByMail = () => {
      throw new Error("boom at store.ts:1");
    };
    const res = await sandbox.app.request("/space/10/member/", {
      method: "POST",
      headers: { ...oauth2(access_token).headers, "Content-Type": "application/json" },
      body: JSON.stringify({ role: "regular", mails: ["x@y.example"] }),
    });
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(text).not.toContain("boom");
    expect(JSON.parse(text)).toMatchObject({ error: "server_error", error_propagate: false });
  });

  it("odd query strings never produce a 500", async () => {
    const sandbox = smallSandbox();
    const { access_token } = await passwordGrant(sandbox);
    for (const query of [
      "?query=%E0%A4%A",
      "?offset=99999999999999999999",
      "?limit=%20",
      "?query=",
      "?sort_by=name&sort_by=last_seen_on",
    ]) {
      const res = await sandbox.app.request(`${members}${query}`, oauth2(access_token));
      expect(res.status, query).toBeLessThan(500);
      const body = await res.text();
      expect(body, query).not.toMatch(/at .+\.ts:\d+/);
    }
  });
});
