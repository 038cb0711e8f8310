/**
 * Manual decisions: `roster link ACCOUNT PERSON`, `roster unlink ACCOUNT`, `roster ignore ACCOUNT`. Stored in the
 * `links` table with `decision` set (one per account: a new decision replaces the old one), never touched by
 * correlation, and they always win over what the matchers would say — across re-imports and re-syncs.
 */
import type { Kysely } from "kysely";
import type { Database } from "../store/schema.ts";
import { DECISIONS, type DecisionKind, type ManualDecision } from "./correlation/correlate.ts";
import { LookupError } from "./lookup.ts";

export function decisionKey(app: string, externalId: string): string {
  return `${app}\u0000${externalId}`;
}

/** Every manual decision, by account. */
export async function loadDecisions(db: Kysely<Database>): Promise<Map<string, ManualDecision>> {
  const rows = await db
    .selectFrom("links")
    .select(["app", "account_external_id", "employee_id", "decision", "evidence", "created_at", "id"])
    .where("decision", "is not", null)
    .orderBy("id")
    .execute();
  const out = new Map<string, ManualDecision>();
  for (const r of rows) {
    out.set(decisionKey(r.app, r.account_external_id), {
      app: r.app,
      externalId: r.account_external_id,
      decision: r.decision as DecisionKind,
      employeeId: r.employee_id,
      note: noteOf(r.evidence),
      decidedAt: r.created_at,
    });
  }
  return out;
}

export async function listDecisions(db: Kysely<Database>): Promise<ManualDecision[]> {
  return [...(await loadDecisions(db)).values()].sort(
    (a, b) => a.app.localeCompare(b.app) || a.externalId.localeCompare(b.externalId),
  );
}

function noteOf(evidence: string | null): string | null {
  if (!evidence) return null;
  const parsed = JSON.parse(evidence) as { note?: unknown };
  return typeof parsed.note === "string" ? parsed.note : null;
}

/** Store a decision for one account, replacing any earlier one. */
export async function recordDecision(
  db: Kysely<Database>,
  input: {
    app: string;
    externalId: string;
    decision: DecisionKind;
    employeeId?: string | null;
    note?: string | null;
  },
  now: Date = new Date(),
): Promise<ManualDecision> {
  if (!DECISIONS.includes(input.decision)) throw new LookupError(`unknown decision "${input.decision}"`);
  if (input.decision === "link" && !input.employeeId) throw new LookupError("a link needs a person");
  const decision: ManualDecision = {
    app: input.app,
    externalId: input.externalId,
    decision: input.decision,
    employeeId: input.decision === "link" ? input.employeeId! : null,
    note: input.note ?? null,
    decidedAt: now.toISOString(),
  };
  await db.transaction().execute(async (trx) => {
    await trx
      .deleteFrom("links")
      .where("app", "=", input.app)
      .where("account_external_id", "=", input.externalId)
      .where("decision", "is not", null)
      .execute();
    await trx
      .insertInto("links")
      .values({
        app: decision.app,
        account_external_id: decision.externalId,
        employee_id: decision.employeeId,
        matcher: "manual",
        confidence: 1,
        decision: decision.decision,
        created_at: decision.decidedAt,
        run_id: null,
        evidence: JSON.stringify({ note: decision.note }),
      })
      .execute();
  });
  return decision;
}

/** Remove the decision about one account (correlation decides again from the next analysis); false if none. */
export async function clearDecision(db: Kysely<Database>, app: string, externalId: string): Promise<boolean> {
  const result = await db
    .deleteFrom("links")
    .where("app", "=", app)
    .where("account_external_id", "=", externalId)
    .where("decision", "is not", null)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
