/**
 * One account's situation: a manual decision when there is one (it always wins), else the matchers'.
 *
 * - `linked` — one person holds the account (matcher and confidence say how sure we are).
 * - `unmatched` — no person fits (maybe name-based guesses); or a person said so (`roster unlink`).
 * - `disputed` — several persons fit equally (e.g. a role address HR lists on two people).
 * - `unknown` — nothing identifies the holder: the address and username are absent or `[redacted]`.
 * - `ignored` — a person said this account needs no owner (`roster ignore`).
 */
import type { AccountFacts } from "./account-facts.ts";
import { matchAccount, type PersonMatch } from "./matchers.ts";
import type { IndexedPerson, PersonIndex } from "./person-index.ts";

export const SITUATIONS = ["linked", "unmatched", "disputed", "unknown", "ignored"] as const;
export type Situation = (typeof SITUATIONS)[number];

export const DECISIONS = ["link", "unlink", "ignore"] as const;
export type DecisionKind = (typeof DECISIONS)[number];

/** A person's decision about one account, stored in `links` and never touched by correlation. */
export interface ManualDecision {
  app: string;
  externalId: string;
  decision: DecisionKind;
  /** The person linked (`link` only). */
  employeeId: string | null;
  note: string | null;
  decidedAt: string;
}

export interface Correlation {
  situation: Situation;
  /** The linked person (`linked`), possibly one who has since left the HR export (`person.gone`). */
  person: IndexedPerson | null;
  /** `manual`, or the matcher that linked. */
  matcher: string | null;
  confidence: number | null;
  /** What matched (address, alias, username). */
  on: string | null;
  manual: ManualDecision | null;
  /** The persons a disputed account fits. */
  candidates: PersonMatch[];
  /** Name-based guesses for an unmatched account: candidates only, never links. */
  guesses: PersonMatch[];
  /** A manual link to an employee id the store has never seen. */
  missingPerson: string | null;
}

function outcome(situation: Situation, fields: Partial<Omit<Correlation, "situation">> = {}): Correlation {
  return {
    situation,
    person: fields.person ?? null,
    matcher: fields.matcher ?? null,
    confidence: fields.confidence ?? null,
    on: fields.on ?? null,
    manual: fields.manual ?? null,
    candidates: fields.candidates ?? NONE,
    guesses: fields.guesses ?? NONE,
    missingPerson: fields.missingPerson ?? null,
  };
}

const NONE: PersonMatch[] = [];

export function correlate(
  account: AccountFacts,
  index: PersonIndex,
  decision: ManualDecision | undefined,
): Correlation {
  if (decision) {
    const manual = { manual: decision, matcher: "manual", confidence: 1 };
    if (decision.decision === "ignore") return outcome("ignored", manual);
    if (decision.decision === "unlink") return outcome("unmatched", manual);
    const person = index.byEmployeeId.get(decision.employeeId ?? "");
    if (!person) return outcome("unmatched", { ...manual, missingPerson: decision.employeeId });
    return outcome("linked", { ...manual, person, on: decision.employeeId });
  }
  const found = matchAccount(account, index);
  switch (found.kind) {
    case "link":
      return outcome("linked", found.match);
    case "disputed":
      return outcome("disputed", { candidates: found.candidates });
    case "unreadable":
      return outcome("unknown");
    case "none":
      return outcome("unmatched", { guesses: found.guesses });
  }
}
