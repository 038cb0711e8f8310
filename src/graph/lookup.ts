/** Resolving what a person typed — `APP:EXTERNAL_ID`, an employee id, an address — with errors that say what to do. */
import type { Kysely } from "kysely";
import { normaliseEmail } from "../core/person.ts";
import type { Database, PersonTable } from "../store/schema.ts";

/** A reference that does not resolve; the message says what to do instead. */
export class LookupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "LookupError";
  }
}

export interface AccountRef {
  app: string;
  externalId: string;
}

/** `podio:1000123` → app and external id (the app name cannot contain `:`, the external id may). */
export function parseAccountRef(ref: string): AccountRef {
  const colon = ref.indexOf(":");
  if (colon <= 0 || colon === ref.length - 1)
    throw new LookupError(`"${ref}" is not an account reference: write APP:EXTERNAL_ID, e.g. podio:1000123`);
  return { app: ref.slice(0, colon), externalId: ref.slice(colon + 1) };
}

/** The account behind `APP:EXTERNAL_ID`, which must be in the store. */
export async function resolveAccount(
  db: Kysely<Database>,
  ref: string,
): Promise<AccountRef & { email: string | null; gone: boolean }> {
  const { app, externalId } = parseAccountRef(ref);
  const row = await db
    .selectFrom("accounts")
    .select(["email", "gone_run"])
    .where("app", "=", app)
    .where("external_id", "=", externalId)
    .executeTakeFirst();
  if (!row) {
    const known = await db
      .selectFrom("accounts")
      .select("app")
      .where("app", "=", app)
      .limit(1)
      .executeTakeFirst();
    throw new LookupError(
      known
        ? `no account with external id "${externalId}" in ${app} (see \`roster accounts --app ${app}\`)`
        : `no accounts of an app named "${app}" in the store (run \`roster sync\` first, or check the name)`,
    );
  }
  return { app, externalId, email: row.email, gone: row.gone_run !== null };
}

/**
 * The person behind an employee id, or behind a primary or alias address held by exactly one person (live persons
 * first; one who left the HR export is found when nobody else holds the address).
 */
export async function resolvePerson(db: Kysely<Database>, ref: string): Promise<PersonTable> {
  const trimmed = ref.trim();
  const byId = await db
    .selectFrom("persons")
    .selectAll()
    .where("employee_id", "=", trimmed)
    .executeTakeFirst();
  if (byId) return byId;
  if (!trimmed.includes("@"))
    throw new LookupError(
      `no person with employee id "${trimmed}" (run \`roster import\` first, or give an e-mail address)`,
    );
  const email = normaliseEmail(trimmed);
  const holders = new Map<string, PersonTable>();
  for (const row of await db.selectFrom("persons").selectAll().where("email_norm", "=", email).execute())
    holders.set(row.employee_id, row);
  // Aliases are a JSON list: narrow with LIKE, then compare exactly.
  const aliased = await db
    .selectFrom("persons")
    .selectAll()
    .where((eb) => eb(eb.fn("lower", ["aliases"]), "like", `%${email}%`))
    .execute();
  for (const row of aliased) {
    if ((JSON.parse(row.aliases) as string[]).some((a) => normaliseEmail(a) === email))
      holders.set(row.employee_id, row);
  }
  const all = [...holders.values()];
  const live = all.filter((h) => h.gone_run === null);
  const found = live.length > 0 ? live : all;
  if (found.length === 0) throw new LookupError(`no person in HR has the address ${email}`);
  if (found.length > 1)
    throw new LookupError(
      `${email} belongs to ${found.length} people (${found.map((h) => h.employee_id).join(", ")}): give the employee id instead`,
    );
  return found[0]!;
}
