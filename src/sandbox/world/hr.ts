/**
 * The HR export of the synthetic company: people with departments, titles, a manager hierarchy, statuses and
 * dates, primary e-mails with aliases, and a few role addresses HR lists on two people (planted disputes).
 */
import type { Rng } from "../kit/rng.ts";
import { DEPARTMENTS, FOUNDED_AT, SHARED_ALIAS_LOCALS } from "./company.ts";
import { DAY_MS, flat, isoDate } from "./instant.ts";
import { emailLocalPart, FIRST_NAMES, LAST_NAMES } from "./names.ts";
import { sample, weightedIndex } from "./random.ts";
import type { HrRecord } from "./types.ts";

/** The HR export plus what the generator knows about it and does not write down. */
export interface HrGeneration {
  hr: HrRecord[];
  /** Parallel to `hr`: department index into DEPARTMENTS, start and end instants (ms, midnight UTC). */
  department: number[];
  startMs: number[];
  endMs: (number | null)[];
  /** Parallel to `hr`: CEO, department heads and team leads. */
  isManager: boolean[];
  /** Role addresses listed on two people: the current holder and the previous one. */
  shared: Map<string, { holder: number; previous: number }>;
}

const ALIAS_SHARE = 0.3;
const LEAD_SHARE = 0.12;

export function generateHr(
  rng: Rng,
  people: number,
  domains: readonly string[],
  asOfMs: number,
): HrGeneration {
  const primaryDomain = domains[0]!;
  const legacyDomain = domains[1] ?? null;
  const cumulative: number[] = [];
  let total = 0;
  for (const dept of DEPARTMENTS) {
    total += dept.weight;
    cumulative.push(total);
  }
  const foundedMs = Date.parse(FOUNDED_AT);
  const spanDays = Math.max(60, Math.floor((asOfMs - foundedMs) / DAY_MS));
  const todayMs = Math.floor(asOfMs / DAY_MS) * DAY_MS;

  const out: HrGeneration = {
    hr: [],
    department: [],
    startMs: [],
    endMs: [],
    isManager: [],
    shared: new Map(),
  };
  const heads = new Map<number, number>();
  const leads = new Map<number, number[]>();
  // Primary addresses are unique by construction: `first.last`, then `first.last2`, … per folded name pair (names
  // never contain digits). Folding can merge names (García / Garcia), so count per folded pair, keyed by number.
  const firstLocal = FIRST_NAMES.map(emailLocalPart);
  const lastLocal = LAST_NAMES.map(emailLocalPart);
  const foldIds = new Map<string, number>();
  const foldId = (local: string) => {
    let id = foldIds.get(local);
    if (id === undefined) {
      id = foldIds.size;
      foldIds.set(local, id);
    }
    return id;
  };
  const firstFold = firstLocal.map(foldId);
  const lastFold = lastLocal.map(foldId);
  const seen = new Map<number, number>();
  const shortTaken = new Set<string>();

  for (let i = 0; i < people; i++) {
    const fi = rng.int(0, FIRST_NAMES.length - 1);
    const li = rng.int(0, LAST_NAMES.length - 1);
    const firstName = FIRST_NAMES[fi]!;
    const lastName = LAST_NAMES[li]!;
    let dept: number;
    let title: string;
    let managerIndex: number | null;
    let manager = true;
    if (i === 0) {
      dept = 0;
      title = "Chief Executive Officer";
      managerIndex = null;
    } else {
      dept = weightedIndex(rng, cumulative);
      const d = DEPARTMENTS[dept]!;
      const head = heads.get(dept);
      if (head === undefined) {
        heads.set(dept, i);
        title = d.head;
        managerIndex = 0;
      } else if (rng.chance(LEAD_SHARE)) {
        title = d.lead;
        managerIndex = head;
        const list = leads.get(dept) ?? [];
        list.push(i);
        leads.set(dept, list);
      } else {
        title = rng.pick(d.titles);
        const teamLeads = leads.get(dept);
        managerIndex = teamLeads && rng.chance(0.85) ? rng.pick(teamLeads) : head;
        manager = false;
      }
    }

    // Managers stay employed; everyone else: ~85.5% active, ~3.5% leave, ~11% terminated (≈ 87 / 3 / 10 overall).
    const roll = rng.next();
    const status = manager || roll < 0.855 ? "active" : roll < 0.89 ? "leave" : "terminated";
    let startDaysAgo =
      i === 0 ? spanDays : Math.floor(spanDays * rng.next() ** (manager ? 0.8 : 1.6)) + (manager ? 30 : 3);
    if (status === "leave") startDaysAgo = Math.max(startDaysAgo, 120 + rng.int(0, 400));
    if (status === "terminated") startDaysAgo = Math.max(startDaysAgo, 60 + rng.int(0, 300));
    startDaysAgo = Math.min(startDaysAgo, spanDays);
    const startMs = todayMs - startDaysAgo * DAY_MS;
    let endMs: number | null = null;
    if (status === "terminated") {
      const tenure = startDaysAgo - 30;
      endMs = todayMs - (1 + Math.floor(rng.next() ** 1.5 * Math.min(1100, tenure))) * DAY_MS;
    }

    const pair = firstFold[fi]! * foldIds.size + lastFold[li]!;
    const suffix = (seen.get(pair) ?? 0) + 1;
    seen.set(pair, suffix);
    const local = `${firstLocal[fi]}.${lastLocal[li]}${suffix > 1 ? suffix : ""}`;
    const email = flat(`${local}@${primaryDomain}`);
    const aliases: string[] = [];
    if (rng.chance(ALIAS_SHARE)) {
      const short = flat(`${firstLocal[fi]![0]}${lastLocal[li]}@${primaryDomain}`);
      const wantShort = legacyDomain === null || rng.chance(0.6);
      if (wantShort && !shortTaken.has(short)) {
        shortTaken.add(short);
        aliases.push(short);
      }
      if (legacyDomain !== null && (!wantShort || rng.chance(0.35))) {
        aliases.push(flat(`${local}@${legacyDomain}`));
      }
    }

    out.hr.push({
      employeeId: employeeId(i),
      email,
      aliases,
      firstName,
      lastName,
      department: DEPARTMENTS[dept]!.name,
      title,
      managerId: managerIndex === null ? null : employeeId(managerIndex),
      status,
      startDate: isoDate(startMs),
      endDate: endMs === null ? null : isoDate(endMs),
    });
    out.department.push(dept);
    out.startMs.push(startMs);
    out.endMs.push(endMs);
    out.isManager.push(manager);
  }

  ensureLeavers(rng, out, todayMs);
  plantSharedAliases(rng, out, primaryDomain);
  return out;
}

/** Small companies still get a few leavers (the planted leaver-active findings need them). */
function ensureLeavers(rng: Rng, out: HrGeneration, todayMs: number): void {
  const wanted = Math.min(3, Math.floor(out.hr.length / 8));
  const terminated = out.hr.filter((p) => p.status === "terminated").length;
  const candidates = out.hr
    .map((_, i) => i)
    .filter(
      (i) => out.hr[i]!.status === "active" && !out.isManager[i] && out.startMs[i]! < todayMs - 400 * DAY_MS,
    );
  for (const i of sample(rng, candidates, wanted - terminated)) {
    const endMs = todayMs - rng.int(20, 300) * DAY_MS;
    out.hr[i]!.status = "terminated";
    out.hr[i]!.endDate = isoDate(endMs);
    out.endMs[i] = endMs;
  }
}

/** `E000042`: stable, sortable ids. */
export function employeeId(index: number): string {
  return `E${String(index + 1).padStart(6, "0")}`;
}

/**
 * A role address (e.g. `payroll@`) that HR lists on both its current holder and a previous one — typically
 * someone who left. Any account registered under it matches two people: a planted `disputed` finding.
 */
function plantSharedAliases(rng: Rng, out: HrGeneration, domain: string): void {
  const people = out.hr.length;
  if (people < 2) return;
  const count = Math.min(240, Math.max(2, Math.round(people / 400)), Math.floor(people / 2));
  const active: number[] = [];
  const terminated: number[] = [];
  out.hr.forEach((person, i) => {
    if (person.status === "active") active.push(i);
    else if (person.status === "terminated") terminated.push(i);
  });
  const holders = sample(rng, active.length >= count ? active : out.hr.map((_, i) => i), count);
  const used = new Set(holders);
  const previousPool = sample(rng, terminated, terminated.length).filter((i) => !used.has(i));
  for (let k = 0; k < holders.length; k++) {
    const holder = holders[k]!;
    let previous = previousPool.pop();
    if (previous === undefined) {
      let candidate = rng.int(0, people - 1);
      while (used.has(candidate)) candidate = (candidate + 1) % people;
      previous = candidate;
    }
    used.add(previous);
    const round = Math.floor(k / SHARED_ALIAS_LOCALS.length);
    const local = SHARED_ALIAS_LOCALS[k % SHARED_ALIAS_LOCALS.length]! + (round > 0 ? `-${round + 1}` : "");
    const address = `${local}@${domain}`;
    out.hr[holder]!.aliases.push(address);
    out.hr[previous]!.aliases.push(address);
    out.shared.set(address, { holder, previous });
  }
}
