import type { Context, MiddlewareHandler } from "hono";
import type { SandboxContext } from "./context.ts";

/** How this app answers the faults the kit injects, in the app's own shapes. */
export interface FaultAnswers {
  /** Injected 5xx (status from the fault settings). */
  serverError(c: Context, status: number): Response;
  /** Forced rate-limit storm: the app's 429 / 420 answer. */
  rateLimited(c: Context): Response;
}

/** Response header that asks the transport to drop the connection (see `inProcessFetch` and `startServer`). */
export const DROP_HEADER = "x-sandbox-drop";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface NodeBindings {
  incoming?: { socket?: { destroy(): void } };
}

/**
 * Request logging and fault injection for every route but `/_sandbox/*`: latency, dropped connections,
 * rate-limit storms and 5xx errors, in that order, before the app's own handler runs.
 */
export function sandboxMiddleware(ctx: SandboxContext, answers: FaultAnswers): MiddlewareHandler {
  return async (c, next) => {
    if (c.req.path.startsWith("/_sandbox")) return next();
    const started = performance.now();
    let fault: string | undefined;
    const delay = ctx.faults.latency();
    if (delay > 0) await sleep(delay);

    if (ctx.faults.shouldDrop()) {
      fault = "drop";
      const socket = (c.env as NodeBindings | undefined)?.incoming?.socket;
      socket?.destroy();
      c.res = new Response(null, { status: 599, headers: { [DROP_HEADER]: "1" } });
    } else if (ctx.faults.inStorm()) {
      fault = "storm";
      c.res = answers.rateLimited(c);
    } else if (ctx.faults.shouldError()) {
      fault = "error";
      c.res = answers.serverError(c, ctx.faults.current.errorStatus);
    } else {
      await next();
    }
    const url = new URL(c.req.url);
    ctx.log.add({
      at: ctx.nowIso(),
      method: c.req.method,
      path: url.pathname,
      query: url.search,
      status: c.res.status,
      durationMs: Math.round((performance.now() - started) * 100) / 100,
      ...(fault ? { fault } : {}),
    });
  };
}
