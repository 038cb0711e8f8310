import { describe, expect, it } from "vitest";
import { ManualClock } from "../kit/clock.ts";
import type { DriftEvent } from "./store.ts";
import {
  accountOf,
  call,
  expectError,
  getJson,
  sandboxOf,
  smallAccount,
  walkPeople,
} from "./test-fixture.ts";

type Snapshot = {
  credentials: { apiKey: string };
  people: { id: number }[];
  keyOwnerId: number | null;
  drift: DriftEvent[];
};

describe("injected faults", () => {
  it("answers injected server errors in ProofHub's error shape", async () => {
    const sandbox = sandboxOf(smallAccount(), { faults: { errorRate: 1 } });
    const body = await expectError(await call(sandbox, "GET", "/people"), 503);
    expect(body.error).toBe("service_unavailable");
    await call(sandbox, "PATCH", "/_sandbox/faults", { body: { errorStatus: 502 } });
    expect((await expectError(await call(sandbox, "GET", "/people/1001"), 502)).error).toBe("bad_gateway");
    const log = await getJson<{ recent: { fault?: string }[] }>(sandbox, "/_sandbox/requests");
    expect(log.recent.filter((r) => r.fault === "error")).toHaveLength(2);
  });

  it("answers a rate-limit storm with 429 and Retry-After, then serves again", async () => {
    const sandbox = sandboxOf(smallAccount(), { clock: new ManualClock(), faults: { stormRequests: 2 } });
    for (let i = 0; i < 2; i += 1) {
      const response = await call(sandbox, "GET", "/people");
      await expectError(response, 429);
      expect(response.headers.get("retry-after")).toBe("10");
    }
    expect((await call(sandbox, "GET", "/people")).status).toBe(200);
  });

  it("keeps a timed storm up until its time has passed", async () => {
    const clock = new ManualClock();
    const sandbox = sandboxOf(smallAccount(), { clock, faults: { stormMs: 5_000 } });
    await expectError(await call(sandbox, "GET", "/roles"), 429);
    clock.advance(5_000);
    expect((await call(sandbox, "GET", "/roles")).status).toBe(200);
  });

  it("drops connections so fetch fails like a reset socket", async () => {
    const sandbox = sandboxOf(smallAccount(), { faults: { dropRate: 1 } });
    await expect(call(sandbox, "GET", "/people")).rejects.toThrow(TypeError);
    await call(sandbox, "DELETE", "/_sandbox/faults");
    expect((await call(sandbox, "GET", "/people")).status).toBe(200);
  });

  it("adds latency before the answer", async () => {
    const sandbox = sandboxOf(smallAccount(), { faults: { latencyMs: 25 } });
    expect((await call(sandbox, "GET", "/roles")).status).toBe(200);
    const log = await getJson<{ recent: { durationMs: number }[] }>(sandbox, "/_sandbox/requests");
    expect(log.recent[0]!.durationMs).toBeGreaterThanOrEqual(20);
  });

  it("ignores early token expiry: ProofHub API keys do not expire", async () => {
    const sandbox = sandboxOf(smallAccount());
    expect((await call(sandbox, "POST", "/_sandbox/faults/expire-tokens")).status).toBe(204);
    expect((await call(sandbox, "GET", "/people")).status).toBe(200);
  });

  it("switches faults at run time through PUT /_sandbox/faults", async () => {
    const sandbox = sandboxOf(smallAccount());
    const put = await call(sandbox, "PUT", "/_sandbox/faults", { body: { errorRate: 1, errorStatus: 500 } });
    expect(put.status).toBe(200);
    await expectError(await call(sandbox, "GET", "/roles"), 500);
    const bad = await call(sandbox, "PUT", "/_sandbox/faults", { body: { errorRate: 2 } });
    expect(bad.status).toBe(400);
  });
});

describe("page drift on GET /people", () => {
  it("makes an offset walk skip people who never left (the trap)", async () => {
    const sandbox = sandboxOf(accountOf(300), { faults: { driftRemove: 1 } });
    const walked = await walkPeople(sandbox, 100);
    const snapshot = await getJson<Snapshot>(sandbox, "/_sandbox/state");
    const removed = new Set(snapshot.drift.flatMap((event) => event.removed));
    const stillThere = snapshot.people.map((p) => p.id);
    const seen = new Set(walked);
    const skipped = stillThere.filter((id) => !seen.has(id));
    expect(removed.size).toBe(snapshot.drift.length);
    expect(snapshot.drift.length).toBeGreaterThanOrEqual(3);
    // Each removal was on a page already served, so the next offset started one survivor too late.
    expect(skipped.length).toBeGreaterThan(0);
    expect(walked.length).toBe(new Set(walked).size);
  });

  it("adds people at the end so they show up on later pages", async () => {
    const clock = new ManualClock(Date.parse("2026-11-05T00:00:00Z"));
    const sandbox = sandboxOf(accountOf(50), { clock, faults: { driftAdd: 2 } });
    const walked = await walkPeople(sandbox, 25);
    const snapshot = await getJson<Snapshot>(sandbox, "/_sandbox/state");
    const added = snapshot.drift.flatMap((event) => event.added);
    expect(added.slice(0, 2)).toEqual([51, 52]);
    expect(walked).toEqual(expect.arrayContaining([51, 52]));
    expect(snapshot.people.length).toBe(50 + added.length);
    expect(snapshot.drift[0]).toMatchObject({ at: "2026-11-05T00:00:00.000Z", afterStart: 0 });
    expect(await getJson(sandbox, "/people/51")).toMatchObject({ first_name: "Drift", verified: false });
    expect(sandbox.ctx.invitations).toHaveLength(0);
  });

  it("removes drifted people from their projects too, and never removes the key owner", async () => {
    const state = smallAccount();
    const sandbox = sandboxOf(state, { faults: { driftRemove: 1 } });
    for (let i = 0; i < 6; i += 1) await call(sandbox, "GET", "/people?limit=5");
    expect(sandbox.state.people.size).toBe(1);
    expect(sandbox.state.people.get(1001)).toBeDefined();
    expect(await getJson(sandbox, "/projects/101")).toMatchObject({ assigned: [] });
    expect(await getJson(sandbox, "/groups/10")).toMatchObject({ assigned: [1001] });
  });

  it("does not drift on single-person reads or other lists", async () => {
    const sandbox = sandboxOf(smallAccount(), { faults: { driftRemove: 1, driftAdd: 1 } });
    await call(sandbox, "GET", "/people/1002");
    await call(sandbox, "GET", "/projects");
    await call(sandbox, "GET", "/groups");
    expect(sandbox.state.drift).toEqual([]);
    expect(sandbox.state.people.size).toBe(5);
  });
});

describe("sandbox state", () => {
  it("shows the account as a ProofhubState with the key redacted, plus the key owner", async () => {
    const sandbox = sandboxOf(smallAccount());
    await call(sandbox, "DELETE", "/people/1004");
    const snapshot = await getJson<Snapshot & { projects: unknown[]; groups: unknown[]; roles: unknown[] }>(
      sandbox,
      "/_sandbox/state",
    );
    expect(snapshot.credentials.apiKey).toBe("[redacted]");
    expect(snapshot.keyOwnerId).toBe(1001);
    expect(snapshot.people.map((p) => p.id)).toEqual([1001, 1002, 1003, 1005]);
    expect(snapshot.projects).toHaveLength(2);
    expect(snapshot.groups).toHaveLength(2);
    expect(snapshot.roles).toHaveLength(3);
  });

  it("logs requests without secrets", async () => {
    const sandbox = sandboxOf(smallAccount());
    await call(sandbox, "GET", "/people?start=0");
    const log = await getJson<{ total: number; recent: unknown[] }>(sandbox, "/_sandbox/requests");
    expect(log.total).toBe(1);
    expect(JSON.stringify(log)).not.toContain("ph-test-key");
  });
});
