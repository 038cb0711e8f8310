import type { SandboxContext } from "../kit/context.ts";
import type { DoceboDirectory } from "./directory.ts";

/**
 * Page drift (a fault): right after a user list page is served, `driftAdd` new users appear (new ids sort last,
 * so they land on later pages) and `driftRemove` users are deleted — those of the page just served first, which
 * shifts every later user one slot back so a client paging by `page` skips people. The user behind the
 * password-grant credentials is never removed. Each event is kept in `directory.driftLog`.
 */
export function applyUserDrift(
  ctx: SandboxContext,
  directory: DoceboDirectory,
  served: readonly number[],
  page: number,
  keepUsername: string,
): void {
  const { add, remove } = ctx.faults.drift();
  if (add === 0 && remove === 0) return;
  const removable = (id: number) =>
    directory.users.get(id)?.username.toLowerCase() !== keepUsername.toLowerCase();
  const removed: number[] = [];
  for (const candidates of [served, directory.orderedIds()]) {
    if (removed.length >= remove) break;
    for (const id of [...candidates]) {
      if (removed.length >= remove) break;
      if (!removed.includes(id) && removable(id) && directory.deleteUser(id)) removed.push(id);
    }
  }
  const domain = directory.users.values().next().value?.email.split("@")[1] ?? "example.com";
  const added: number[] = [];
  for (let i = 0; i < add; i++) {
    const stamp = `${ctx.clock.now().toString(36)}${directory.driftLog.length}x${i}`;
    const user = directory.createUser({
      username: `drift.${stamp}`,
      first_name: "Drift",
      last_name: stamp,
      email: `drift.${stamp}@${domain}`,
      status: "1",
      level: "user",
      creation_date: ctx.nowIso(),
      last_access_date: null,
      expiration_date: null,
      language: "english",
      manager_id: null,
    });
    added.push(user.user_id);
  }
  directory.driftLog.push({ at: ctx.nowIso(), afterPage: page, added, removed });
}
