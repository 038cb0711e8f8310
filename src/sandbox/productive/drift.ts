import type { EndpointContext } from "./endpoint-context.ts";
import type { ProductiveStore } from "./store.ts";

/**
 * Page drift (fault): after a list page is served, other admins "change" the collection. Removed records are
 * taken from the end of what the client has already been served, so every later page shifts left and page-number
 * paging silently skips records; added records get new highest ids and show up on the last pages.
 */
export function applyDrift(
  { ctx, store }: EndpointContext,
  collection: "people" | "users",
  listed: readonly string[],
  servedEnd: number,
): void {
  const { add, remove } = ctx.faults.drift();
  if (add === 0 && remove === 0) return;
  const start = Math.max(0, servedEnd - remove);
  const removed = listed.slice(start, servedEnd);
  removed.push(...listed.slice(servedEnd, servedEnd + remove - removed.length));
  for (const id of removed) {
    if (collection === "people") store.removePerson(id);
    else store.removeUser(id);
  }
  const added: string[] = [];
  for (let i = 0; i < add; i++) {
    const user = newUser(store, ctx.nowIso(), `drift-${store.drift.length + 1}-${i + 1}`);
    added.push(collection === "people" ? newPerson(store, Number(user.id)).id : user.id);
  }
  store.drift.push({ at: ctx.nowIso(), collection, added, removed });
}

function newUser(store: ProductiveStore, now: string, handle: string) {
  return store.createUser({
    email: `${handle}@${store.emailDomain}`,
    first_name: "Drift",
    last_name: handle,
    time_zone: null,
    locale: "en_US",
    sysadmin: false,
    two_factor_auth: false,
    sso_provision: false,
    default_organization_id: Number(store.organizationId) || 0,
    updated_at: now,
  });
}

/** A person who joined while the client was paging (with the user created just before). */
function newPerson(store: ProductiveStore, userId: number) {
  const user = store.user(String(userId))!;
  return store.createPerson({
    first_name: user.first_name,
    last_name: user.last_name,
    email: user.email,
    role_id: store.defaultRoleId(),
    person_type: 1,
    deactivated_at: null,
    archived_at: null,
    invited_at: user.updated_at,
    joined_at: user.updated_at,
    last_seen_at: null,
    is_user: true,
    user_id: userId,
    title: null,
    tag_list: [],
    virtual: false,
    placeholder: false,
    created_at: user.updated_at,
  });
}
