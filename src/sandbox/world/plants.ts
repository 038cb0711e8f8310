/**
 * Planted problems on top of the ordinary accounts: leavers still active, correlation traps (case, spaces,
 * aliases), stale accounts, old invitations, duplicates, disputed role addresses, orphans, admins and redacted PII.
 * Counts scale with the app's accounts and never fall below a small minimum, so even a 50-person world has some.
 */
import type { Rng } from "../kit/rng.ts";
import { onboardingMs, overlapsApp, personDraft, recentActivity } from "./baseline.ts";
import { DEPARTMENTS } from "./company.ts";
import type { AccountDraft, AppProfile, DraftContext } from "./draft.ts";
import { caseVariant, spaceVariant } from "./email-variants.ts";
import { DAY_MS } from "./instant.ts";
import { orphanDrafts } from "./orphans.ts";
import { between, sample, shuffle } from "./random.ts";

const ADMIN_DEPARTMENTS = new Set(["IT", "Security", "Executive"]);

export function plantProblems(
  rng: Rng,
  profile: AppProfile,
  ctx: DraftContext,
  drafts: AccountDraft[],
): void {
  const n = drafts.length;
  const quota = (rate: number, min: number) => Math.max(min, Math.round(rate * n));
  const adoptedMs = Date.parse(profile.adoptedAt);
  const { hr, asOfMs } = ctx;
  const staleBoundary = asOfMs - ctx.thresholds.staleDays * DAY_MS;
  const status = (d: AccountDraft) => (d.owner < 0 ? null : hr.hr[d.owner]!.status);
  /** Earliest instant the owner could have had an account. */
  const floor = (d: AccountDraft) => Math.max(hr.startMs[d.owner]!, adoptedMs);
  const usableAliases = (person: number) => {
    const aliases = hr.hr[person]!.aliases;
    return aliases.length === 0 ? aliases : aliases.filter((alias) => !hr.shared.has(alias));
  };
  const pick = (count: number, accept: (d: AccountDraft) => boolean) =>
    sample(
      rng,
      drafts.filter((d) => d.plant === null && accept(d)),
      count,
    );
  const employed = (d: AccountDraft) => status(d) === "active";
  /** Keep times a few days clear of the stale threshold, so a report run minutes later agrees with the key. */
  const clearOfStale = (ms: number) =>
    Math.abs(ms - staleBoundary) < 3 * DAY_MS ? staleBoundary - 3 * DAY_MS : ms;

  // Leavers whose account was never offboarded.
  const terminatedDrafts = drafts.filter((d) => d.plant === null && status(d) === "terminated");
  const leaverTarget = Math.max(2, Math.round(0.08 * terminatedDrafts.length));
  const leavers = sample(rng, terminatedDrafts, leaverTarget);
  if (leavers.length < leaverTarget) {
    const holding = new Set(drafts.map((d) => d.owner));
    const missing = hr.hr
      .map((_, i) => i)
      .filter((i) => hr.hr[i]!.status === "terminated" && !holding.has(i) && overlapsApp(ctx, i, adoptedMs));
    for (const person of sample(rng, missing, leaverTarget - leavers.length)) {
      const draft = personDraft(person, ctx, onboardingMs(rng, ctx, person, adoptedMs));
      drafts.push(draft);
      leavers.push(draft);
    }
  }
  for (const draft of leavers) {
    const end = hr.endMs[draft.owner]!;
    draft.state = "active";
    draft.disabledMs = null;
    draft.lastSeenMs = rng.chance(0.9)
      ? clearOfStale(between(rng, Math.max(draft.createdMs, end - 30 * DAY_MS), end))
      : null;
    draft.createdMs = clearOfStale(Math.min(draft.createdMs, draft.lastSeenMs ?? draft.createdMs));
    const aliases = usableAliases(draft.owner);
    if (aliases.length > 0 && rng.chance(0.25)) draft.email = rng.pick(aliases);
    else if (rng.chance(0.15)) draft.email = caseVariant(rng, draft.email);
    draft.plant = `left on ${hr.hr[draft.owner]!.endDate}, account never offboarded`;
  }

  // Duplicates: a second account of the same person under one of their aliases.
  const duplicateTarget = quota(0.005, 2);
  const firsts = pick(
    duplicateTarget,
    (d) => d.state === "active" && employed(d) && usableAliases(d.owner).length > 0,
  );
  if (firsts.length < duplicateTarget) {
    // Small worlds: bring in people with an alias who had no account here yet.
    const holding = new Set(drafts.map((d) => d.owner));
    const more = hr.hr
      .map((_, i) => i)
      .filter(
        (i) =>
          !holding.has(i) &&
          hr.hr[i]!.status === "active" &&
          usableAliases(i).length > 0 &&
          overlapsApp(ctx, i, adoptedMs),
      );
    for (const person of sample(rng, more, duplicateTarget - firsts.length)) {
      const draft = personDraft(person, ctx, onboardingMs(rng, ctx, person, adoptedMs));
      draft.lastSeenMs = recentActivity(rng, ctx, draft.createdMs);
      drafts.push(draft);
      firsts.push(draft);
    }
  }
  for (const draft of firsts) {
    const alias = rng.pick(usableAliases(draft.owner));
    const second = personDraft(draft.owner, ctx, between(rng, draft.createdMs, asOfMs - DAY_MS));
    second.email = rng.chance(0.3) ? caseVariant(rng, alias) : alias;
    second.lastSeenMs = recentActivity(rng, ctx, second.createdMs);
    second.duplicateOf = draft.owner;
    second.plant = "second account of the same person, under an alias";
    draft.plant = "first account of a person who holds two";
    drafts.push(second);
  }

  // Stale: people still employed who stopped using the app, or never signed in.
  const longTimeUser = (d: AccountDraft) =>
    d.state === "active" && employed(d) && floor(d) < asOfMs - 130 * DAY_MS;
  if (profile.activity) {
    for (const draft of pick(quota(0.03, 2), longTimeUser)) {
      const lastSeen = between(
        rng,
        Math.max(floor(draft) + DAY_MS, asOfMs - 700 * DAY_MS),
        asOfMs - 100 * DAY_MS,
      );
      draft.lastSeenMs = lastSeen;
      if (draft.createdMs > lastSeen)
        draft.createdMs = between(rng, Math.max(floor(draft), lastSeen - 200 * DAY_MS), lastSeen);
      draft.plant = "stopped using the app";
    }
    for (const draft of pick(quota(0.004, 1), longTimeUser)) {
      draft.lastSeenMs = null;
      draft.createdMs = between(rng, Math.max(floor(draft), asOfMs - 600 * DAY_MS), asOfMs - 100 * DAY_MS);
      draft.plant = "never signed in";
    }
  }

  // Invitations nobody accepted.
  if (profile.invites) {
    for (const draft of pick(quota(0.01, 2), longTimeUser)) {
      draft.state = "invited";
      draft.lastSeenMs = null;
      draft.createdMs = between(rng, Math.max(floor(draft), asOfMs - 300 * DAY_MS), asOfMs - 35 * DAY_MS);
      draft.plant = "invitation never accepted";
    }
  }

  // Disputed: an account under a role address HR lists on two people.
  const shared = [...hr.shared];
  for (const [address, { holder, previous }] of sample(rng, shared, Math.max(2, Math.round(0.0005 * n)))) {
    const createdMs = between(
      rng,
      Math.max(adoptedMs, hr.startMs[holder]!, asOfMs - 700 * DAY_MS),
      asOfMs - 2 * DAY_MS,
    );
    const draft = personDraft(holder, ctx, createdMs);
    draft.email = rng.chance(0.3) ? caseVariant(rng, address) : address;
    draft.lastSeenMs = recentActivity(rng, ctx, createdMs);
    draft.plant = `${address} is listed in HR on both ${hr.hr[holder]!.employeeId} and ${hr.hr[previous]!.employeeId}`;
    drafts.push(draft);
  }

  // Orphans: contractors, personal addresses, service mailboxes.
  if (hr.hr.length > 0) {
    const taken = new Set(drafts.map((d) => d.email.trim().toLowerCase()));
    drafts.push(...orphanDrafts(rng, profile, ctx, quota(0.015, 3), taken));
  }

  if (profile.redaction) {
    for (const draft of pick(quota(0.02, 2), (d) => d.owner >= 0 && d.state !== "disabled")) {
      draft.redacted = true;
      draft.plant = "PII hidden from the REST token";
    }
  }

  // Correlation traps: the owner is real, so none of these may become an orphan. Any account still under its
  // owner's primary address qualifies, whatever else was planted on it.
  const untouched = (count: number, accept: (d: AccountDraft) => boolean) =>
    sample(
      rng,
      drafts.filter(
        (d) =>
          d.owner >= 0 &&
          d.state !== "disabled" &&
          !d.redacted &&
          d.email === hr.hr[d.owner]!.email &&
          accept(d),
      ),
      count,
    );
  for (const draft of untouched(
    quota(0.04, 2),
    (d) => usableAliases(d.owner).length > 0 && d.plant === null,
  )) {
    const alias = rng.pick(usableAliases(draft.owner));
    draft.email = rng.chance(0.3) ? caseVariant(rng, alias) : alias;
    draft.plant = "registered under an HR alias instead of the primary address";
  }
  for (const draft of untouched(quota(0.03, 2), () => true)) {
    draft.email = caseVariant(rng, draft.email);
    draft.plant ??= "address differs from HR only in letter case";
  }
  for (const draft of untouched(quota(0.01, 1), () => true)) {
    draft.email = spaceVariant(rng, rng.chance(0.5) ? caseVariant(rng, draft.email) : draft.email);
    draft.plant ??= "address has surrounding spaces";
  }

  plantAdmins(rng, ctx, drafts, quota(profile.adminShare, 2), leavers);
}

/** A few admins, mostly from IT, Security and management; plus, in larger worlds, a leaver and a contractor. */
function plantAdmins(
  rng: Rng,
  ctx: DraftContext,
  drafts: AccountDraft[],
  count: number,
  leavers: AccountDraft[],
): void {
  const { hr } = ctx;
  const eligible = drafts.filter(
    (d) =>
      d.state === "active" && d.owner >= 0 && d.duplicateOf === null && hr.hr[d.owner]!.status === "active",
  );
  const preferred = shuffle(
    rng,
    eligible.filter((d) => ADMIN_DEPARTMENTS.has(DEPARTMENTS[d.department]!.name) || hr.isManager[d.owner]),
  );
  const others = shuffle(
    rng,
    eligible.filter(
      (d) => !(ADMIN_DEPARTMENTS.has(DEPARTMENTS[d.department]!.name) || hr.isManager[d.owner]),
    ),
  );
  const fromPreferred = Math.min(preferred.length, Math.ceil(count * 0.7));
  const chosen = [...preferred.slice(0, fromPreferred), ...others.slice(0, count - fromPreferred)];
  chosen.push(...preferred.slice(fromPreferred, fromPreferred + count - chosen.length));
  for (const draft of chosen) draft.admin = true;
  if (drafts.length >= 60) {
    const leaver = leavers[0];
    if (leaver) leaver.admin = true;
    const contractor = drafts.find((d) => d.orphan === "contractor" && d.state === "active");
    if (contractor) contractor.admin = true;
  }
}
