import type { DoceboUser } from "../world/types.ts";
import type { DoceboDirectory } from "./directory.ts";

/**
 * How the `/manage/v1` surface prints a user. The platform is PHP over MySQL and returns row values as strings:
 * `user_id` and `manager_id` are strings in list and detail items (while write answers carry numeric ids), dates
 * are `YYYY-MM-DD HH:MM:SS` in UTC and `expiration_date` is a bare `YYYY-MM-DD`.
 */
export interface DoceboUserItem {
  user_id: string;
  username: string;
  first_name: string;
  last_name: string;
  email: string;
  status: "0" | "1";
  level: DoceboUser["level"];
  expiration_date: string | null;
  creation_date: string | null;
  last_access_date: string | null;
  language: string;
  manager_id: string | null;
}

const UTC_ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z$/;

/** `2026-03-01T09:30:00.000Z` → `2026-03-01 09:30:00` (values that are not dates pass through). */
export function doceboDateTime(iso: string | null): string | null {
  if (iso === null) return null;
  if (UTC_ISO.test(iso)) return `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? iso : new Date(ms).toISOString().slice(0, 19).replace("T", " ");
}

export function doceboDate(iso: string | null): string | null {
  return doceboDateTime(iso)?.slice(0, 10) ?? null;
}

export function userItem(user: DoceboUser): DoceboUserItem {
  return {
    user_id: String(user.user_id),
    username: user.username,
    first_name: user.first_name,
    last_name: user.last_name,
    email: user.email,
    status: user.status,
    level: user.level,
    expiration_date: doceboDate(user.expiration_date),
    creation_date: doceboDateTime(user.creation_date),
    last_access_date: doceboDateTime(user.last_access_date),
    language: user.language,
    manager_id: user.manager_id === null ? null : String(user.manager_id),
  };
}

/** `GET /manage/v1/user/{id}`: the row under `user_data`, plus the branches the user belongs to [I]. */
export function userDetail(directory: DoceboDirectory, user: DoceboUser) {
  return {
    user_data: userItem(user),
    branches: directory.branchesOf(user.user_id).map((b) => ({ id: b.id, code: b.code, name: b.name })),
  };
}
