import { Hono } from "hono";
import type { ProductivePerson } from "../world/types.ts";
import { requireJsonApiContentType } from "./access.ts";
import type { EndpointContext } from "./endpoint-context.ts";
import { type AttributeProblem, invalidAttributes, jsonApi, recordNotFound } from "./json-api.ts";
import { personResource } from "./resources.ts";
import type { PersonFields } from "./store.ts";

type Person = Readonly<ProductivePerson>;

/** One lifecycle action: why it cannot run on this person (→ 422), else what it changes. */
interface LifecycleAction {
  refuse(person: Person): AttributeProblem | undefined;
  change(now: string): Partial<PersonFields>;
  /** The e-mail the action sends, recorded as an invitation. */
  sends?: string;
  /** Whether the action locks the person out (and so kills a personal token they own). */
  locksOut?: boolean;
}

const problem = (attribute: string, detail: string): AttributeProblem => ({ attribute, detail });

/** Sending an invitation needs a user-type person who has not joined and still has access to lose. */
function refuseInvitation(person: Person): AttributeProblem | undefined {
  if (person.joined_at !== null) return problem("joined_at", "person has already joined");
  if (person.person_type !== 1) return problem("person_type", "only users can be invited");
  if (person.deactivated_at !== null) return problem("deactivated_at", "person is deactivated");
  if (person.archived_at !== null) return problem("archived_at", "person is archived");
  if (person.email.trim() === "") return problem("email", "can't be blank");
  return undefined;
}

/**
 * `PATCH /people/{id}/<action>`. The 422s are the sandbox's reading of what the real API refuses: acting twice
 * (deactivate a deactivated person, archive an archived one), undoing what was not done (activate an active
 * person, restore one that is not archived), activating an archived person before restoring it, and inviting
 * someone who joined already. Deactivation and archiving lock the person out; if they own the API token it dies.
 */
const ACTIONS: Record<string, LifecycleAction> = {
  deactivate: {
    refuse: (p) =>
      p.deactivated_at !== null ? problem("deactivated_at", "person is already deactivated") : undefined,
    change: (now) => ({ deactivated_at: now }),
    locksOut: true,
  },
  activate: {
    refuse: (p) => {
      if (p.archived_at !== null) return problem("archived_at", "person is archived, restore it first");
      return p.deactivated_at === null ? problem("deactivated_at", "person is not deactivated") : undefined;
    },
    change: () => ({ deactivated_at: null }),
  },
  archive: {
    refuse: (p) =>
      p.archived_at !== null ? problem("archived_at", "person is already archived") : undefined,
    change: (now) => ({ archived_at: now }),
    locksOut: true,
  },
  restore: {
    refuse: (p) => (p.archived_at === null ? problem("archived_at", "person is not archived") : undefined),
    change: () => ({ archived_at: null }),
  },
  invite: {
    refuse: refuseInvitation,
    change: (now) => ({ invited_at: now }),
    sends: "invitation",
  },
  resend: {
    refuse: (p) =>
      p.invited_at === null && p.joined_at === null
        ? problem("invited_at", "person has not been invited")
        : refuseInvitation(p),
    change: (now) => ({ invited_at: now }),
    sends: "invitation-resend",
  },
};

export function personLifecycleRoutes({ ctx, store, organizationAccess }: EndpointContext): Hono {
  const routes = new Hono();
  for (const [name, action] of Object.entries(ACTIONS)) {
    // https://developer.productive.io/people.html — the request body is not read.
    routes.patch(`/people/:id/${name}`, organizationAccess, requireJsonApiContentType, (c) => {
      const id = c.req.param("id");
      const person = store.person(id);
      if (!person) return recordNotFound();
      const refusal = action.refuse(person);
      if (refusal) return invalidAttributes([refusal]);
      const updated = store.updatePerson(id, action.change(ctx.nowIso()));
      if (action.locksOut && id === store.tokenOwnerPersonId) store.tokenRevoked = true;
      if (action.sends) {
        ctx.recordInvitation(updated.email, action.sends, {
          personId: id,
          organizationId: store.organizationId,
        });
      }
      return jsonApi({ data: personResource(updated, store.organizationId), meta: {} });
    });
  }
  return routes;
}
