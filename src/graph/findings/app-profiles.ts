/**
 * What findings need to know about each app type (docs/world.md, "Status mapping"): whether it reports activity.
 *
 * - `tracked` — the app has an activity field: an active account is stale when its last activity is older than
 *   `findings.staleDays`, or, never active, when it was created longer ago than that.
 * - `none` — the app reports no activity (Productboard): never stale.
 * - `reported` — the app may or may not (generic SCIM, an app no longer in the config): stale only on a last
 *   activity that is there and old; "never signed in" cannot be told apart from "not reported".
 */
import type { AppType } from "../../config/schema.ts";

export type ActivityKind = "tracked" | "none" | "reported";

const ACTIVITY: Record<AppType, ActivityKind> = {
  productboard: "none",
  productive: "tracked",
  proofhub: "tracked",
  podio: "tracked",
  docebo: "tracked",
  scim: "reported",
};

export function activityKind(type: AppType | undefined): ActivityKind {
  return type ? ACTIVITY[type] : "reported";
}

/** App types whose payloads may carry an employee id (read only there: payloads are large). */
export function payloadMayCarryEmployeeId(type: AppType | undefined): boolean {
  return type === "scim";
}
