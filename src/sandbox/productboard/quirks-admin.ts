import { Hono } from "hono";
import { z } from "zod";
import type { ProductboardWorkspace } from "./workspace.ts";

const Quirks = z.object({ repeatFirstCursor: z.boolean() }).partial().strict();

/**
 * `GET/PATCH /_sandbox/quirks`: Productboard-specific switches next to the kit's faults, today only
 * `repeatFirstCursor` (the last members page links back to the first cursor).
 */
export function quirksAdmin(workspace: ProductboardWorkspace): Hono {
  const admin = new Hono();
  const current = () => ({ repeatFirstCursor: workspace.repeatFirstCursor });
  admin.get("/quirks", (c) => c.json(current()));
  admin.patch("/quirks", async (c) => {
    const body = await c.req.json().catch(() => undefined);
    const parsed = Quirks.safeParse(body);
    if (!parsed.success) {
      return c.json({ error: "invalid quirks", expected: Object.keys(Quirks.shape) }, 400);
    }
    if (parsed.data.repeatFirstCursor !== undefined)
      workspace.repeatFirstCursor = parsed.data.repeatFirstCursor;
    return c.json(current());
  });
  return admin;
}
