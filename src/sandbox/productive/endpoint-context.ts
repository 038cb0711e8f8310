import type { MiddlewareHandler } from "hono";
import type { SandboxContext } from "../kit/context.ts";
import type { PagingLimits } from "./paging.ts";
import type { ProductiveStore } from "./store.ts";

/** What every endpoint module of the sandbox is built from. */
export interface EndpointContext {
  ctx: SandboxContext;
  store: ProductiveStore;
  paging: PagingLimits;
  /** Authentication and rate limiting for `/users` (organization header optional). */
  userAccess: MiddlewareHandler;
  /** Authentication and rate limiting for `/people` (organization header required). */
  organizationAccess: MiddlewareHandler;
}
