/**
 * `duplicate`: one person holds two or more access-capable accounts in the same app. Person-level, keyed by app and
 * employee id. Only accounts linked to the person count (a disputed or unreadable account is nobody's yet).
 */
import { isAccessCapable } from "../../core/account.ts";
import type { AccountFacts } from "../correlation/account-facts.ts";
import type { Correlation } from "../correlation/correlate.ts";
import type { IndexedPerson } from "../correlation/person-index.ts";
import { accountEvidence, type FindingRules, isPrivileged, personEvidence } from "./account-findings.ts";
import type { Finding, FindingEvidence } from "./types.ts";

interface Held {
  person: IndexedPerson;
  accounts: { account: AccountFacts; matcher: string; confidence: number }[];
}

/** Collects, app by app, which person holds which accounts; `take()` yields the findings of the app so far. */
export class DuplicateTracker {
  private held = new Map<string, Held>();

  constructor(private readonly rules: FindingRules) {}

  add(a: AccountFacts, c: Correlation): void {
    if (!isAccessCapable(a.status) || c.situation !== "linked" || !c.person || c.person.gone) return;
    let held = this.held.get(c.person.employeeId);
    if (!held) {
      held = { person: c.person, accounts: [] };
      this.held.set(c.person.employeeId, held);
    }
    held.accounts.push({ account: a, matcher: c.matcher ?? "", confidence: c.confidence ?? 0 });
  }

  /** The accounts of people who hold two or more (their details are needed for the evidence). */
  duplicated(): AccountFacts[] {
    const out: AccountFacts[] = [];
    for (const held of this.held.values())
      if (held.accounts.length > 1) for (const h of held.accounts) out.push(h.account);
    return out;
  }

  /** The duplicate findings of `app`, and a fresh start for the next app. */
  take(app: string): Finding[] {
    const out: Finding[] = [];
    for (const held of this.held.values()) {
      if (held.accounts.length < 2) continue;
      const accounts: NonNullable<FindingEvidence["accounts"]> = held.accounts.map((h) => ({
        ...accountEvidence(h.account),
        matcher: h.matcher,
        confidence: h.confidence,
      }));
      const privileged = held.accounts.some((h) => isPrivileged(h.account, this.rules).privileged);
      out.push({
        kind: "duplicate",
        app,
        employeeId: held.person.employeeId,
        severity: privileged ? "medium" : "low",
        evidence: {
          summary: `${held.person.employeeId} holds ${accounts.length} accounts in ${app}: ${accounts.map((x) => x.email ?? x.externalId).join(", ")}`,
          person: personEvidence(held.person),
          accounts,
        },
      });
    }
    this.held = new Map();
    return out;
  }
}
