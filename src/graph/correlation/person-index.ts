/**
 * Every person from the store, held in maps for correlation: by employee id, by normalised primary address and by
 * normalised alias; built on first use (most accounts never need them): by lower-cased employee id and by the local
 * part of their addresses (usernames), and by folded full name (guesses). Persons marked gone stay reachable by
 * employee id (a manual link may point at them) but match nothing.
 */
import type { Kysely } from "kysely";
import { normaliseEmail, type PersonStatus } from "../../core/person.ts";
import type { Database } from "../../store/schema.ts";
import { decisionKey } from "../decisions.ts";
import { fullNameKey } from "./names.ts";

export interface IndexedPerson {
  employeeId: string;
  email: string;
  aliases: string[];
  firstName: string;
  lastName: string;
  department: string | null;
  title: string | null;
  status: PersonStatus;
  startDate: string | null;
  endDate: string | null;
  /** The person is no longer in the HR export. */
  gone: boolean;
}

export class PersonIndex {
  readonly byEmployeeId = new Map<string, IndexedPerson>();
  /** The ID map (hr.idMap): `app` NUL `external id` → the employee id of the account's holder. */
  readonly mappedAccounts = new Map<string, string>();
  readonly byPrimary = new Map<string, IndexedPerson[]>();
  readonly byAlias = new Map<string, IndexedPerson[]>();
  private readonly livePersons: IndexedPerson[] = [];
  private folded?: Map<string, IndexedPerson>;
  private locals?: Map<string, IndexedPerson[]>;
  private names?: Map<string, IndexedPerson[]>;

  get live(): number {
    return this.livePersons.length;
  }

  add(person: IndexedPerson): void {
    this.byEmployeeId.set(person.employeeId, person);
    if (person.gone) return;
    this.livePersons.push(person);
    const primary = normaliseEmail(person.email);
    push(this.byPrimary, primary, person);
    for (const alias of person.aliases) {
      const norm = normaliseEmail(alias);
      if (norm !== primary) push(this.byAlias, norm, person);
    }
    this.folded = this.locals = this.names = undefined;
  }

  /** Lower-cased employee id → live person (usernames that are employee ids). */
  get byEmployeeIdFolded(): Map<string, IndexedPerson> {
    if (!this.folded) {
      this.folded = new Map();
      for (const p of this.livePersons) this.folded.set(p.employeeId.toLowerCase(), p);
    }
    return this.folded;
  }

  /** Local part (before `@`) of any primary or alias → the live persons holding such an address. */
  get byLocalPart(): Map<string, IndexedPerson[]> {
    if (!this.locals) {
      this.locals = new Map();
      for (const p of this.livePersons) {
        for (const address of [p.email, ...p.aliases])
          push(this.locals, localPart(normaliseEmail(address)), p);
      }
    }
    return this.locals;
  }

  /** Folded full name → live persons (name-based guesses). */
  get byName(): Map<string, IndexedPerson[]> {
    if (!this.names) {
      this.names = new Map();
      for (const p of this.livePersons) {
        const name = fullNameKey(p.firstName, p.lastName);
        if (name) push(this.names, name, p);
      }
    }
    return this.names;
  }

  /** The employee id the ID map gives for this account, if any. */
  mappedEmployeeId(app: string, externalId: string): string | undefined {
    return this.mappedAccounts.size === 0 ? undefined : this.mappedAccounts.get(decisionKey(app, externalId));
  }

  static async load(db: Kysely<Database>): Promise<PersonIndex> {
    const index = new PersonIndex();
    for (const r of await db.selectFrom("id_map").select(["app", "external_id", "employee_id"]).execute())
      index.mappedAccounts.set(decisionKey(r.app, r.external_id), r.employee_id);
    const rows = await db
      .selectFrom("persons")
      .select([
        "employee_id",
        "email",
        "aliases",
        "first_name",
        "last_name",
        "department",
        "title",
        "status",
        "start_date",
        "end_date",
        "gone_run",
      ])
      .execute();
    for (const r of rows) {
      index.add({
        employeeId: r.employee_id,
        email: r.email,
        aliases: r.aliases === "[]" ? [] : (JSON.parse(r.aliases) as string[]),
        firstName: r.first_name,
        lastName: r.last_name,
        department: r.department,
        title: r.title,
        status: r.status as PersonStatus,
        startDate: r.start_date,
        endDate: r.end_date,
        gone: r.gone_run !== null,
      });
    }
    return index;
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else if (!list.includes(value)) list.push(value);
}

export function localPart(email: string): string {
  const at = email.lastIndexOf("@");
  return at < 0 ? email : email.slice(0, at);
}
