import type { ConnectorDescription } from "../contract.ts";

/**
 * What ProofHub's API can do and what it really does. Writes are declared as the app performs them even though
 * roster does not implement them yet (`supported: false`), so plans can already say what a step would mean.
 */
export function describeProofhub(app: string): ConnectorDescription {
  return {
    type: "proofhub",
    app,
    capabilities: {
      listAccounts: {
        supported: true,
        note: "GET people?start=N&limit=100: bare arrays, no total; paged until a short page, de-duplicated by id",
      },
      listGroups: {
        supported: true,
        note: "projects (kind project), people groups (kind group) and account roles (kind role)",
      },
      listGrants: {
        supported: true,
        note: "derived from each person's own projects, groups and role, read by listAccounts: no extra requests",
      },
      getAccount: { supported: true, note: "GET people/{id}; 404 means the person does not exist" },
      createAccount: {
        supported: false,
        reversible: false,
        note: "POST people sends the invitation e-mail immediately; there is no dry run or way to suppress it",
      },
      updateAccount: {
        supported: false,
        reversible: true,
        note: "PUT people/{id} is a full replacement: omitted fields are reset (role → default, suspended → false, projects and groups → none); always read-modify-write",
      },
      disableAccount: {
        supported: false,
        reversible: true,
        note: "suspend = PUT people/{id} with suspended: true, sent as a full read-modify-write record",
      },
      enableAccount: {
        supported: false,
        reversible: true,
        note: "unsuspend = PUT people/{id} with suspended: false, sent as a full read-modify-write record",
      },
      deleteAccount: {
        supported: false,
        reversible: false,
        note: "DELETE people/{id} is permanent and removes the person from every project; deleting the API key's owner kills the key",
      },
      grant: {
        supported: false,
        reversible: true,
        note: "PUT projects/{id} or groups/{id} with the whole `assigned` list (it replaces the members): read-modify-write",
      },
      revoke: {
        supported: false,
        reversible: true,
        note: "PUT projects/{id} or groups/{id} with the whole `assigned` list minus the person: read-modify-write",
      },
    },
    quirks: [
      "Auth is `X-API-KEY: <key>` (not the seed's Bearer); the key acts as the user who created it — if that user is deleted or suspended, every call answers 401",
      "`User-Agent: AppName (email)` is mandatory: without it ProofHub answers 400",
      "Budget 25 requests / 10 s per account and IP (not the seed's 30): paced client-side, 429 Retry-After honoured",
      "Lists page with ?start=N&limit=M (not the seed's ?page=N, which is ignored), at most 100 per request, as a bare array without a total: walked until a short page",
      "Offset paging skips people removed mid-walk: pages are de-duplicated by id and a person missing from the listing is re-checked with GET people/{id} before being marked gone",
      "GET roles has no admin flag: roles named like /admin|owner/i (Owner, Administrator) count as privileged",
      "Invited people carry verified: false until they join (suspended wins over invited)",
      "Timestamps such as 2016-09-19T06:17:22+00:00 are stored as UTC ISO-8601",
    ],
  };
}
