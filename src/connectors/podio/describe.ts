import type { ConnectorDescription } from "../contract.ts";

/**
 * What Podio's API can do and what it really does. Writes are declared as the app performs them although roster
 * does not implement them yet (`supported: false`), so plans can already say what a step would mean.
 */
export function describePodio(app: string): ConnectorDescription {
  return {
    type: "podio",
    app,
    capabilities: {
      listAccounts: {
        supported: true,
        note: "GET /org/{org_id}/member/?sort_by=name&limit=100&offset=N (org admins only, invited and inactive members included): bare arrays, no total; paged until a short page, de-duplicated by user_id",
      },
      listGroups: { supported: true, note: "the org's spaces, GET /org/{org_id}/space/ (kind space)" },
      listGrants: {
        supported: true,
        note: "space memberships with the space role (admin, regular, light), one GET /space/{id}/member/ per space; a resumable nested walk (spaces → members)",
      },
      getAccount: {
        supported: true,
        note: "GET /org/{org_id}/member/{user_id}; 404 means the user is no longer in the org",
      },
      createAccount: {
        supported: false,
        reversible: false,
        note: "Podio has no API that creates an account: the only way in is an e-mail invitation to a space (POST /space/{id}/member/ with mails), which sends the invitation at once",
      },
      updateAccount: {
        supported: false,
        reversible: true,
        note: "profile updates (PUT /user/profile/) need the target user's own token: an admin cannot change another user's profile",
      },
      disableAccount: {
        supported: false,
        note: "no documented API deactivates a member short of removing them from the org (deleteAccount)",
      },
      enableAccount: { supported: false, note: "no documented API reactivates an inactive member" },
      deleteAccount: {
        supported: false,
        reversible: false,
        note: "DELETE /org/{org_id}/member/{user_id} ends the org membership and every space membership in the org; irreversible through the API (a re-invite by mail brings the account back as invited, without its spaces); the last admin cannot be removed (403); counts against the 250/h budget",
      },
      grant: {
        supported: false,
        reversible: true,
        note: "POST /space/{id}/member/ {role, users:[ids]} for org members (mails invite); counts against the 250/h budget",
      },
      revoke: {
        supported: false,
        reversible: true,
        note: "DELETE /space/{id}/member/{user_ids}; ids not in the space are ignored",
      },
    },
    quirks: [
      "Every call carries `Authorization: OAuth2 <token>` (Podio's scheme, not Bearer); tokens come from POST /oauth/token (form, as the official SDKs send it) or /oauth/token/v2 (JSON)",
      "Access tokens last 8 h and always come with a refresh token, which rotates: renewed shortly before expiry and once on a 401 invalid_token / expired_token, single-flight, always with the newest refresh token",
      "Only a user token of an org admin (password grant) reads members: app-grant tokens get 403 on every org and space member endpoint, reported as such and nothing is marked gone",
      "The API is served at the origin root (https://api.podio.com): the official JS SDK drops any path",
      "Rate limit is 420 (not 429) with `Please wait N seconds` in the body and X-Rate-Limit-Limit/Remaining headers, Retry-After not guaranteed: 1,000 calls/h per user and client id (250/h for operations marked rate-limited), paced client-side",
      "The org member list is a bare array without a total and `limit` over 100 is a 400: paged with limit=100 until a short page",
      "Offset paging skips members removed mid-walk and repeats members added before the offset: pages are de-duplicated by user_id, sorted by name (stable, unlike last_seen_on), and a member missing from the listing is re-checked with GET /org/{org_id}/member/{user_id} before it is marked gone",
      "Timestamps are `YYYY-MM-DD HH:MM:SS` in UTC without a zone: stored as ISO-8601",
      "Status lives on `user.status`: invited (has not accepted) → invited, inactive → deactivated, else active; privileged = org role admin",
    ],
  };
}
