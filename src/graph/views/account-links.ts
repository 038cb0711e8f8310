/**
 * How the latest analysis (and any later manual decision) placed each account: its situation, the person, and the
 * evidence — read back from `links` and `link_candidates` for the views.
 */
import type { Kysely, Selectable } from "kysely";
import { REDACTED } from "../../core/account.ts";
import type { Database, LinkCandidateTable, LinkTable } from "../../store/schema.ts";
import type { DecisionKind, Situation } from "../correlation/correlate.ts";
import { decisionKey } from "../decisions.ts";

export interface CandidateView {
  employeeId: string;
  /** `disputed`: one of several persons the address fits; `guess`: a name-based guess (never a link). */
  reason: "disputed" | "guess";
  matcher: string;
  confidence: number;
  on: string | null;
}

export interface LinkView {
  situation: Situation;
  /** The linked person (`linked`). */
  employeeId: string | null;
  /** `manual`, or the matcher that linked. */
  matcher: string | null;
  confidence: number | null;
  /** What matched: the address or username. */
  matchedOn: string | null;
  decision: { decision: DecisionKind; note: string | null; decidedAt: string } | null;
  candidates: CandidateView[];
  /** False when the account was first seen after the latest analysis (its situation is not known yet). */
  analyzed: boolean;
}

export interface AccountIdentity {
  app: string;
  external_id: string;
  email: string | null;
  email_norm: string | null;
  username: string | null;
  first_seen_run: string;
}

export interface LinkRows {
  links: Map<string, Selectable<LinkTable>[]>;
  candidates: Map<string, LinkCandidateTable[]>;
}

function group<T extends { app: string; account_external_id: string }>(rows: T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const row of rows) {
    const key = decisionKey(row.app, row.account_external_id);
    const list = out.get(key);
    if (list) list.push(row);
    else out.set(key, [row]);
  }
  return out;
}

/** Links and candidates of one app, or of the given accounts. */
export async function loadLinkRows(
  db: Kysely<Database>,
  scope: { app?: string; accounts?: { app: string; externalId: string }[] },
): Promise<LinkRows> {
  if (scope.accounts && scope.accounts.length === 0) return { links: new Map(), candidates: new Map() };
  let links = db.selectFrom("links").selectAll();
  let candidates = db.selectFrom("link_candidates").selectAll();
  if (scope.app) {
    links = links.where("app", "=", scope.app);
    candidates = candidates.where("app", "=", scope.app);
  }
  if (scope.accounts) {
    const pairs = scope.accounts;
    links = links.where((eb) =>
      eb.or(pairs.map((p) => eb.and([eb("app", "=", p.app), eb("account_external_id", "=", p.externalId)]))),
    );
    candidates = candidates.where((eb) =>
      eb.or(pairs.map((p) => eb.and([eb("app", "=", p.app), eb("account_external_id", "=", p.externalId)]))),
    );
  }
  return { links: group(await links.orderBy("id").execute()), candidates: group(await candidates.execute()) };
}

function readable(a: AccountIdentity): boolean {
  if (a.email_norm) return true;
  const username = a.username?.trim();
  return Boolean(username && username !== REDACTED);
}

/** The account's situation from stored rows; a manual decision wins over a computed link. */
export function linkViewOf(a: AccountIdentity, rows: LinkRows, analyzed: boolean): LinkView {
  const key = decisionKey(a.app, a.external_id);
  const links = rows.links.get(key) ?? [];
  const manual = links.filter((l) => l.decision !== null).at(-1);
  const computed = links.find((l) => l.decision === null);
  const candidates: CandidateView[] = (rows.candidates.get(key) ?? []).map((c) => ({
    employeeId: c.employee_id,
    reason: c.reason === "guess" ? "guess" : "disputed",
    matcher: c.matcher,
    confidence: c.confidence,
    on: (JSON.parse(c.evidence) as { on?: string }).on ?? null,
  }));
  const base: LinkView = {
    situation: "unmatched",
    employeeId: null,
    matcher: null,
    confidence: null,
    matchedOn: null,
    decision: null,
    candidates: [],
    analyzed: analyzed || manual !== undefined,
  };
  if (manual) {
    const decision = manual.decision as DecisionKind;
    const note = manual.evidence
      ? ((JSON.parse(manual.evidence) as { note?: string | null }).note ?? null)
      : null;
    return {
      ...base,
      situation: decision === "link" ? "linked" : decision === "ignore" ? "ignored" : "unmatched",
      employeeId: manual.employee_id,
      matcher: "manual",
      confidence: 1,
      decision: { decision, note, decidedAt: manual.created_at },
    };
  }
  if (computed) {
    return {
      ...base,
      situation: "linked",
      employeeId: computed.employee_id,
      matcher: computed.matcher,
      confidence: computed.confidence,
      matchedOn: computed.matcher.startsWith("username") ? a.username : a.email_norm,
    };
  }
  if (candidates.some((c) => c.reason === "disputed"))
    return { ...base, situation: "disputed", candidates: candidates.filter((c) => c.reason === "disputed") };
  if (!readable(a)) return { ...base, situation: "unknown" };
  return { ...base, candidates };
}
