import type { ProductboardState } from "../world/types.ts";

export type ProductboardTeam = ProductboardState["teams"][number];

/** The workspace's teams in creation order (SCIM Groups). Few enough that scans are fine. */
export class TeamTable {
  private readonly byId = new Map<string, ProductboardTeam>();

  constructor(teams: readonly ProductboardTeam[] = []) {
    for (const team of teams) this.insert(team);
  }

  get size(): number {
    return this.byId.size;
  }

  get(id: string): ProductboardTeam | undefined {
    return this.byId.get(id);
  }

  all(): ProductboardTeam[] {
    return [...this.byId.values()];
  }

  /** Stores a copy. Throws when the id is taken. */
  insert(team: ProductboardTeam): ProductboardTeam {
    if (this.byId.has(team.id)) throw new Error(`productboard: team id ${team.id} already exists`);
    const copy = { id: team.id, name: team.name, memberIds: [...team.memberIds] };
    this.byId.set(copy.id, copy);
    return copy;
  }

  /** Replaces name and members in place (keeps the team's position). */
  replace(team: ProductboardTeam): ProductboardTeam | undefined {
    const stored = this.byId.get(team.id);
    if (!stored) return undefined;
    stored.name = team.name;
    stored.memberIds = [...team.memberIds];
    return stored;
  }

  remove(id: string): boolean {
    return this.byId.delete(id);
  }

  /** Drops a member from every team (the member left the workspace). */
  removeMember(memberId: string): void {
    for (const team of this.byId.values()) {
      if (team.memberIds.includes(memberId)) team.memberIds = team.memberIds.filter((id) => id !== memberId);
    }
  }
}
