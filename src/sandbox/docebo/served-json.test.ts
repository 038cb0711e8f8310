/**
 * `GET /manage/v1/user` pages (and a branch's or group's user pages) are built from each user's list item JSON,
 * kept as text from its first serve: these tests serve a user first, change it, and check the next page.
 */
import { describe, expect, it } from "vitest";
import { CREDENTIALS, doceboFixture } from "./fixture.ts";
import type { DoceboUserItem } from "./user-item.ts";

const PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

function fixture(options: Parameters<typeof doceboFixture>[0] = {}) {
  const docebo = doceboFixture(options);
  const page = async (path = "/manage/v1/user?page_size=200") => {
    const res = await docebo.call("GET", path);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/json");
    const text = await res.text();
    const body = JSON.parse(text) as { data: { items: DoceboUserItem[]; count: number } };
    expect(text).toBe(JSON.stringify(body));
    expect(body.data.count).toBe(body.data.items.length);
    return body.data.items;
  };
  const listed = async (id: number, path?: string) =>
    (await page(path)).find((item) => item.user_id === String(id));
  const scimPatch = (id: number, operations: unknown[]) =>
    docebo.app.request(`/scim/v2/Users/${id}`, {
      method: "PATCH",
      headers: { Authorization: `Bearer ${CREDENTIALS.scimToken}`, "Content-Type": "application/scim+json" },
      body: JSON.stringify({ schemas: [PATCH_OP], Operations: operations }),
    });
  return { ...docebo, page, listed, scimPatch };
}

describe("docebo: served user item JSON follows every write", () => {
  it("SCIM PATCH active=false shows the user suspended (status 0) on the next REST page", async () => {
    const { listed, scimPatch } = fixture();
    expect((await listed(102))?.status).toBe("1");
    expect((await scimPatch(102, [{ op: "replace", path: "active", value: false }])).status).toBe(200);
    expect((await listed(102))?.status).toBe("0");
  });

  it("PUT /manage/v1/user/{id} and change_status show on the user list and the branch and group pages", async () => {
    const { call, listed } = fixture();
    const branch = "/manage/v1/orgchart/10/users";
    const group = "/manage/v1/group/1/members";
    expect(await listed(101, branch)).toMatchObject({ first_name: "First101", status: "1" });
    expect(await listed(101, group)).toMatchObject({ first_name: "First101", status: "1" });

    expect(
      (await call("PUT", "/manage/v1/user/101", { firstname: "Renamed", email: "r@acme.test" })).status,
    ).toBe(200);
    const suspend = await call("PUT", "/manage/v1/user/change_status", { user_ids: [101], status: "0" });
    expect(suspend.status).toBe(200);
    const expected = { first_name: "Renamed", email: "r@acme.test", status: "0" };
    expect(await listed(101)).toMatchObject(expected);
    expect(await listed(101, branch)).toMatchObject(expected);
    expect(await listed(101, group)).toMatchObject(expected);
  });

  it("deleting a manager clears manager_id on its reports' items", async () => {
    const { call, listed } = fixture();
    expect((await call("PUT", "/manage/v1/user/102", { manager_id: 101 })).status).toBe(200);
    expect((await listed(102))?.manager_id).toBe("101");
    expect((await call("DELETE", "/manage/v1/user/delete", { user_ids: [101] })).status).toBe(200);
    expect(await listed(101)).toBeUndefined();
    expect((await listed(102))?.manager_id).toBeNull();
  });

  it("page drift: the next page shows exactly the users left, the added ones included", async () => {
    const { page, ctx, state } = fixture({ faults: { driftAdd: 1, driftRemove: 1 } });
    await page("/manage/v1/user?page_size=2");
    ctx.faults.reset();
    const [event] = state.driftLog;
    const items = await page();
    expect(items.map((item) => Number(item.user_id))).toEqual([...state.orderedIds()]);
    expect(items.map((item) => Number(item.user_id))).not.toContain(event!.removed[0]);
    expect(items.find((item) => Number(item.user_id) === event!.added[0])).toBeDefined();
  });
});
