/** Podio space membership → Grant: the member's user id → the space, with the space role (`admin`, `regular`, `light`). */
import type { Grant } from "../../../core/account.ts";
import type { PodioSpaceMember } from "../types.ts";

export function toGrant(app: string, spaceId: number, member: PodioSpaceMember): Grant {
  return {
    app,
    accountExternalId: String(member.user.user_id),
    groupExternalId: String(spaceId),
    groupKind: "space",
    role: member.role.toLowerCase(),
    derived: false,
  };
}
