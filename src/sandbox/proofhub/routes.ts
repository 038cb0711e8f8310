import type { SandboxContext } from "../kit/context.ts";
import type { PageSizes } from "./paging.ts";
import type { ProofhubStore } from "./store.ts";

/** What every `/api/v3` route module gets. */
export interface RouteDeps {
  ctx: SandboxContext;
  store: ProofhubStore;
  pageSizes: PageSizes;
}
