import { describe, expect, it } from "vitest";
import { API_KEY, call, expectError, ROLE, sandboxOf, smallAccount } from "./test-fixture.ts";

describe("ProofHub request rules", () => {
  describe("User-Agent", () => {
    it("answers 400 when the header is missing or blank", async () => {
      const sandbox = sandboxOf(smallAccount());
      const missing = await expectError(
        await call(sandbox, "GET", "/people", { headers: { "user-agent": null } }),
        400,
      );
      expect(missing.message).toMatch(/User-Agent/);
      await expectError(await call(sandbox, "GET", "/people", { headers: { "user-agent": "   " } }), 400);
    });

    it("by default rejects a User-Agent without `(email)`, such as Node's default `node`", async () => {
      const sandbox = sandboxOf(smallAccount());
      for (const agent of ["node", "MyApp", "MyApp (https://example.com)", "(a@b.co)"]) {
        await expectError(await call(sandbox, "GET", "/people", { headers: { "user-agent": agent } }), 400);
      }
      for (const agent of ["MyApp (ops@acme.example)", "roster/0.1 (mailto it@acme.example; +https://x.y)"]) {
        expect((await call(sandbox, "GET", "/people", { headers: { "user-agent": agent } })).status).toBe(
          200,
        );
      }
    });

    it("accepts any non-empty User-Agent with userAgent: present", async () => {
      const sandbox = sandboxOf(smallAccount(), { userAgent: "present" });
      expect((await call(sandbox, "GET", "/people", { headers: { "user-agent": "node" } })).status).toBe(200);
      await expectError(await call(sandbox, "GET", "/people", { headers: { "user-agent": null } }), 400);
    });

    it("checks the User-Agent before the key", async () => {
      const sandbox = sandboxOf(smallAccount());
      const response = await call(sandbox, "GET", "/people", {
        headers: { "user-agent": null, "x-api-key": null },
      });
      await expectError(response, 400);
    });
  });

  describe("X-API-KEY", () => {
    it("answers 401 for a missing or wrong key", async () => {
      const sandbox = sandboxOf(smallAccount());
      await expectError(await call(sandbox, "GET", "/people", { headers: { "x-api-key": null } }), 401);
      await expectError(await call(sandbox, "GET", "/people", { headers: { "x-api-key": "nope" } }), 401);
      await expectError(
        await call(sandbox, "GET", "/roles", { headers: { "x-api-key": `${API_KEY}x` } }),
        401,
      );
    });

    it("does not accept the seed's Bearer header in place of X-API-KEY", async () => {
      const sandbox = sandboxOf(smallAccount());
      const response = await call(sandbox, "GET", "/people", {
        headers: { "x-api-key": null, authorization: `Bearer ${API_KEY}` },
      });
      await expectError(response, 401);
    });

    it("stops working for every call once its owner is deleted", async () => {
      const sandbox = sandboxOf(smallAccount(), { keyOwnerId: 1001 });
      expect((await call(sandbox, "DELETE", "/people/1001")).status).toBe(204);
      const body = await expectError(await call(sandbox, "GET", "/people"), 401);
      expect(body.message).toMatch(/removed/);
      await expectError(await call(sandbox, "GET", "/roles"), 401);
      await expectError(await call(sandbox, "DELETE", "/people/1003"), 401);
      expect(sandbox.state.people.get(1003)).toBeDefined();
    });

    it("stops working while its owner is suspended", async () => {
      const sandbox = sandboxOf(smallAccount());
      const response = await call(sandbox, "PUT", "/people/1001", {
        body: {
          first_name: "Ada",
          last_name: "Admin",
          email: "ada@acme.example",
          role: "1",
          suspended: true,
        },
      });
      expect(response.status).toBe(200);
      const body = await expectError(await call(sandbox, "GET", "/people/1001"), 401);
      expect(body.message).toMatch(/suspended/);
    });

    it("belongs by default to the first active admin", () => {
      expect(sandboxOf(smallAccount()).state.keyOwnerId).toBe(1001);
      const state = smallAccount();
      state.people[0]!.suspended = true;
      state.people[3]!.role = { id: ROLE.admin }; // Dan: admin but suspended
      state.people[4]!.role = { id: ROLE.admin }; // Eve: admin, invited
      state.people[2]!.role = { id: ROLE.admin }; // Cleo: admin, active
      expect(sandboxOf(state).state.keyOwnerId).toBe(1003);
      state.people[2]!.role = { id: ROLE.member };
      expect(sandboxOf(state).state.keyOwnerId).toBe(1001);
      expect(() => sandboxOf(smallAccount(), { keyOwnerId: 42 })).toThrow(/keyOwnerId 42/);
    });

    it("never dies when the account has no admin to own it", async () => {
      const state = smallAccount();
      state.people[0]!.role = { id: ROLE.manager };
      const sandbox = sandboxOf(state);
      expect(sandbox.state.keyOwnerId).toBeUndefined();
      expect((await call(sandbox, "DELETE", "/people/1001")).status).toBe(204);
      expect((await call(sandbox, "GET", "/people")).status).toBe(200);
    });
  });

  describe("access", () => {
    it("answers 403 to writes with a key whose owner is not an admin, and still serves reads", async () => {
      const sandbox = sandboxOf(smallAccount(), { keyOwnerId: 1003 });
      expect((await call(sandbox, "GET", "/people")).status).toBe(200);
      expect((await call(sandbox, "GET", "/projects/100")).status).toBe(200);
      const created = await call(sandbox, "POST", "/people", {
        body: { first_name: "Z", last_name: "Z", email: "z@acme.example" },
      });
      await expectError(created, 403);
      await expectError(await call(sandbox, "DELETE", "/people/1004"), 403);
      await expectError(await call(sandbox, "PUT", "/projects/100", { body: { assigned: [] } }), 403);
      await expectError(await call(sandbox, "POST", "/groups", { body: { name: "X" } }), 403);
      expect(sandbox.state.people.size).toBe(5);
      expect(sandbox.ctx.invitations).toHaveLength(0);
    });

    it("loses admin rights when a PUT on the key owner omits the role (it falls back to the default role)", async () => {
      const sandbox = sandboxOf(smallAccount());
      const put = await call(sandbox, "PUT", "/people/1001", {
        body: { first_name: "Ada", last_name: "Admin", email: "ada@acme.example" },
      });
      expect(((await put.json()) as { role: { id: number } }).role.id).toBe(ROLE.member);
      await expectError(await call(sandbox, "DELETE", "/people/1004"), 403);
    });
  });

  describe("content type", () => {
    it("answers 415 to POST and PUT without a JSON content type", async () => {
      const sandbox = sandboxOf(smallAccount());
      const body = JSON.stringify({ first_name: "A", last_name: "B", email: "ab@acme.example" });
      await expectError(
        await call(sandbox, "POST", "/people", { body, headers: { "content-type": null } }),
        415,
      );
      await expectError(
        await call(sandbox, "PUT", "/people/1003", { body, headers: { "content-type": "text/plain" } }),
        415,
      );
      await expectError(
        await call(sandbox, "POST", "/groups", {
          body: '{"name":"x"}',
          headers: { "content-type": "application/xml" },
        }),
        415,
      );
      const withCharset = await call(sandbox, "POST", "/people", {
        body,
        headers: { "content-type": "application/json; charset=utf-8" },
      });
      expect(withCharset.status).toBe(201);
    });
  });

  describe("bad input", () => {
    it("answers 400 in ProofHub's shape to a body that is not JSON or not an object", async () => {
      const sandbox = sandboxOf(smallAccount());
      for (const body of ["{", "", "null", "[1,2]", '"text"', "42"]) {
        await expectError(await call(sandbox, "POST", "/people", { body }), 400);
        await expectError(await call(sandbox, "PUT", "/people/1003", { body }), 400);
        await expectError(await call(sandbox, "POST", "/groups", { body }), 400);
        await expectError(await call(sandbox, "PUT", "/projects/100", { body }), 400);
      }
    });

    it("answers 404 in ProofHub's shape to unknown routes and ids that are not numbers", async () => {
      const sandbox = sandboxOf(smallAccount());
      for (const path of [
        "/nope",
        "/people/abc",
        "/people/1003/extra",
        "/people/99999999999999999999",
        "/roles/1",
      ]) {
        await expectError(await call(sandbox, "GET", path), 404);
      }
      await expectError(await call(sandbox, "PATCH", "/people/1003", { body: {} }), 404);
      await expectError(await sandbox.fetch("http://acme.proofhub.test/elsewhere"), 404);
    });

    it("serves paths with a trailing slash, as clients built on the `/api/v3/` base produce", async () => {
      const sandbox = sandboxOf(smallAccount());
      expect((await call(sandbox, "GET", "/people/")).status).toBe(200);
      expect((await call(sandbox, "GET", "/people/1002/")).status).toBe(200);
    });
  });
});
