import { Hono } from "hono";
import type { RouteDeps } from "./routes.ts";

/** `GET /api/v3/roles` — account roles as `{id, name, default}`; all of them, unpaged. */
export function roleRoutes({ store }: RouteDeps): Hono {
  const roles = new Hono({ strict: false });
  roles.get("/", (c) =>
    c.json(store.roles.map(({ id, name, default: isDefault }) => ({ id, name, default: isDefault }))),
  );
  return roles;
}
