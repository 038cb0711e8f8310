import { describe, expect, it } from "vitest";
import { ProductivePerson, ProductiveUser } from "../types.ts";
import { RoleDirectory } from "./roles.ts";
import { productiveStatus, toAccount } from "./to-account.ts";

const person = (attributes: Record<string, unknown>) =>
  ProductivePerson.parse({
    id: "2835",
    type: "people",
    attributes: {
      first_name: "Klara",
      last_name: "Horvat",
      email: "klara@x.com",
      role_id: 1,
      deactivated_at: null,
      archived_at: null,
      invited_at: "2026-01-02T09:00:00.000+01:00",
      joined_at: "2026-01-03T09:00:00.000+01:00",
      last_seen_at: "2026-03-17T05:04:00.843+01:00",
      is_user: true,
      user_id: 2861,
      created_at: "2026-01-02T09:00:00.000+01:00",
      ...attributes,
    },
  });

const user = ProductiveUser.parse({
  id: "2861",
  type: "users",
  attributes: {
    email: "k.horvat@login.example",
    first_name: "Klara",
    last_name: "Horvat",
    intercom_hash: "9d3ffaeb7d89a80f892fcf2397f5597ed5ad4c50d0d89213ba62186fccbd915a",
    ical_token: "secret-calendar-feed",
    sysadmin: false,
    two_factor_auth: true,
  },
});

describe("productive status", () => {
  it("archived, then deactivated, then invited, else active", () => {
    const at = "2026-02-01T00:00:00Z";
    expect(productiveStatus(person({ archived_at: at, deactivated_at: at }))).toBe("archived");
    expect(productiveStatus(person({ archived_at: at }))).toBe("archived");
    expect(productiveStatus(person({ deactivated_at: at, joined_at: null }))).toBe("deactivated");
    expect(productiveStatus(person({ joined_at: null }))).toBe("invited");
    expect(productiveStatus(person({ invited_at: null, joined_at: null }))).toBe("active");
    expect(productiveStatus(person({}))).toBe("active");
  });
});

describe("productive person → account", () => {
  const roles = new RoleDirectory([{ id: 1, name: "Administrator", admin: true }]);

  it("maps names, login e-mail, role, privilege and UTC timestamps; drops the login's own secrets", () => {
    const account = toAccount("productive", person({}), user, roles);
    expect(account).toMatchObject({
      externalId: "2835",
      username: "k.horvat@login.example",
      email: "klara@x.com",
      displayName: "Klara Horvat",
      status: "active",
      roles: ["Administrator"],
      privileged: true,
      lastActivityAt: "2026-03-17T04:04:00.843Z",
      invitedAt: "2026-01-02T08:00:00.000Z",
    });
    const raw = JSON.stringify(account.raw);
    expect(raw).toContain("two_factor_auth");
    expect(raw).not.toContain("secret-calendar-feed");
    expect(raw).not.toContain("intercom_hash");
  });

  it("an unnamed role is its id and not privileged; sysadmin is", () => {
    const sysadmin = ProductiveUser.parse({ ...user, attributes: { ...user.attributes, sysadmin: true } });
    expect(toAccount("p", person({ role_id: 7 }), null, roles)).toMatchObject({
      roles: ["7"],
      privileged: false,
      username: null,
    });
    expect(toAccount("p", person({ role_id: 7 }), sysadmin, roles)).toMatchObject({
      roles: ["7", "sysadmin"],
      privileged: true,
    });
  });
});
