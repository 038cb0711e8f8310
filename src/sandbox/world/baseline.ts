/**
 * Ordinary accounts: which people hold an account in an app (by department affinity), created when they joined or
 * when the app was rolled out, recently active, and offboarded (disabled or removed) when they left.
 */
import type { Rng } from "../kit/rng.ts";
import { APP_CORE_DEPARTMENTS, DEPARTMENTS } from "./company.ts";
import type { AccountDraft, AppProfile, DraftContext } from "./draft.ts";
import { DAY_MS } from "./instant.ts";
import { between } from "./random.ts";

const HOUR_MS = 3_600_000;
const CORE_WEIGHT = 2.2;

/**
 * Per department, the probability that one of its people holds an account in the app: core departments are
 * more than twice as likely, scaled so the company-wide share matches the profile's coverage.
 */
export function coverageByDepartment(profile: AppProfile): number[] {
  const core = new Set(APP_CORE_DEPARTMENTS[profile.app]);
  const total = DEPARTMENTS.reduce((sum, dept) => sum + dept.weight, 0);
  const weight = DEPARTMENTS.map((dept) => (core.has(dept.name) ? CORE_WEIGHT : 1));
  let scale = profile.coverage;
  let p = weight.map(() => profile.coverage);
  for (let round = 0; round < 30; round++) {
    p = weight.map((w) => Math.min(0.97, scale * w));
    const mean = DEPARTMENTS.reduce((sum, dept, d) => sum + (dept.weight / total) * p[d]!, 0);
    scale *= profile.coverage / mean;
  }
  return p;
}

/** Whether the person worked at the company while it used the app (long enough to get an account). */
export function overlapsApp(ctx: DraftContext, person: number, adoptedMs: number): boolean {
  const end = ctx.hr.endMs[person] ?? ctx.asOfMs;
  return end > Math.max(adoptedMs, ctx.hr.startMs[person]!) + 30 * DAY_MS;
}

/** When the person's account was created: at onboarding, or during the app's roll-out for earlier hires. */
export function onboardingMs(rng: Rng, ctx: DraftContext, person: number, adoptedMs: number): number {
  const start = ctx.hr.startMs[person]!;
  const from = Math.max(start, adoptedMs);
  const spread = start >= adoptedMs ? 14 * DAY_MS : 180 * DAY_MS;
  const cap = (ctx.hr.endMs[person] ?? ctx.asOfMs) - HOUR_MS;
  return between(rng, from, Math.min(from + spread, cap));
}

export function personDraft(person: number, ctx: DraftContext, createdMs: number): AccountDraft {
  const record = ctx.hr.hr[person]!;
  return {
    owner: person,
    email: record.email,
    firstName: record.firstName,
    lastName: record.lastName,
    department: ctx.hr.department[person]!,
    state: "active",
    admin: false,
    createdMs,
    lastSeenMs: null,
    disabledMs: null,
    redacted: false,
    orphan: null,
    plant: null,
    duplicateOf: null,
  };
}

/** Recent activity of someone who works here: well inside the stale threshold. */
export function recentActivity(rng: Rng, ctx: DraftContext, createdMs: number): number {
  return between(rng, Math.max(createdMs, ctx.asOfMs - 40 * DAY_MS), ctx.asOfMs - 10 * 60_000);
}

/** The offboarded state of a leaver's account: disabled a few days after the last day. */
export function offboard(rng: Rng, ctx: DraftContext, draft: AccountDraft): void {
  const end = ctx.hr.endMs[draft.owner]!;
  draft.state = "disabled";
  draft.disabledMs = between(
    rng,
    Math.max(end, draft.createdMs),
    Math.min(end + 14 * DAY_MS, ctx.asOfMs - HOUR_MS),
  );
  draft.lastSeenMs = rng.chance(0.9) ? between(rng, Math.max(draft.createdMs, end - 20 * DAY_MS), end) : null;
}

/** One draft per covered person, in HR order. */
export function baselineDrafts(rng: Rng, profile: AppProfile, ctx: DraftContext): AccountDraft[] {
  const adoptedMs = Date.parse(profile.adoptedAt);
  const coverage = coverageByDepartment(profile);
  const drafts: AccountDraft[] = [];
  const people = ctx.hr.hr.length;
  for (let person = 0; person < people; person++) {
    const covered = rng.chance(coverage[ctx.hr.department[person]!]!);
    if (!covered || !overlapsApp(ctx, person, adoptedMs)) continue;
    const status = ctx.hr.hr[person]!.status;
    if (status === "terminated" && profile.removesLeavers && rng.chance(0.35)) continue;
    const draft = personDraft(person, ctx, onboardingMs(rng, ctx, person, adoptedMs));
    if (status === "terminated") {
      offboard(rng, ctx, draft);
    } else if (status === "leave") {
      // On leave: still employed, access kept, not seen for a while (but not long enough to look stale).
      draft.lastSeenMs = between(
        rng,
        Math.max(draft.createdMs, ctx.asOfMs - 80 * DAY_MS),
        ctx.asOfMs - 10 * DAY_MS,
      );
    } else {
      const roll = rng.next();
      if (roll < 0.02 && profile.invites) {
        draft.state = "invited";
        draft.createdMs = between(
          rng,
          Math.max(ctx.hr.startMs[person]!, ctx.asOfMs - 25 * DAY_MS),
          ctx.asOfMs - HOUR_MS,
        );
      } else if (roll < 0.035) {
        draft.state = "disabled";
        draft.disabledMs = between(rng, draft.createdMs, ctx.asOfMs - DAY_MS);
        draft.lastSeenMs = between(rng, draft.createdMs, draft.disabledMs);
      } else if (draft.createdMs > ctx.asOfMs - 20 * DAY_MS && rng.chance(0.4)) {
        draft.lastSeenMs = null; // a new joiner who has not signed in yet
      } else {
        draft.lastSeenMs = recentActivity(rng, ctx, draft.createdMs);
      }
    }
    drafts.push(draft);
  }
  return drafts;
}
