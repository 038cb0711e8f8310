import { Hono } from "hono";
import type { SandboxContext } from "../kit/context.ts";
import { notFound } from "./errors.ts";
import { pathId } from "./request-input.ts";
import type { ProofhubStore } from "./store.ts";

/**
 * ProofHub-only controls under `/_sandbox` (next to the kit's state, requests, invitations and faults):
 * `POST /_sandbox/people/{id}/accept` plays the invited person accepting the e-mail — `verified` becomes true and
 * `last_active` is set to now.
 */
export function proofhubSandboxRoutes(ctx: SandboxContext, store: ProofhubStore): Hono {
  const routes = new Hono({ strict: false });
  routes.post("/people/:id/accept", (c) => {
    const id = pathId(c);
    const person = id === undefined ? undefined : store.people.get(id);
    if (!person) return notFound("Person");
    return c.json(store.acceptInvitation(person, ctx.nowIso()));
  });
  return routes;
}
