/**
 * The nested walk spaces → members, baton-style: its position is a serializable stack of frames, one per level,
 * handed out as an opaque token after every page so a walk can continue where it stopped (after a crash, or in a
 * later run) instead of starting over.
 *
 *   [{ level: "spaces", after: <last space id finished> }, { level: "members", space_id, offset }?]
 *
 * Spaces are walked in `space_id` order, so "after" stays meaningful when spaces are added or removed between the
 * two halves of a resumed walk. Members come from `GET /space/{id}/member/` — the whole space in one request, which
 * is the fewest requests that is still complete — or, with `spaceMemberPageSize`, from the paged
 * `GET /space/{id}/member/v2/` (then the members frame's offset moves page by page). Up to `prefetch` spaces are
 * fetched ahead while earlier ones are handed out, but pages always come out in order, so every token describes a
 * prefix of the walk.
 */
import { z } from "zod";
import type { PodioApi } from "./client.ts";
import type { PodioSpace, PodioSpaceMember } from "./types.ts";

const SpacesFrame = z.object({ level: z.literal("spaces"), after: z.number().int().nullable() });
const MembersFrame = z.object({
  level: z.literal("members"),
  space_id: z.number().int(),
  offset: z.number().int().min(0),
});
const WalkState = z.object({
  kind: z.literal("podio-space-members"),
  stack: z.union([z.tuple([SpacesFrame]), z.tuple([SpacesFrame, MembersFrame])]),
});
type WalkState = z.infer<typeof WalkState>;

export interface SpaceMembersPage {
  space: PodioSpace;
  /** Members on this page, de-duplicated by user id within the space. */
  members: PodioSpaceMember[];
  /**
   * Opaque: pass as `resume` to continue after this page. Absent after the last page of the walk (when the last
   * spaces vanish mid-walk, the page before them keeps a token that resumes to nothing).
   */
  resume?: string;
}

export interface SpaceWalkOptions {
  /** The org's spaces, when a listing in this pass already fetched them (saves a request). */
  spaces?: readonly PodioSpace[];
  /** A `SpaceMembersPage.resume` of an earlier walk. */
  resume?: string;
  /** Spaces fetched ahead of the one being handed out. Default 1 (sequential). */
  prefetch?: number;
}

export function encodeWalkState(state: WalkState): string {
  return Buffer.from(JSON.stringify(state)).toString("base64url");
}

export function decodeWalkState(token: string): WalkState {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(token, "base64url").toString("utf8"));
  } catch {
    decoded = undefined;
  }
  const parsed = WalkState.safeParse(decoded);
  if (!parsed.success) throw new TypeError("podio: not a resume token of a space member walk");
  return parsed.data;
}

/** Every member of every space, page by page, in space id order. */
export async function* walkSpaceMembers(
  api: PodioApi,
  options: SpaceWalkOptions = {},
): AsyncGenerator<SpaceMembersPage, void, undefined> {
  const start = options.resume ? decodeWalkState(options.resume) : undefined;
  const [spacesFrame, membersFrame] = start?.stack ?? [{ level: "spaces" as const, after: null }];
  const spaces = [...(options.spaces ?? (await api.spaces()))].sort((a, b) => a.space_id - b.space_id);
  // Where to pick up: inside the space the token names (if it still exists), then every later space.
  const after = membersFrame ? membersFrame.space_id : spacesFrame.after;
  const todo = spaces.filter(
    (s) => after === null || s.space_id > after || (membersFrame && s.space_id === membersFrame.space_id),
  );
  const startOffset = (space: PodioSpace) =>
    membersFrame && space.space_id === membersFrame.space_id ? membersFrame.offset : 0;

  const prefetch = Math.max(1, options.prefetch ?? 1);
  const pending: Promise<SpacePages>[] = [];
  let next = 0;
  const fill = () => {
    while (pending.length < prefetch && next < todo.length) {
      const space = todo[next]!;
      next += 1;
      const task = readSpace(api, space, startOffset(space));
      // Awaited in order below; until then a failure must not surface as an unhandled rejection.
      task.catch(() => {});
      pending.push(task);
    }
  };

  let doneAfter = spacesFrame.after;
  fill();
  while (pending.length > 0) {
    const { space, pages } = await pending.shift()!;
    fill();
    const lastSpace = pending.length === 0 && next >= todo.length;
    for (const [i, page] of pages.entries()) {
      const spaceDone = i === pages.length - 1;
      const state: WalkState = spaceDone
        ? { kind: "podio-space-members", stack: [{ level: "spaces", after: space.space_id }] }
        : {
            kind: "podio-space-members",
            stack: [
              { level: "spaces", after: doneAfter },
              { level: "members", space_id: space.space_id, offset: page.nextOffset },
            ],
          };
      yield {
        space,
        members: page.members,
        ...(spaceDone && lastSpace ? {} : { resume: encodeWalkState(state) }),
      };
    }
    doneAfter = space.space_id;
  }
}

interface SpacePages {
  space: PodioSpace;
  /** At least one page per space (possibly empty); none when the space vanished mid-walk. */
  pages: { members: PodioSpaceMember[]; nextOffset: number }[];
}

/** One space's members: one request unpaged, or v2 pages until a short one (de-duplicated by user id). */
async function readSpace(api: PodioApi, space: PodioSpace, offset: number): Promise<SpacePages> {
  const limit = api.spaceMemberPageSize;
  if (limit === undefined) {
    const members = await api.allSpaceMembers(space.space_id);
    return { space, pages: members === null ? [] : [{ members: unique(members, new Set()), nextOffset: 0 }] };
  }
  const seen = new Set<number>();
  const pages: SpacePages["pages"] = [];
  for (let at = offset; ; ) {
    const members = await api.spaceMemberPage(space.space_id, at, limit);
    // Deleted mid-walk: no memberships any more (what was already read is kept).
    if (members === null) return { space, pages };
    at += members.length;
    pages.push({ members: unique(members, seen), nextOffset: at });
    if (members.length < limit) return { space, pages };
  }
}

function unique(members: readonly PodioSpaceMember[], seen: Set<number>): PodioSpaceMember[] {
  const out: PodioSpaceMember[] = [];
  for (const member of members) {
    if (seen.has(member.user.user_id)) continue;
    seen.add(member.user.user_id);
    out.push(member);
  }
  return out;
}
