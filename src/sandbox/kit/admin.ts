import { Hono } from "hono";
import type { SandboxContext } from "./context.ts";
import { FaultSettings } from "./faults.ts";

/**
 * Introspection and control under `/_sandbox/`: state, request log, sent invitations, fault settings.
 * Mount with `app.route("/_sandbox", sandboxAdmin(ctx, () => state))`.
 */
export function sandboxAdmin(ctx: SandboxContext, state: () => unknown): Hono {
  const admin = new Hono();
  admin.get("/state", (c) => c.json(state() as object));
  admin.get("/requests", (c) => {
    const limit = Number(c.req.query("limit") ?? 100);
    return c.json({ ...ctx.log.summary(), recent: ctx.log.recent(Number.isFinite(limit) ? limit : 100) });
  });
  admin.delete("/requests", (c) => {
    ctx.log.clear();
    return c.body(null, 204);
  });
  admin.get("/invitations", (c) => c.json({ invitations: ctx.invitations }));
  admin.get("/faults", (c) => c.json(ctx.faults.current));

  const setFaults = (merge: boolean) =>
    admin.on(merge ? "PATCH" : "PUT", "/faults", async (c) => {
      const body = await c.req.json().catch(() => undefined);
      const parsed = FaultSettings.partial()
        .strict()
        .safeParse(body ?? {});
      if (body === undefined || !parsed.success) {
        return c.json(
          {
            error: "invalid fault settings",
            issues: parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`),
            expected: Object.keys(FaultSettings.shape),
          },
          400,
        );
      }
      // `.partial()` keeps the field defaults, so merge only the fields the body names (PATCH must not reset others).
      const given = Object.fromEntries(
        Object.entries(parsed.data).filter(([key]) => key in ((body ?? {}) as object)),
      );
      return c.json(ctx.faults.set(merge ? given : parsed.data, merge));
    });
  setFaults(false);
  setFaults(true);
  admin.delete("/faults", (c) => {
    ctx.faults.reset();
    return c.json(ctx.faults.current);
  });
  admin.post("/faults/expire-tokens", (c) => {
    ctx.faults.expireTokens();
    return c.body(null, 204);
  });
  admin.post("/rate-limits/reset", (c) => {
    ctx.resetRateLimits();
    return c.body(null, 204);
  });
  return admin;
}
