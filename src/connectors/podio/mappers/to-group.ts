/** Podio space → Group (kind `space`). Spaces are joined explicitly, never by rule, and sit flat under the org. */
import type { Group } from "../../../core/account.ts";
import type { PodioSpace } from "../types.ts";

export function toGroup(app: string, space: PodioSpace): Group {
  return {
    app,
    externalId: String(space.space_id),
    kind: "space",
    name: space.name,
    dynamic: false,
    parentExternalId: null,
    raw: space,
  };
}
