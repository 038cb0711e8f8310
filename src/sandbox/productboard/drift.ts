import type { SandboxContext } from "../kit/context.ts";
import type { MemberRow } from "./member-table.ts";
import type { ProductboardWorkspace } from "./workspace.ts";

/**
 * Page drift after a `GET /v2/members` page: removes `driftRemove` members, preferring the ones just served (a
 * walk that re-reads earlier pages would miss them), and appends `driftAdd` new members as the newest, so they
 * show up on later pages. Every change is recorded in `workspace.drift`.
 */
export function applyPageDrift(
  ctx: SandboxContext,
  workspace: ProductboardWorkspace,
  served: readonly MemberRow[],
) {
  const { add, remove } = ctx.faults.drift();
  let removed = 0;
  for (const row of served) {
    if (removed >= remove) break;
    if (workspace.removeMember(row.id)) {
      workspace.drift.removed.push(row.id);
      removed += 1;
    }
  }
  while (removed < remove && workspace.members.size > 0) {
    const oldest = workspace.members.at(0)!;
    workspace.removeMember(oldest.id);
    workspace.drift.removed.push(oldest.id);
    removed += 1;
  }

  const domain = workspace.members.at(0)?.email.split("@")[1] ?? "example.com";
  for (let i = 0; i < add; i++) {
    let n = workspace.drift.added.length + 1;
    while (workspace.members.findByEmail(`drift.member.${n}@${domain}`).length > 0) n += 1;
    const id = workspace.newId();
    workspace.members.insert({
      id,
      name: `Drift Member ${n}`,
      email: `drift.member.${n}@${domain}`,
      role: "contributor",
      disabled: false,
      invitationPending: false,
      createdAt: ctx.nowIso(),
      piiRedacted: false,
    });
    workspace.drift.added.push(id);
  }
}
