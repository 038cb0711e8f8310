import type { MemberRow } from "./member-table.ts";

/** What a token without `members:pii:read` (or a member whose PII the workspace hides) shows instead of PII. */
export const REDACTED = "[redacted]";

/** A member as `GET /v2/members` serves it. */
export interface ProductboardMemberJson {
  id: string;
  type: "member";
  fields: {
    name: string;
    email: string;
    role: MemberRow["role"];
    disabled: boolean;
    invitationPending: boolean;
    /** When the member was added (the seed's data model lists `createdAt`; api-facts' example omits it) [I]. */
    createdAt: string;
  };
}

export function toMemberJson(row: MemberRow, pii: boolean): ProductboardMemberJson {
  const visible = pii && !row.piiRedacted;
  return {
    id: row.id,
    type: "member",
    fields: {
      name: visible ? row.name : REDACTED,
      email: visible ? row.email : REDACTED,
      role: row.role,
      disabled: row.disabled,
      invitationPending: row.invitationPending,
      createdAt: row.createdAt,
    },
  };
}
