/**
 * `roster.yaml`: the app instances to read, the store, the company and the thresholds. Every key is documented in
 * docs/config.md. Credentials are written as `${ENV_VAR}` references and resolved at load time.
 */
import { z } from "zod";

const url = z.url({ message: "expected an absolute URL such as https://api.example.com" });
const secret = z.string().min(1, "expected a non-empty secret (write it as ${ENV_VAR})");

/** A rate-limit budget that overrides the app's known one (e.g. a contract with a higher Docebo limit). */
const RateWindowConfig = z
  .object({ limit: z.number().int().positive(), windowMs: z.number().int().positive() })
  .strict();
const Common = {
  baseUrl: url,
  rateLimit: z.array(RateWindowConfig).min(1).optional(),
  /** Requests in flight at once for this app. */
  concurrency: z.number().int().min(1).max(32).optional(),
  timeoutMs: z.number().int().positive().optional(),
  /** Fraction (0–1) by which a listing may shrink versus the last sync before it is treated as suspicious. */
  dropThreshold: z.number().min(0).max(1).optional(),
};

export const ProductboardConfig = z
  .object({
    type: z.literal("productboard"),
    ...Common,
    /** `rest` reads /v2/members with the REST token; `scim` reads /scim/v2 with the SCIM token. */
    mode: z.enum(["rest", "scim"]).default("rest"),
    token: secret.optional(),
    scimToken: secret.optional(),
  })
  .strict()
  .refine((c) => (c.mode === "rest" ? c.token : c.scimToken), {
    message:
      "mode rest needs `token` (the REST API token); mode scim needs `scimToken` (the separate SCIM token)",
  });

export const ProductiveConfig = z
  .object({
    type: z.literal("productive"),
    ...Common,
    token: secret,
    organizationId: z.coerce.string().min(1),
    /**
     * The organization's roles (Settings → Roles): Productive people carry only a `role_id` and the API documents
     * no endpoint listing role definitions, so names and the admin flag come from here. Optional: without it
     * accounts show the bare role id and are privileged only as Productive sysadmins.
     */
    roles: z
      .array(
        z
          .object({
            id: z.union([z.number().int(), z.string().regex(/^\d+$/)]),
            name: z.string().min(1),
            admin: z.boolean().default(false),
          })
          .strict(),
      )
      .optional(),
  })
  .strict();

export const ProofhubConfig = z
  .object({
    type: z.literal("proofhub"),
    ...Common,
    apiKey: secret,
    /** ProofHub refuses requests without `User-Agent: AppName (email)`. */
    userAgent: z.string().regex(/^.+ \(.+@.+\)$/, "expected `AppName (contact@example.com)`"),
  })
  .strict();

export const PodioConfig = z
  .object({
    type: z.literal("podio"),
    ...Common,
    orgId: z.coerce.number().int().positive(),
    clientId: z.string().min(1),
    clientSecret: secret,
    /** Password grant (an org admin's login) ... */
    username: z.string().optional(),
    password: secret.optional(),
    /** ... or app grant. */
    appId: z.coerce.number().int().positive().optional(),
    appToken: secret.optional(),
  })
  .strict()
  .refine((c) => (c.username && c.password) || (c.appId && c.appToken), {
    message: "give `username` + `password` (password grant) or `appId` + `appToken` (app grant)",
  });

export const DoceboConfig = z
  .object({
    type: z.literal("docebo"),
    ...Common,
    clientId: z.string().min(1),
    clientSecret: secret,
    /** Optional password grant; client_credentials otherwise. */
    username: z.string().optional(),
    password: secret.optional(),
  })
  .strict();

export const ScimConfig = z.object({ type: z.literal("scim"), ...Common, token: secret }).strict();

export const AppConfig = z.discriminatedUnion("type", [
  ProductboardConfig,
  ProductiveConfig,
  ProofhubConfig,
  PodioConfig,
  DoceboConfig,
  ScimConfig,
]);
export type AppConfig = z.infer<typeof AppConfig>;
export type AppType = AppConfig["type"];

export const HrColumns = z
  .object({
    employeeId: z.string(),
    email: z.string(),
    aliases: z.string(),
    firstName: z.string(),
    lastName: z.string(),
    department: z.string(),
    title: z.string(),
    managerId: z.string(),
    status: z.string(),
    startDate: z.string(),
    endDate: z.string(),
  })
  .partial()
  .strict();

export const RosterConfig = z
  .object({
    company: z
      .object({
        name: z.string().default("Company"),
        /** E-mail domains that belong to the company; any other domain is external. */
        domains: z.array(z.string().min(1)).default([]),
      })
      .strict()
      .default({ name: "Company", domains: [] }),
    store: z
      .object({
        /** SQLite file used when DATABASE_URL is not set. Relative to the config file. */
        sqlite: z.string().default(".roster/roster.db"),
      })
      .strict()
      .default({ sqlite: ".roster/roster.db" }),
    sync: z
      .object({ dropThreshold: z.number().min(0).max(1).default(0.5) })
      .strict()
      .default({ dropThreshold: 0.5 }),
    hr: z
      .object({
        path: z.string(),
        format: z.enum(["csv", "json"]).optional(),
        columns: HrColumns.optional(),
        /** CSV `app,external_id,employee_id`: accounts whose holder no address tells (the `id-map` matcher). */
        idMap: z.string().optional(),
      })
      .strict()
      .optional(),
    findings: z
      .object({
        staleDays: z.number().int().positive().default(90),
        inviteDays: z.number().int().positive().default(30),
        /** Override the admin-like roles per app name. */
        privilegedRoles: z.record(z.string(), z.array(z.string())).optional(),
        /** Keep the findings of this many latest analyses (at least 2: a report compares with the one before). */
        keepAnalyses: z.number().int().min(2).optional(),
      })
      .strict()
      .default({ staleDays: 90, inviteDays: 30 }),
    apps: z.record(
      z.string().regex(/^[a-z][a-z0-9-]*$/, "app names are lower-case letters, digits and -"),
      AppConfig,
    ),
  })
  .strict();
export type RosterConfig = z.infer<typeof RosterConfig>;

/** Keys whose values are secrets: never printed, logged or stored. */
export const SECRET_KEYS = new Set(["token", "scimToken", "apiKey", "clientSecret", "password", "appToken"]);
