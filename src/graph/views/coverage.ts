/** Whether the latest analysis could have seen an account: it started after the sync that first saw the account. */
import type { Kysely } from "kysely";
import type { Database } from "../../store/schema.ts";
import type { AnalysisRun } from "../history.ts";

export async function analysisCovers(
  db: Kysely<Database>,
  analysis: AnalysisRun | null,
): Promise<(firstSeenRun: string) => boolean> {
  if (!analysis) return () => false;
  const started = new Map(
    (await db.selectFrom("runs").select(["id", "started_at"]).where("kind", "<>", "analyze").execute()).map(
      (r) => [r.id, r.started_at],
    ),
  );
  return (runId) => {
    const at = started.get(runId);
    return at !== undefined && at <= analysis.startedAt;
  };
}
