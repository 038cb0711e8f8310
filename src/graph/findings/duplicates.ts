/**
 * `duplicate`: one person holds two or more access-capable accounts in the same app. Person-level, keyed by app and
 * employee id. Only accounts linked to the person count (a disputed or unreadable account is nobody's yet).
 *
 * While an app's pages stream by, only each holding's external id, matcher and confidence are kept (one small
 * object per person, not the account itself); the few accounts of people holding several are read back in full
 * for the evidence (`duplicatedIds`, then `take` with them).
 */
import { isAccessCapable } from "../../core/account.ts";
import type { AccountFacts } from "../correlation/account-facts.ts";
import type { Correlation } from "../correlation/correlate.ts";
import type { IndexedPerson } from "../correlation/person-index.ts";
import { accountEvidence, type FindingRules, isPrivileged, personEvidence } from "./account-findings.ts";
import type { Finding, FindingEvidence } from "./types.ts";

interface Holding {
  externalId: string;
  matcher: string;
  confidence: number;
}

interface Held extends Holding {
  person: IndexedPerson;
  /** The person's further accounts in the app, in the order they were seen. */
  more: Holding[] | null;
}

/** Collects, app by app, which person holds which accounts; `take()` yields the findings of the app so far. */
export class DuplicateTracker {
  private held = new Map<string, Held>();

  constructor(private readonly rules: FindingRules) {}

  add(a: AccountFacts, c: Correlation): void {
    if (!isAccessCapable(a.status) || c.situation !== "linked" || !c.person || c.person.gone) return;
    const matcher = c.matcher ?? "";
    const confidence = c.confidence ?? 0;
    const held = this.held.get(c.person.employeeId);
    if (!held) {
      this.held.set(c.person.employeeId, {
        person: c.person,
        externalId: a.externalId,
        matcher,
        confidence,
        more: null,
      });
    } else {
      held.more ??= [];
      held.more.push({ externalId: a.externalId, matcher, confidence });
    }
  }

  /** External ids of the accounts of people who hold two or more (read them in full for `take`). */
  duplicatedIds(): string[] {
    const out: string[] = [];
    for (const held of this.held.values()) {
      if (!held.more) continue;
      out.push(held.externalId);
      for (const h of held.more) out.push(h.externalId);
    }
    return out;
  }

  /**
   * The duplicate findings of `app`, and a fresh start for the next app. `accounts` holds (at least) the accounts
   * `duplicatedIds` named, by external id, with their details read.
   */
  take(app: string, accounts: ReadonlyMap<string, AccountFacts>): Finding[] {
    const out: Finding[] = [];
    for (const held of this.held.values()) {
      if (!held.more) continue;
      const holdings = [held, ...held.more].flatMap((h) => {
        const account = accounts.get(h.externalId);
        return account ? [{ account, matcher: h.matcher, confidence: h.confidence }] : [];
      });
      if (holdings.length < 2) continue;
      const evidence: NonNullable<FindingEvidence["accounts"]> = holdings.map((h) => ({
        ...accountEvidence(h.account),
        matcher: h.matcher,
        confidence: h.confidence,
      }));
      const privileged = holdings.some((h) => isPrivileged(h.account, this.rules).privileged);
      out.push({
        kind: "duplicate",
        app,
        employeeId: held.person.employeeId,
        severity: privileged ? "medium" : "low",
        evidence: {
          summary: `${held.person.employeeId} holds ${evidence.length} accounts in ${app}: ${evidence.map((x) => x.email ?? x.externalId).join(", ")}`,
          person: personEvidence(held.person),
          accounts: evidence,
        },
      });
    }
    this.held = new Map();
    return out;
  }
}
