/**
 * zod schemas of the world files (`world.json`, `apps/<app>.json`, `answer-key.json`), mirroring types.ts. Used by
 * `readWorld`, so a hand-edited or truncated file fails with the file and field named.
 */
import { z } from "zod";
import { FINDING_KINDS } from "../../core/finding.ts";
import { APP_NAMES } from "./types.ts";

const instant = z.iso.datetime({ offset: true });
const nullableInstant = instant.nullable();
const id = z.number().int();

export const WorldMetaSchema = z.object({
  seed: z.number().int().min(0).max(0xffffffff),
  people: z.number().int().min(0),
  asOf: instant,
  company: z.object({ name: z.string(), domains: z.array(z.string().min(1)).min(1) }),
  thresholds: z.object({ staleDays: z.number().positive(), inviteDays: z.number().positive() }),
});

export const AnswerKeyFileSchema = z.object({
  asOf: instant,
  thresholds: z.object({ staleDays: z.number().positive(), inviteDays: z.number().positive() }),
  companyDomains: z.array(z.string().min(1)),
  entries: z.array(
    z
      .object({
        kind: z.enum(FINDING_KINDS),
        app: z.enum(APP_NAMES),
        externalId: z.string().min(1).optional(),
        employeeId: z.string().min(1).optional(),
        note: z.string().optional(),
      })
      .refine((e) => (e.externalId === undefined) !== (e.employeeId === undefined), {
        message: "an entry needs exactly one of externalId and employeeId",
      }),
  ),
});

export const ProductboardStateSchema = z.object({
  credentials: z.object({ restToken: z.string(), restTokenNoPii: z.string(), scimToken: z.string() }),
  members: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      email: z.string(),
      role: z.enum(["admin", "maker", "contributor", "viewer"]),
      disabled: z.boolean(),
      invitationPending: z.boolean(),
      createdAt: instant,
      piiRedacted: z.boolean(),
    }),
  ),
  teams: z.array(z.object({ id: z.string(), name: z.string(), memberIds: z.array(z.string()) })),
});

export const ProductiveStateSchema = z.object({
  credentials: z.object({ token: z.string(), organizationId: z.string() }),
  roles: z.array(z.object({ id, name: z.string(), admin: z.boolean() })),
  people: z.array(
    z.object({
      id: z.string(),
      first_name: z.string(),
      last_name: z.string(),
      email: z.string(),
      role_id: id,
      person_type: z.union([z.literal(1), z.literal(2), z.literal(3)]),
      deactivated_at: nullableInstant,
      archived_at: nullableInstant,
      invited_at: nullableInstant,
      joined_at: nullableInstant,
      last_seen_at: nullableInstant,
      is_user: z.boolean(),
      user_id: id.nullable(),
      title: z.string().nullable(),
      tag_list: z.array(z.string()),
      virtual: z.boolean(),
      placeholder: z.boolean(),
      created_at: instant,
    }),
  ),
  users: z.array(
    z.object({
      id: z.string(),
      email: z.string(),
      first_name: z.string(),
      last_name: z.string(),
      time_zone: z.string().nullable(),
      locale: z.string(),
      sysadmin: z.boolean(),
      two_factor_auth: z.boolean(),
      sso_provision: z.boolean(),
      default_organization_id: id,
      updated_at: instant,
    }),
  ),
});

export const ProofhubStateSchema = z.object({
  credentials: z.object({ apiKey: z.string(), company: z.string() }),
  roles: z.array(z.object({ id, name: z.string(), default: z.boolean(), admin: z.boolean() })),
  people: z.array(
    z.object({
      id,
      first_name: z.string(),
      last_name: z.string(),
      title: z.string().nullable(),
      email: z.string(),
      role: z.object({ id }),
      groups: z.array(id),
      timezone: z.number(),
      language: z.string(),
      suspended: z.boolean(),
      verified: z.boolean(),
      last_active: nullableInstant,
      created_at: instant,
      updated_at: instant,
      projects: z.array(id),
    }),
  ),
  projects: z.array(z.object({ id, title: z.string(), assigned: z.array(id) })),
  groups: z.array(z.object({ id, name: z.string(), assigned: z.array(id) })),
});

const podioRole = z.enum(["admin", "regular", "light"]);
export const PodioStateSchema = z.object({
  credentials: z.object({
    clientId: z.string(),
    clientSecret: z.string(),
    username: z.string(),
    password: z.string(),
    appId: id,
    appToken: z.string(),
  }),
  org: z.object({ org_id: id, name: z.string() }),
  members: z.array(
    z.object({
      user_id: id,
      profile_id: id,
      name: z.string(),
      mail: z.string(),
      mails: z.array(z.string()),
      role: podioRole,
      employee: z.boolean(),
      status: z.enum(["active", "invited", "inactive"]),
      last_seen_on: nullableInstant,
      created_on: instant,
    }),
  ),
  spaces: z.array(
    z.object({
      space_id: id,
      name: z.string(),
      members: z.array(z.object({ user_id: id, role: podioRole })),
    }),
  ),
});

export const DoceboStateSchema = z.object({
  credentials: z.object({
    clientId: z.string(),
    clientSecret: z.string(),
    username: z.string(),
    password: z.string(),
    scimToken: z.string(),
  }),
  users: z.array(
    z.object({
      user_id: id,
      username: z.string(),
      first_name: z.string(),
      last_name: z.string(),
      email: z.string(),
      status: z.enum(["0", "1"]),
      level: z.enum(["godadmin", "poweruser", "user"]),
      creation_date: instant,
      last_access_date: nullableInstant,
      expiration_date: nullableInstant,
      language: z.string(),
      manager_id: id.nullable(),
    }),
  ),
  branches: z.array(
    z.object({ id, code: z.string(), name: z.string(), parent_id: id.nullable(), userIds: z.array(id) }),
  ),
  groups: z.array(
    z.object({ id, name: z.string(), type: z.enum(["static", "dynamic"]), userIds: z.array(id) }),
  ),
});

export const APP_STATE_SCHEMAS = {
  productboard: ProductboardStateSchema,
  productive: ProductiveStateSchema,
  proofhub: ProofhubStateSchema,
  podio: PodioStateSchema,
  docebo: DoceboStateSchema,
} as const;
