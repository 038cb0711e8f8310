import type { ProductivePerson, ProductiveUser } from "../world/types.ts";

/** A person as `GET /api/v2/people/{id}` returns it (api-facts.md): attributes plus the organization link. */
export function personResource(person: Readonly<ProductivePerson>, organizationId: string) {
  return {
    id: person.id,
    type: "people",
    attributes: {
      first_name: person.first_name,
      last_name: person.last_name,
      email: person.email,
      role_id: person.role_id,
      deactivated_at: person.deactivated_at,
      archived_at: person.archived_at,
      invited_at: person.invited_at,
      joined_at: person.joined_at,
      last_seen_at: person.last_seen_at,
      is_user: person.is_user,
      user_id: person.user_id,
      title: person.title,
      tag_list: person.tag_list,
      virtual: person.virtual,
      placeholder: person.placeholder,
      created_at: person.created_at,
    },
    relationships: { organization: { data: { type: "organizations", id: organizationId } } },
  };
}

/**
 * A user as the official users doc page (seed 001) shows it, attribute for attribute and in that order. Fields
 * the world does not model get the doc's values (`flags: {}`, `ical_token: null`, ...); the slug follows the doc's
 * `<id>-organization<id>` pattern and `intercom_hash` is a stable 64-hex-digit stand-in derived from the user id.
 */
export function userResource(user: Readonly<ProductiveUser>) {
  return {
    id: user.id,
    type: "users",
    attributes: {
      updated_at: user.updated_at,
      email: user.email,
      first_name: user.first_name,
      last_name: user.last_name,
      time_zone: user.time_zone,
      avatar_url: null,
      default_organization_id: user.default_organization_id,
      default_organization_slug: `${user.default_organization_id}-organization${user.default_organization_id}`,
      intercom_hash: stableHex(user.id),
      flags: {},
      newsletter_consent: false,
      newsletter_consent_at: null,
      ical_token: null,
      preferences: null,
      sysadmin: user.sysadmin,
      sysadmin_permissions: [],
      two_factor_auth: user.two_factor_auth,
      sso_provision: user.sso_provision,
      account_access_expires_at: null,
      locale: user.locale,
    },
  };
}

/** 64 hex digits derived from `input` (FNV-1a rounds): shaped like the real HMAC, far cheaper per request. */
function stableHex(input: string): string {
  let hex = "";
  let hash = 0x811c9dc5;
  for (let round = 0; round < 8; round++) {
    hash = Math.imul(hash ^ (round + 1), 0x01000193);
    for (let i = 0; i < input.length; i++) hash = Math.imul(hash ^ input.charCodeAt(i), 0x01000193);
    hex += (hash >>> 0).toString(16).padStart(8, "0");
  }
  return hex;
}
