/**
 * Page drift, the trap of Podio's offset paging: after each org member page is served the org changes as the
 * fault settings say. New members are added with names and last-seen times that sort after everyone (so they show
 * up on later pages), and members on the page just served are removed (everyone behind them shifts forward, so the
 * next offset skips that many people). Admins are never drifted away, so the caller keeps its access.
 */
import type { SandboxContext } from "../kit/context.ts";
import type { MemberRecord } from "./member-record.ts";
import type { PodioStore } from "./store.ts";

export function applyDrift(
  ctx: SandboxContext,
  store: PodioStore,
  served: readonly MemberRecord[],
  page: { path: string; offset: number },
): void {
  const { add, remove } = ctx.faults.drift();
  if (add === 0 && remove === 0) return;
  const now = ctx.clock.now();
  const added: number[] = [];
  const round = store.drift.length + 1;
  for (let i = 1; i <= add; i += 1) {
    const n = `${round}-${i}`;
    const member = store.addMember({
      name: `Zz Drift Joiner ${n}`,
      mail: `drift.joiner.${n}@${store.domain || "example.com"}`,
      role: "regular",
      employee: true,
      status: "active",
      lastSeenMs: now,
      createdMs: now,
    });
    added.push(member.user_id);
  }
  const removed: number[] = [];
  for (const member of served) {
    if (removed.length >= remove) break;
    if (member.role === "admin" || !store.member(member.user_id)) continue;
    store.removeMember(member.user_id);
    removed.push(member.user_id);
  }
  store.drift.push({
    at: ctx.nowIso(),
    after: { path: page.path, offset: page.offset, returned: served.length },
    added,
    removed,
  });
}
