/**
 * Raw SCIM 2.0 payloads (RFC 7643 §4 User / Group, §5 ServiceProviderConfig) as any SCIM server sends them.
 * Only `id` is required: the rest is optional and tolerant of the usual deviations (ids as numbers, booleans as
 * `"True"`, Entra's `manager` as a plain string), so one odd attribute does not fail a whole listing. Objects are
 * loose: `raw` keeps every attribute the server sent.
 */
import { z } from "zod";

export const ENTERPRISE_USER_URN = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

/** Ids are strings per RFC 7643 §3.1; a few servers send numbers. */
const ScimId = z.union([z.string().min(1), z.number()]).transform(String);

/** `true`, or `"True"` / `"true"` from servers that stringify booleans (Entra-style). */
const ScimBoolean = z.union([z.boolean(), z.string()]);

const Text = z.string().nullish();

/** One entry of a multi-valued attribute (`emails`, `roles`, ...). */
export const ScimMultiValue = z.looseObject({
  value: z.union([z.string(), z.number(), z.boolean()]).nullish(),
  type: Text,
  primary: ScimBoolean.nullish(),
  display: Text,
});
export type ScimMultiValue = z.output<typeof ScimMultiValue>;

export const ScimMeta = z.looseObject({
  resourceType: Text,
  created: Text,
  lastModified: Text,
  version: Text,
});

export const ScimName = z.looseObject({
  formatted: Text,
  givenName: Text,
  familyName: Text,
  middleName: Text,
});

/** RFC 7643 §4.3 enterprise extension; `manager` is a plain string on Entra. */
export const ScimEnterpriseUser = z.looseObject({
  employeeNumber: Text,
  costCenter: Text,
  organization: Text,
  division: Text,
  department: Text,
  manager: z.union([z.string(), z.looseObject({ value: Text, displayName: Text, $ref: Text })]).nullish(),
});
export type ScimEnterpriseUser = z.output<typeof ScimEnterpriseUser>;

/** RFC 7643 §4.1 User. */
export const ScimUser = z.looseObject({
  id: ScimId,
  externalId: Text,
  userName: Text,
  name: ScimName.nullish(),
  displayName: Text,
  nickName: Text,
  title: Text,
  userType: Text,
  active: ScimBoolean.nullish(),
  emails: z.array(ScimMultiValue).nullish(),
  roles: z.array(ScimMultiValue).nullish(),
  groups: z.array(ScimMultiValue).nullish(),
  [ENTERPRISE_USER_URN]: ScimEnterpriseUser.nullish(),
  meta: ScimMeta.nullish(),
});
export type ScimUser = z.output<typeof ScimUser>;

/** A Group member: a User (or, on servers with nested groups, a Group — `type` says which). */
export const ScimMember = z.looseObject({
  value: ScimId,
  type: Text,
  display: Text,
  $ref: Text,
});
export type ScimMember = z.output<typeof ScimMember>;

/** RFC 7643 §4.2 Group. */
export const ScimGroup = z.looseObject({
  id: ScimId,
  externalId: Text,
  displayName: Text,
  members: z.array(ScimMember).nullish(),
  meta: ScimMeta.nullish(),
});
export type ScimGroup = z.output<typeof ScimGroup>;

/** RFC 7643 §5: only what the reader uses. */
export const ScimServiceProviderConfig = z.looseObject({
  filter: z
    .looseObject({
      supported: ScimBoolean.nullish(),
      maxResults: z.union([z.number(), z.string()]).nullish(),
    })
    .nullish(),
});
export type ScimServiceProviderConfig = z.output<typeof ScimServiceProviderConfig>;
