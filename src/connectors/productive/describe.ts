import type { ConnectorDescription } from "../contract.ts";

/**
 * What Productive's API can do and what it really does. Writes are declared as the app performs them even though
 * roster does not implement them yet (`supported: false`), so plans can already say what a step would mean.
 */
export function describeProductive(app: string): ConnectorDescription {
  return {
    type: "productive",
    app,
    capabilities: {
      listAccounts: {
        supported: true,
        note: "GET /people?filter[person_type]=1&filter[status]=1,2, 200 a page until meta.total_pages, joined in memory with GET /users (logins)",
      },
      listGroups: {
        supported: true,
        note: "roles (kind role): the configured role table plus any role id people hold; no requests",
      },
      listGrants: {
        supported: true,
        note: "person → role, derived from each person's role_id read by listAccounts: no extra requests",
      },
      getAccount: {
        supported: true,
        note: "GET /people/{id}; 404 or a person who is not a user (contact, placeholder) means no account",
      },
      createAccount: {
        supported: false,
        reversible: true,
        note: "POST /people with person_type 1 creates the person invited and sends the invitation e-mail at once (no dry run); PATCH /people/{id}/invite and /resend send it again",
      },
      updateAccount: {
        supported: false,
        reversible: true,
        note: "PATCH /people/{id} (partial) with Content-Type application/vnd.api+json; role via role_id",
      },
      disableAccount: {
        supported: false,
        reversible: true,
        note: "PATCH /people/{id}/deactivate (removes access, keeps data; undo with /activate) or /archive (blocks login; undo with /restore). Never deactivate or archive the token's owner: that kills the token",
      },
      enableAccount: {
        supported: false,
        reversible: true,
        note: "PATCH /people/{id}/activate (an archived person must be restored with /restore first)",
      },
      deleteAccount: {
        supported: false,
        reversible: false,
        note: "Productive has no DELETE for people or users: deactivate or archive instead (both reversible)",
      },
      grant: {
        supported: false,
        reversible: true,
        note: "a role is changed with PATCH /people/{id} {role_id}; a person holds exactly one role",
      },
      revoke: {
        supported: false,
        reversible: true,
        note: "a role cannot be removed, only replaced by another (PATCH /people/{id} {role_id})",
      },
    },
    quirks: [
      "Auth is `X-Auth-Token: <token>` plus `X-Organization-Id: <id>`; personal tokens never expire, but deactivating (or archiving) the token's owner kills the token for good — never deactivate the token owner",
      "Writes without `Content-Type: application/vnd.api+json` get 415; every request sends it",
      "Budget 100 requests / 10 s and 4,000 / 30 min per token: both windows paced client-side, 429 Retry-After honoured",
      "Only people with person_type 1 are accounts (contacts and placeholders are not); the listing asks for filter[status]=1,2 so deactivated people are never mistaken for deleted ones",
      "Status: archived_at → archived, deactivated_at → deactivated, invited_at without joined_at → invited, else active; archiving is independent of deactivation",
      "Page-number paging (page[size] max 200) skips records removed mid-walk: pages are de-duplicated by id and a person missing from the listing is re-checked with GET /people/{id} before being marked gone",
      "A single person's payload has no person_type: getAccount confirms a non-login person with filter[person_type]=1&filter[email]=",
      "People carry only role_id and no roles endpoint is documented: role names and the admin flag come from the config's `roles`; an unnamed role shows as its id",
      "The login (`/users`, linked by user_id) can have another e-mail than the person: it is the account's username; users.sysadmin counts as privileged",
      "No DELETE anywhere: removal means deactivate or archive, both reversible",
      "Timestamps with offsets (2026-03-17T05:04:00.843+01:00) are stored as UTC ISO-8601",
    ],
  };
}
