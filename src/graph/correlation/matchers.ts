/**
 * The ordered matchers. Each looks at one kind of evidence and either decides (a link to one person, or a dispute
 * between several) or passes to the next. The first that decides wins; the name-based guess comes last and only
 * ever proposes candidates — it never links.
 *
 * | order | matcher | evidence | confidence |
 * | --- | --- | --- | --- |
 * | 0 | `id-map` | the ID map imported with the HR export (hr.idMap) names the account's holder | 1.0 |
 * | 1 | `employee-id` | an employee id carried by the account (SCIM `employeeNumber`, ...) | 1.0 |
 * | 2 | `email` / `alias` | the address (trimmed, lower-cased) is a person's primary / one of their aliases | 0.95 / 0.9 |
 * | 3 | `username-email` | a username that is an address, matched like the e-mail | 0.85 |
 * | 4 | `username-employee-id` | a username equal to an employee id (case-insensitive) | 0.8 |
 * | 5 | `username-local-part` | a plain username equal to the local part of exactly one person's addresses | 0.6 |
 * | — | `name` | the folded full name equals a person's (candidate only) | 0.3 |
 */
import { type AccountFacts, identityReadable, isRedacted, readableUsername } from "./account-facts.ts";
import { foldName, fullNameKey } from "./names.ts";
import type { IndexedPerson, PersonIndex } from "./person-index.ts";

export interface PersonMatch {
  person: IndexedPerson;
  matcher: string;
  confidence: number;
  /** What matched: the address, alias, username or name. */
  on: string;
}

export type MatchOutcome =
  | { kind: "link"; match: PersonMatch }
  | { kind: "disputed"; candidates: PersonMatch[] }
  /** No matcher decided; `guesses` are name-based candidates (never links). */
  | { kind: "none"; guesses: PersonMatch[] }
  /** Nothing identifies the holder (address and username absent or `[redacted]`). */
  | { kind: "unreadable" };

type Matcher = (account: AccountFacts, index: PersonIndex) => readonly PersonMatch[];

const NOTHING: readonly PersonMatch[] = [];

const idMapMatcher: Matcher = (account, index) => {
  const employeeId = index.mappedEmployeeId(account.app, account.externalId);
  if (employeeId === undefined) return NOTHING;
  const person = index.byEmployeeId.get(employeeId);
  // A mapping to someone not (or no longer) in HR decides nothing: the other matchers have their say.
  return person && !person.gone ? [{ person, matcher: "id-map", confidence: 1, on: employeeId }] : NOTHING;
};

const employeeIdMatcher: Matcher = (account, index) => {
  if (!account.employeeIdHint) return NOTHING;
  const person = index.byEmployeeId.get(account.employeeIdHint);
  return person && !person.gone
    ? [{ person, matcher: "employee-id", confidence: 1, on: account.employeeIdHint }]
    : NOTHING;
};

/** Primary and alias holders of one normalised address; one person found both ways counts once (as primary). */
function byAddress(
  address: string,
  index: PersonIndex,
  names: { primary: string; alias: string },
  confidence: { primary: number; alias: number },
): PersonMatch[] {
  const out: PersonMatch[] = [];
  for (const person of index.byPrimary.get(address) ?? [])
    out.push({ person, matcher: names.primary, confidence: confidence.primary, on: address });
  for (const person of index.byAlias.get(address) ?? []) {
    if (out.some((m) => m.person === person)) continue;
    out.push({ person, matcher: names.alias, confidence: confidence.alias, on: address });
  }
  return out;
}

const EMAIL_NAMES = { primary: "email", alias: "alias" };
const EMAIL_CONFIDENCE = { primary: 0.95, alias: 0.9 };

const emailMatcher: Matcher = (account, index) => {
  const address = account.emailNorm;
  if (!address) return NOTHING;
  // The common case first: one primary holder and no alias holder.
  const primary = index.byPrimary.get(address);
  if (primary?.length === 1 && !index.byAlias.has(address))
    return [{ person: primary[0]!, matcher: "email", confidence: EMAIL_CONFIDENCE.primary, on: address }];
  return byAddress(address, index, EMAIL_NAMES, EMAIL_CONFIDENCE);
};

const usernameMatcher: Matcher = (account, index) => {
  const username = readableUsername(account);
  if (!username) return NOTHING;
  const folded = username.toLowerCase();
  if (folded.includes("@")) {
    return byAddress(
      folded,
      index,
      { primary: "username-email", alias: "username-email" },
      { primary: 0.85, alias: 0.85 },
    );
  }
  const byId = index.byEmployeeIdFolded.get(folded);
  if (byId) return [{ person: byId, matcher: "username-employee-id", confidence: 0.8, on: username }];
  // A bare username like `jdoe`: only when exactly one person has an address with that local part.
  const holders = index.byLocalPart.get(folded) ?? [];
  return holders.length === 1
    ? [{ person: holders[0]!, matcher: "username-local-part", confidence: 0.6, on: username }]
    : NOTHING;
};

export const MATCHERS: readonly { name: string; match: Matcher }[] = [
  { name: "id-map", match: idMapMatcher },
  { name: "employee-id", match: employeeIdMatcher },
  { name: "email", match: emailMatcher },
  { name: "username", match: usernameMatcher },
];

/** At most this many name-based candidates are kept per account. */
const MAX_GUESSES = 3;

export function nameGuesses(account: AccountFacts, index: PersonIndex): PersonMatch[] {
  const display = account.displayName && !isRedacted(account.displayName) ? account.displayName : null;
  const key = fullNameKey(account.firstName, account.lastName, display);
  if (!key) return [];
  const people = (index.byName.get(key) ?? []).slice(0, MAX_GUESSES);
  return people.map((person) => ({
    person,
    matcher: "name",
    confidence: 0.3 / people.length,
    on: foldName(`${person.firstName} ${person.lastName}`),
  }));
}

/** Run the matchers in order over one account. */
export function matchAccount(account: AccountFacts, index: PersonIndex): MatchOutcome {
  const unreadable = !identityReadable(account);
  for (const { match } of MATCHERS) {
    const found = match(account, index);
    if (found.length === 1) return { kind: "link", match: found[0]! };
    if (found.length > 1) return { kind: "disputed", candidates: [...found] };
  }
  if (unreadable) return { kind: "unreadable" };
  return { kind: "none", guesses: nameGuesses(account, index) };
}
