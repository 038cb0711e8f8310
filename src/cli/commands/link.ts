/**
 * Manual decisions about accounts: `roster link`, `roster unlink`, `roster ignore`, and `roster decisions` to list
 * or clear them. They are stored apart from computed links and win over them from the next analysis on.
 */
import type { Command } from "commander";
import {
  clearDecision,
  type DecisionKind,
  LookupError,
  listDecisions,
  parseAccountRef,
  recordDecision,
  resolveAccount,
  resolvePerson,
} from "../../graph/index.ts";
import type { StoreConnection } from "../../store/connect.ts";
import { openFromConfig, reportError } from "../context.ts";
import { EXIT, json, table } from "../output.ts";

type Flags = { config?: string; note?: string };

async function withStore(flags: { config?: string }, body: (store: StoreConnection) => Promise<number>) {
  let code: number = EXIT.ok;
  try {
    const { store } = await openFromConfig(flags.config);
    try {
      code = await body(store);
    } finally {
      await store.close();
    }
  } catch (err) {
    if (err instanceof LookupError) {
      console.error(`roster: ${err.message}`);
      code = EXIT.usage;
    } else code = reportError(err);
  }
  process.exitCode = code;
}

const TAKES_EFFECT = "It wins over correlation from the next analysis on (views show it at once).";

async function decide(
  store: StoreConnection,
  kind: DecisionKind,
  ref: string,
  personRef: string | undefined,
  note?: string,
) {
  const account = await resolveAccount(store.db, ref);
  if (account.gone) console.warn(`note: ${ref} is marked gone (the app no longer lists it)`);
  const label = `${account.app}:${account.externalId}${account.email ? ` (${account.email.trim()})` : ""}`;
  if (kind === "link") {
    const person = await resolvePerson(store.db, personRef ?? "");
    if (person.gone_run !== null) console.warn(`note: ${person.employee_id} is no longer in the HR export`);
    await recordDecision(store.db, {
      ...account,
      decision: "link",
      employeeId: person.employee_id,
      note: note ?? null,
    });
    console.log(
      `${label} is now linked to ${person.employee_id} (${person.first_name} ${person.last_name}, ${person.email}) by hand. ${TAKES_EFFECT}`,
    );
  } else {
    await recordDecision(store.db, { ...account, decision: kind, note: note ?? null });
    const what =
      kind === "unlink"
        ? "belongs to no one (correlation will not link it)"
        : "is ignored (no owner needed: no orphan, disputed, unknown-identity or external findings)";
    console.log(`${label} ${what}. ${TAKES_EFFECT}`);
  }
  return EXIT.ok;
}

export function registerLinkCommands(program: Command): void {
  program
    .command("link")
    .description("Link an account to a person by hand (wins over correlation, survives re-syncs)")
    .argument("<account>", "APP:EXTERNAL_ID, e.g. podio:1000123")
    .argument("<person>", "employee id or e-mail address (primary or alias) of the person")
    .option("-c, --config <file>", "roster config (default roster.yaml or $ROSTER_CONFIG)")
    .option("--note <text>", "why (kept with the decision)")
    .action((account: string, person: string, flags: Flags) =>
      withStore(flags, (store) => decide(store, "link", account, person, flags.note)),
    );

  program
    .command("unlink")
    .description("Say an account belongs to no one in HR (correlation will not link it; it is an orphan)")
    .argument("<account>", "APP:EXTERNAL_ID")
    .option("-c, --config <file>", "roster config (default roster.yaml or $ROSTER_CONFIG)")
    .option("--note <text>", "why (kept with the decision)")
    .action((account: string, flags: Flags) =>
      withStore(flags, (store) => decide(store, "unlink", account, undefined, flags.note)),
    );

  program
    .command("ignore")
    .description(
      "Accept an account without an owner (service or shared account): no identity findings for it",
    )
    .argument("<account>", "APP:EXTERNAL_ID")
    .option("-c, --config <file>", "roster config (default roster.yaml or $ROSTER_CONFIG)")
    .option("--note <text>", "why (kept with the decision)")
    .action((account: string, flags: Flags) =>
      withStore(flags, (store) => decide(store, "ignore", account, undefined, flags.note)),
    );

  program
    .command("decisions")
    .description("List manual link / unlink / ignore decisions, or clear one with --clear")
    .option("-c, --config <file>", "roster config (default roster.yaml or $ROSTER_CONFIG)")
    .option("--clear <account>", "remove the decision about APP:EXTERNAL_ID (correlation decides again)")
    .option("--json", "print as JSON")
    .action((flags: { config?: string; clear?: string; json?: boolean }) =>
      withStore(flags, async (store) => {
        if (flags.clear) {
          const { app, externalId } = parseAccountRef(flags.clear);
          const removed = await clearDecision(store.db, app, externalId);
          if (!removed) throw new LookupError(`there is no decision about ${flags.clear}`);
          console.log(
            `decision about ${flags.clear} removed; correlation decides again from the next analysis`,
          );
          return EXIT.ok;
        }
        const decisions = await listDecisions(store.db);
        if (flags.json) console.log(json(decisions));
        else if (decisions.length === 0) console.log("no manual decisions");
        else
          console.log(
            table(
              ["account", "decision", "person", "decided", "note"],
              decisions.map((d) => [
                `${d.app}:${d.externalId}`,
                d.decision,
                d.employeeId ?? "",
                d.decidedAt,
                d.note ?? "",
              ]),
            ),
          );
        return EXIT.ok;
      }),
    );
}
