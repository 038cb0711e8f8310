/**
 * Accounts nobody in HR holds: contractors and partner-agency guests, people who signed up with a personal
 * address, and shared or service mailboxes on the company domain. None of their addresses is in HR.
 */
import type { Rng } from "../kit/rng.ts";
import { PARTNER_DOMAINS, PERSONAL_DOMAINS, SERVICE_LOCALS } from "./company.ts";
import type { AccountDraft, AppProfile, DraftContext, OrphanKind } from "./draft.ts";
import { DAY_MS } from "./instant.ts";
import { emailLocalPart, FIRST_NAMES, LAST_NAMES } from "./names.ts";
import { between } from "./random.ts";

const KIND_CYCLE: readonly OrphanKind[] = ["contractor", "personal", "service"];

/**
 * `count` orphan drafts with addresses unique within the app (`taken` holds the app's lower-cased addresses and
 * is updated). The first three are one of each kind and active, so every kind shows up even in a tiny world.
 */
export function orphanDrafts(
  rng: Rng,
  profile: AppProfile,
  ctx: DraftContext,
  count: number,
  taken: Set<string>,
): AccountDraft[] {
  const adoptedMs = Date.parse(profile.adoptedAt);
  const out: AccountDraft[] = [];
  for (let k = 0; k < count; k++) {
    const roll = rng.next();
    const kind: OrphanKind =
      k < KIND_CYCLE.length
        ? KIND_CYCLE[k]!
        : roll < 0.5
          ? "contractor"
          : roll < 0.8
            ? "personal"
            : "service";
    const { email, firstName, lastName, plant } = orphanIdentity(rng, kind, ctx, taken);
    taken.add(email);
    const createdMs = between(rng, Math.max(adoptedMs, ctx.asOfMs - 900 * DAY_MS), ctx.asOfMs - DAY_MS);
    const draft: AccountDraft = {
      owner: -1,
      email,
      firstName,
      lastName,
      department: -1,
      state: "active",
      admin: false,
      createdMs,
      lastSeenMs: between(rng, Math.max(createdMs, ctx.asOfMs - 60 * DAY_MS), ctx.asOfMs - 60_000),
      disabledMs: null,
      redacted: false,
      orphan: kind,
      plant,
      duplicateOf: null,
    };
    const state = k < KIND_CYCLE.length ? 0 : rng.next();
    if (state > 0.9) {
      draft.state = "disabled";
      draft.disabledMs = between(rng, createdMs, ctx.asOfMs - DAY_MS);
      draft.lastSeenMs = between(rng, createdMs, draft.disabledMs);
    } else if (state > 0.8 && profile.invites) {
      // A guest who never accepted: half of these invitations are old enough to be pending-invite findings.
      draft.state = "invited";
      draft.lastSeenMs = null;
      draft.createdMs = rng.chance(0.5)
        ? between(rng, ctx.asOfMs - 25 * DAY_MS, ctx.asOfMs - DAY_MS)
        : between(rng, Math.max(adoptedMs, ctx.asOfMs - 300 * DAY_MS), ctx.asOfMs - 35 * DAY_MS);
    }
    out.push(draft);
  }
  return out;
}

function orphanIdentity(
  rng: Rng,
  kind: OrphanKind,
  ctx: DraftContext,
  taken: Set<string>,
): { email: string; firstName: string; lastName: string; plant: string } {
  if (kind === "service") {
    const local = rng.pick(SERVICE_LOCALS);
    const domain = rng.pick(ctx.domains);
    const email = unique(`${local}@${domain}`, taken, ctx);
    const words = local.split("-").map((w) => w[0]!.toUpperCase() + w.slice(1));
    return {
      email,
      firstName: words[0]!,
      lastName: words.slice(1).join(" ") || "Account",
      plant: "shared or service mailbox, not a person in HR",
    };
  }
  const firstName = rng.pick(FIRST_NAMES);
  const lastName = rng.pick(LAST_NAMES);
  const first = emailLocalPart(firstName);
  const last = emailLocalPart(lastName);
  if (kind === "contractor") {
    const domain = rng.pick(PARTNER_DOMAINS);
    const local = rng.chance(0.6) ? `${first}.${last}` : `${first[0]}${last}`;
    return {
      email: unique(`${local}@${domain}`, taken, ctx),
      firstName,
      lastName,
      plant: `contractor at ${domain}`,
    };
  }
  const domain = rng.pick(PERSONAL_DOMAINS);
  const local = rng.chance(0.5) ? `${first}.${last}` : `${first}${last}${rng.int(70, 99)}`;
  return { email: unique(`${local}@${domain}`, taken, ctx), firstName, lastName, plant: "personal address" };
}

/**
 * The address, or the address with a number before the `@`, unused in this app. It cannot be an HR address: HR
 * holds `first.last…`, `flast` and role addresses, while orphans use other domains or hyphenated service names
 * (the role addresses are checked anyway).
 */
function unique(email: string, taken: Set<string>, ctx: DraftContext): string {
  const at = email.lastIndexOf("@");
  let candidate = email;
  for (let n = 2; taken.has(candidate) || ctx.hr.shared.has(candidate); n++) {
    candidate = `${email.slice(0, at)}${n}${email.slice(at)}`;
  }
  return candidate;
}
