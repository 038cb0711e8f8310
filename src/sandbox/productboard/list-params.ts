import { decodeCursor, type MemberCursor } from "./cursor.ts";
import { PRODUCTBOARD_ROLES, type ProductboardRole } from "./member-table.ts";

export type ListParamsResult = { ok: true; cursor: MemberCursor } | { ok: false; detail: string };

function parseBoolean(params: URLSearchParams, name: string): boolean | string {
  const raw = params.get(name);
  if (raw === null || raw === "") return false;
  const value = raw.toLowerCase();
  if (value === "true") return true;
  if (value === "false") return false;
  return `Parameter '${name}' must be a boolean (true or false), got '${raw}'.`;
}

function isRole(value: string): value is ProductboardRole {
  return (PRODUCTBOARD_ROLES as readonly string[]).includes(value);
}

/**
 * Query string of `GET /v2/members` → where to start and what to filter. `roles[]` repeats for OR
 * (`roles[]=admin&roles[]=maker`); `roles` and comma-separated values are accepted too. With a `pageCursor`
 * the cursor's own filters apply and the other parameters are ignored (the next link carries only the cursor).
 * Unknown parameters are ignored.
 */
export function parseListParams(params: URLSearchParams): ListParamsResult {
  const pageCursor = params.get("pageCursor");
  if (pageCursor !== null && pageCursor !== "") {
    const cursor = decodeCursor(pageCursor);
    if (!cursor) return { ok: false, detail: "Parameter 'pageCursor' is not a valid page cursor." };
    return { ok: true, cursor };
  }

  const roles: ProductboardRole[] = [];
  const rawRoles = [...params.getAll("roles[]"), ...params.getAll("roles")]
    .flatMap((value) => value.split(","))
    .map((value) => value.trim())
    .filter((value) => value !== "");
  for (const role of rawRoles) {
    if (!isRole(role)) {
      return {
        ok: false,
        detail: `Parameter 'roles[]' must be one of ${PRODUCTBOARD_ROLES.join(", ")}, got '${role}'.`,
      };
    }
    if (!roles.includes(role)) roles.push(role);
  }

  const includeDisabled = parseBoolean(params, "includeDisabled");
  if (typeof includeDisabled === "string") return { ok: false, detail: includeDisabled };
  const includeInvited = parseBoolean(params, "includeInvited");
  if (typeof includeInvited === "string") return { ok: false, detail: includeInvited };

  const query = params.get("query")?.trim().toLowerCase();
  return {
    ok: true,
    cursor: {
      afterSeq: 0,
      filter: {
        ...(query ? { query } : {}),
        ...(roles.length > 0 ? { roles } : {}),
        includeDisabled,
        includeInvited,
      },
    },
  };
}
