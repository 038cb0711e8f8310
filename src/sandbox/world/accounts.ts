/**
 * The reference reading of each app's state as accounts: the status mapping, activity field, invite age and
 * privilege rule roster uses for these apps (docs/world.md lists the same table). The answer key is consistent
 * with this reading; the summary and the tests use it.
 */
import type { AccountStatus } from "../../core/account.ts";
import type { AppName, World } from "./types.ts";

export interface WorldAccount {
  app: AppName;
  externalId: string;
  /** The address as the app stores it (untrimmed, original case). */
  email: string;
  status: AccountStatus;
  privileged: boolean;
  /** Last activity, for apps that report it; `activityTracked` says whether they do. */
  lastActivityAt: string | null;
  activityTracked: boolean;
  createdAt: string;
  /** Instant invite age is measured from (only meaningful while `status` is `invited`). */
  invitedAt: string | null;
  /** Productboard: name and e-mail read as "[redacted]" through the REST token. */
  redacted: boolean;
}

export function appAccounts(world: World, app: AppName): WorldAccount[] {
  switch (app) {
    case "productboard":
      return world.apps.productboard.members.map((m) => ({
        app,
        externalId: m.id,
        email: m.email,
        status: m.disabled ? "deactivated" : m.invitationPending ? "invited" : "active",
        privileged: m.role === "admin",
        lastActivityAt: null,
        activityTracked: false,
        createdAt: m.createdAt,
        invitedAt: m.createdAt,
        redacted: m.piiRedacted,
      }));
    case "productive": {
      const admin = new Set(world.apps.productive.roles.filter((r) => r.admin).map((r) => r.id));
      return world.apps.productive.people
        .filter((p) => p.person_type === 1)
        .map((p) => ({
          app,
          externalId: p.id,
          email: p.email,
          status:
            p.archived_at !== null
              ? "archived"
              : p.deactivated_at !== null
                ? "deactivated"
                : p.invited_at !== null && p.joined_at === null
                  ? "invited"
                  : "active",
          privileged: admin.has(p.role_id),
          lastActivityAt: p.last_seen_at,
          activityTracked: true,
          createdAt: p.created_at,
          invitedAt: p.invited_at,
          redacted: false,
        }));
    }
    case "proofhub": {
      const admin = new Set(world.apps.proofhub.roles.filter((r) => r.admin).map((r) => r.id));
      return world.apps.proofhub.people.map((p) => ({
        app,
        externalId: String(p.id),
        email: p.email,
        status: p.suspended ? "suspended" : p.verified ? "active" : "invited",
        privileged: admin.has(p.role.id),
        lastActivityAt: p.last_active,
        activityTracked: true,
        createdAt: p.created_at,
        invitedAt: p.created_at,
        redacted: false,
      }));
    }
    case "podio":
      return world.apps.podio.members.map((m) => ({
        app,
        externalId: String(m.user_id),
        email: m.mail,
        status: m.status === "invited" ? "invited" : m.status === "inactive" ? "deactivated" : "active",
        privileged: m.role === "admin",
        lastActivityAt: m.last_seen_on,
        activityTracked: true,
        createdAt: m.created_on,
        invitedAt: m.created_on,
        redacted: false,
      }));
    case "docebo":
      return world.apps.docebo.users.map((u) => ({
        app,
        externalId: String(u.user_id),
        email: u.email,
        status: u.status === "0" ? "suspended" : "active",
        privileged: u.level === "godadmin" || u.level === "poweruser",
        lastActivityAt: u.last_access_date,
        activityTracked: true,
        createdAt: u.creation_date,
        invitedAt: null,
        redacted: false,
      }));
  }
}
