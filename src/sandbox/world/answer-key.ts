/**
 * The answer key: one entry per finding roster is expected to report, derived from the generator's ground truth
 * (who really holds each account, what was planted) — never by matching addresses back to people.
 *
 * Only access-capable accounts (active or invited) get findings. Identity findings (leaver-active, orphan,
 * disputed, external, duplicate) need a readable identity; a Productboard member whose PII is redacted gets
 * unknown-identity instead, and keeps its role- and status-based findings (privileged, pending-invite).
 */
import { FINDING_KINDS } from "../../core/finding.ts";
import { normaliseEmail } from "../../core/person.ts";
import { type AccountDraft, type AppProfile, type DraftContext, draftCapable } from "./draft.ts";
import { DAY_MS } from "./instant.ts";
import { type AnswerKeyEntry, APP_NAMES, type AppName } from "./types.ts";

export interface AppAnswerInput {
  profile: AppProfile;
  drafts: readonly AccountDraft[];
  /** Parallel to `drafts`: each account's external id in the app. */
  externalIds: readonly string[];
  /** How the app spells the account's admin-like role, for the note. */
  privilege: (index: number) => string;
}

function entry(kind: AnswerKeyEntry["kind"], app: string, externalId: string, note: string): AnswerKeyEntry {
  return { kind, app, externalId, note };
}

export function appAnswerKey(input: AppAnswerInput, ctx: DraftContext): AnswerKeyEntry[] {
  const { profile, drafts, externalIds } = input;
  const app = profile.app;
  const { hr, asOfMs, thresholds } = ctx;
  const companyDomains = new Set(ctx.domains.map((d) => d.toLowerCase()));
  const staleBefore = asOfMs - thresholds.staleDays * DAY_MS;
  const inviteBefore = asOfMs - thresholds.inviteDays * DAY_MS;
  const days = (ms: number) => Math.floor((asOfMs - ms) / DAY_MS);
  const entries: AnswerKeyEntry[] = [];
  /** Per owner, the capable accounts roster can link to them (by readable, undisputed address). */
  const firstLinked = new Map<number, string>();
  const moreLinked = new Map<number, string[]>();

  for (let i = 0; i < drafts.length; i++) {
    const draft = drafts[i]!;
    if (!draftCapable(draft)) continue;
    const externalId = externalIds[i]!;
    if (draft.redacted) {
      entries.push(
        entry("unknown-identity", app, externalId, "name and e-mail are [redacted] for the REST token"),
      );
    } else {
      const email = normaliseEmail(draft.email);
      if (hr.shared.has(email)) {
        entries.push(
          entry("disputed", app, externalId, draft.plant ?? `${email} belongs to two people in HR`),
        );
      } else if (draft.owner < 0) {
        entries.push(entry("orphan", app, externalId, draft.plant ?? "no one in HR holds this address"));
      } else {
        const person = hr.hr[draft.owner]!;
        if (person.status === "terminated") {
          entries.push(
            entry("leaver-active", app, externalId, `${person.employeeId} left on ${person.endDate}`),
          );
        }
        const first = firstLinked.get(draft.owner);
        if (first === undefined) firstLinked.set(draft.owner, externalId);
        else moreLinked.set(draft.owner, [...(moreLinked.get(draft.owner) ?? [first]), externalId]);
      }
      const domain = email.slice(email.lastIndexOf("@") + 1);
      if (!companyDomains.has(domain))
        entries.push(entry("external", app, externalId, `address at ${domain}`));
    }
    if (profile.activity && draft.state === "active") {
      if (draft.lastSeenMs !== null && draft.lastSeenMs < staleBefore) {
        entries.push(
          entry("stale", app, externalId, `last active ${days(draft.lastSeenMs)} days before asOf`),
        );
      } else if (draft.lastSeenMs === null && draft.createdMs < staleBefore) {
        const note = `never active; created ${days(draft.createdMs)} days before asOf`;
        entries.push(entry("stale", app, externalId, note));
      }
    }
    if (draft.state === "invited" && draft.createdMs < inviteBefore) {
      const note = `invited ${days(draft.createdMs)} days before asOf, never accepted`;
      entries.push(entry("pending-invite", app, externalId, note));
    }
    if (draft.admin) entries.push(entry("privileged", app, externalId, input.privilege(i)));
  }

  for (const [owner, ids] of moreLinked) {
    entries.push({
      kind: "duplicate",
      app,
      employeeId: hr.hr[owner]!.employeeId,
      note: `${ids.length} accounts: ${ids.join(", ")}`,
    });
  }
  return entries;
}

const APP_ORDER = new Map<string, number>(APP_NAMES.map((name, i) => [name, i]));
const KIND_ORDER = new Map<string, number>(FINDING_KINDS.map((kind, i) => [kind, i]));

/** Sorted by app (in APP_NAMES order), kind (in FINDING_KINDS order), then id. */
export function sortAnswerKey(entries: AnswerKeyEntry[]): AnswerKeyEntry[] {
  const id = (e: AnswerKeyEntry) => e.externalId ?? e.employeeId ?? "";
  return entries.sort(
    (a, b) =>
      APP_ORDER.get(a.app)! - APP_ORDER.get(b.app)! ||
      KIND_ORDER.get(a.kind)! - KIND_ORDER.get(b.kind)! ||
      id(a).length - id(b).length ||
      (id(a) < id(b) ? -1 : id(a) > id(b) ? 1 : 0),
  );
}

export function isAppName(name: string): name is AppName {
  return APP_ORDER.has(name);
}
