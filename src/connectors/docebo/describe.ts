import type { ConnectorDescription } from "../contract.ts";

/**
 * What Docebo's API can do and what it really does. Writes are declared as the platform performs them even though
 * roster does not implement them yet (`supported: false`), so plans can already say what a step would mean.
 */
export function describeDocebo(app: string): ConnectorDescription {
  return {
    type: "docebo",
    app,
    capabilities: {
      listAccounts: {
        supported: true,
        note: "GET /manage/v1/user?page=N&page_size=200 while has_more_data (no get_total_count); suspended users included",
      },
      listGroups: {
        supported: true,
        note: "branches from GET /manage/v1/orgchart (kind branch, parent from parent_id) and groups from GET /manage/v1/group (kind group, dynamic from type)",
      },
      listGrants: {
        supported: true,
        note: "GET /manage/v1/orgchart/{id}/users per branch and GET /manage/v1/group/{id}/members per group (skipped when members_count is 0); dynamic-group memberships are derived grants",
      },
      getAccount: {
        supported: true,
        note: "GET /manage/v1/user/{id} (the row under data.user_data); 404 means the user does not exist",
      },
      createAccount: {
        supported: false,
        reversible: true,
        note: "POST /manage/v1/user takes the request names userid, firstname, lastname (the response says username, first_name, last_name), plus email, password, level, valid; with send_notification_email the welcome e-mail goes out at once",
      },
      updateAccount: {
        supported: false,
        reversible: true,
        note: "PUT (or PATCH) /manage/v1/user/{id} is a partial update despite the verb; manager_id is set here, never over SCIM",
      },
      disableAccount: {
        supported: false,
        reversible: true,
        note: 'suspend = PUT /manage/v1/user/change_status {"status":"0","user_ids":[...]}; a batch endpoint (never run two at once)',
      },
      enableAccount: {
        supported: false,
        reversible: true,
        note: 'activate = PUT /manage/v1/user/change_status {"status":"1","user_ids":[...]}',
      },
      deleteAccount: {
        supported: false,
        reversible: false,
        note: 'DELETE /manage/v1/user/delete with a JSON body {"user_ids":[...]} removes the user for good (api-facts); the seed guide calls it a soft delete (status=deleted) — roster treats it as irreversible and suspends first',
      },
      grant: {
        supported: false,
        reversible: true,
        note: "static groups: POST /manage/v1/group/{id}/members {user_ids}; branches: POST /manage/v1/orgchart/assign_users; dynamic (rule-based) groups reject enrollment",
      },
      revoke: {
        supported: false,
        reversible: true,
        note: "static groups: DELETE /manage/v1/group/{id}/members {user_ids}; dynamic groups reject removal (change the rule instead); no branch unassign endpoint is documented",
      },
    },
    quirks: [
      "Paths are /manage/v1/... on the platform URL, not the seed guide's /api/v1/manage/v1/... (404)",
      "OAuth2 POST /oauth2/token (form, scope=api): client_credentials, or the password grant when username and password are configured; the 3,600 s token is cached, renewed before expiry and once after a 401",
      'Ids are strings in list and detail items ("user_id":"12345") and numbers in write answers: both accepted',
      "Dates are YYYY-MM-DD HH:MM:SS in UTC without a zone: read as UTC and stored as ISO-8601",
      'status "1" is active, "0" suspended; there is no invited state; levels godadmin and poweruser count as privileged',
      "Rate limits are contractual (1,000 requests / hour assumed, overridable with rateLimit) and 429s carry no Retry-After: paced client-side, 429 and 503 backed off blindly",
      "Page paging by page number skips users deleted mid-walk: pages are de-duplicated by id and a user missing from the listing is re-checked with GET /manage/v1/user/{id} before being marked gone",
      "Dynamic groups are rule-based: their memberships are derived grants, never revoked directly; SCIM cannot set manager or branch (a REST call must follow)",
      "Groups whose list item says members_count 0 cost no member request; every branch costs at least one (orgchart items carry no member count)",
    ],
  };
}
