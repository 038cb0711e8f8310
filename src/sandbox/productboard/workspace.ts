import { createRng, type Rng } from "../kit/rng.ts";
import type { ProductboardMember, ProductboardState } from "../world/types.ts";
import { MemberTable } from "./member-table.ts";
import { type ProductboardTeam, TeamTable } from "./team-table.ts";

/** Members added and removed by page-drift faults, in the order they happened. */
export interface ProductboardDriftLog {
  added: string[];
  removed: string[];
}

/** What `GET /_sandbox/state` shows (no credentials: they are secrets). */
export interface ProductboardSnapshot {
  members: ProductboardMember[];
  teams: ProductboardTeam[];
  drift: ProductboardDriftLog;
  quirks: { repeatFirstCursor: boolean };
}

export interface WorkspaceOptions {
  /** Emulate the community-reported last page that hands back the first cursor again. */
  repeatFirstCursor?: boolean;
  /** Seed for ids the sandbox makes up itself (drift records). */
  seed?: number;
}

/**
 * One Productboard workspace: the single source of truth behind both the REST v2 members API and SCIM.
 * Built from a copy of the world's state; the input is never mutated.
 */
export class ProductboardWorkspace {
  readonly credentials: ProductboardState["credentials"];
  readonly members: MemberTable;
  readonly teams: TeamTable;
  readonly drift: ProductboardDriftLog = { added: [], removed: [] };
  repeatFirstCursor: boolean;
  private readonly idRng: Rng;

  constructor(state: ProductboardState, options: WorkspaceOptions = {}) {
    this.credentials = { ...state.credentials };
    this.members = new MemberTable(state.members);
    this.teams = new TeamTable(state.teams);
    this.repeatFirstCursor = options.repeatFirstCursor ?? false;
    this.idRng = createRng(options.seed ?? 1);
  }

  /** A fresh version-4-shaped UUID from the workspace's seeded dice (reproducible runs). */
  newId(): string {
    let id: string;
    do {
      const bytes = Array.from({ length: 16 }, () => this.idRng.int(0, 255));
      bytes[6] = (bytes[6]! & 0x0f) | 0x40;
      bytes[8] = (bytes[8]! & 0x3f) | 0x80;
      const hex = bytes.map((b) => b.toString(16).padStart(2, "0")).join("");
      id = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
    } while (this.members.get(id) || this.teams.get(id));
    return id;
  }

  /** Removes a member from the workspace and from every team. */
  removeMember(id: string): boolean {
    if (!this.members.remove(id)) return false;
    this.teams.removeMember(id);
    return true;
  }

  snapshot(): ProductboardSnapshot {
    return {
      members: this.members.all().map(({ seq: _seq, ...member }) => member),
      teams: this.teams.all().map((team) => ({ ...team, memberIds: [...team.memberIds] })),
      drift: { added: [...this.drift.added], removed: [...this.drift.removed] },
      quirks: { repeatFirstCursor: this.repeatFirstCursor },
    };
  }
}
