/**
 * Findings retention: each analysis appends its findings (about one row per problem), so a store analysed every
 * night grows without end. With `findings.keepAnalyses: N`, after each analysis the findings of the older
 * successful analyses are deleted — their run rows and summaries (counts by kind, severity and app) stay, and the
 * analysis is recorded in `pruned_analyses` so a report asked for it says so instead of showing nothing.
 */
import type { Kysely } from "kysely";
import type { Database, PrunedAnalysisTable } from "../store/schema.ts";

export interface Pruned {
  analyses: number;
  findings: number;
}

/** Delete the findings of every successful analysis older than the newest `keep`. */
export async function pruneFindings(db: Kysely<Database>, keep: number, now = new Date()): Promise<Pruned> {
  if (!(Number.isInteger(keep) && keep >= 2))
    throw new RangeError(`keepAnalyses must be 2 or more, got ${keep}`);
  return db.transaction().execute(async (trx) => {
    const older = await trx
      .selectFrom("runs")
      .select("id")
      .where("kind", "=", "analyze")
      .where("status", "=", "succeeded")
      .where("id", "not in", trx.selectFrom("pruned_analyses").select("run_id"))
      .orderBy("started_at", "desc")
      .orderBy("finished_at", "desc")
      .offset(keep)
      .limit(1_000_000)
      .execute();
    const pruned: Pruned = { analyses: 0, findings: 0 };
    for (const { id } of older) {
      const deleted = await trx.deleteFrom("findings").where("run_id", "=", id).executeTakeFirst();
      const findings = Number(deleted.numDeletedRows);
      await trx
        .insertInto("pruned_analyses")
        .values({ run_id: id, pruned_at: now.toISOString(), kept: keep, findings })
        .execute();
      pruned.analyses++;
      pruned.findings += findings;
    }
    return pruned;
  });
}

/** Whether (and when) the findings of this analysis were pruned. */
export async function prunedAnalysis(
  db: Kysely<Database>,
  runId: string,
): Promise<PrunedAnalysisTable | undefined> {
  return db.selectFrom("pruned_analyses").selectAll().where("run_id", "=", runId).executeTakeFirst();
}
