/**
 * `generateWorld`: the synthetic company — HR export, each app's initial state, and the answer key — as a pure,
 * deterministic function of `{ people, seed, asOf, domains }`.
 */
import type { Rng } from "../kit/rng.ts";
import { appAnswerKey, sortAnswerKey } from "./answer-key.ts";
import { doceboState } from "./apps/docebo.ts";
import { podioState } from "./apps/podio.ts";
import { productboardState } from "./apps/productboard.ts";
import { PRODUCTIVE_ROLES, productiveState } from "./apps/productive.ts";
import { PROOFHUB_ROLES, proofhubState } from "./apps/proofhub.ts";
import { baselineDrafts } from "./baseline.ts";
import { companyName, DEFAULT_AS_OF, DEFAULT_DOMAINS, DEFAULT_THRESHOLDS } from "./company.ts";
import { generateCredentials } from "./credentials.ts";
import { type AccountDraft, APP_PROFILES, type DraftContext } from "./draft.ts";
import { generateHr } from "./hr.ts";
import { plantProblems } from "./plants.ts";
import { STREAMS, streamRng } from "./random.ts";
import { type AnswerKeyEntry, APP_NAMES, type AppName, type World } from "./types.ts";

export interface GenerateWorldOptions {
  /** Number of people in HR (0 → empty HR and empty apps, credentials still complete). */
  people: number;
  /** Any integer in [0, 2^32): the same seed gives the same world, byte for byte. */
  seed: number;
  /** ISO-8601 instant the world describes. Default `2026-11-01T00:00:00.000Z`. */
  asOf?: string;
  /** Company e-mail domains, primary first. Default `northwind.example`, `northwind-labs.example`. */
  domains?: string[];
  /**
   * Share of people holding an account, for every app (one number) or per app; each app's own default otherwise
   * (Productboard 0.35, Productive 0.6, ProofHub 0.45, Podio 0.4, Docebo 0.85). From 0.01 to 0.95.
   */
  coverage?: number | Partial<Record<AppName, number>>;
}

export const MAX_PEOPLE = 1_000_000;
const EARLIEST_AS_OF = Date.parse("2020-01-01T00:00:00.000Z");
const LATEST_AS_OF = Date.parse("2200-01-01T00:00:00.000Z");

export function generateWorld(options: GenerateWorldOptions): World {
  const { people, seed } = options;
  if (!Number.isInteger(people) || people < 0 || people > MAX_PEOPLE) {
    throw new RangeError(`people must be a whole number from 0 to ${MAX_PEOPLE}, got ${people}`);
  }
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
    throw new RangeError(`seed must be a whole number from 0 to 4294967295, got ${seed}`);
  }
  const asOfMs = Date.parse(options.asOf ?? DEFAULT_AS_OF);
  if (Number.isNaN(asOfMs)) throw new RangeError(`asOf must be an ISO-8601 instant, got ${options.asOf}`);
  if (asOfMs < EARLIEST_AS_OF || asOfMs > LATEST_AS_OF) {
    // The company and its apps have fixed founding and roll-out dates (2011–2019).
    throw new RangeError(`asOf must be between 2020-01-01 and 2200-01-01, got ${options.asOf}`);
  }
  const domains = (options.domains ?? [...DEFAULT_DOMAINS]).map((d) => d.trim().toLowerCase());
  if (domains.length === 0 || domains.some((d) => !/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(d))) {
    throw new RangeError(`domains must be one or more domain names, got ${JSON.stringify(options.domains)}`);
  }
  if (new Set(domains).size !== domains.length) throw new RangeError("domains must not repeat");

  const coverage = coverageOption(options.coverage);
  const thresholds = { ...DEFAULT_THRESHOLDS };
  const hr = generateHr(streamRng(seed, STREAMS.hr), people, domains, asOfMs);
  const ctx: DraftContext = { hr, asOfMs, domains, thresholds };
  const credentials = generateCredentials(seed, domains[0]!);
  const name = companyName(domains[0]!);
  const answerKey: AnswerKeyEntry[] = [];
  const build = { seed, ctx, answerKey, coverage };

  const productboard = buildApp(
    "productboard",
    build,
    (rng, drafts) => productboardState(rng, drafts, ctx, credentials.productboard),
    ({ state }) =>
      (i) =>
        `role ${state.members[i]!.role}`,
  );
  const productive = buildApp(
    "productive",
    build,
    (rng, drafts) => productiveState(rng, drafts, ctx, credentials.productive),
    ({ state, externalIds }) => {
      const roles = new Map(PRODUCTIVE_ROLES.map((role) => [role.id, role.name]));
      const people = new Map(state.people.map((p) => [p.id, p]));
      return (i) => `role ${roles.get(people.get(externalIds[i]!)!.role_id)} (admin)`;
    },
  );
  const proofhub = buildApp(
    "proofhub",
    build,
    (rng, drafts) => proofhubState(rng, drafts, ctx, credentials.proofhub),
    ({ state }) => {
      const roles = new Map(PROOFHUB_ROLES.map((role) => [role.id, role.name]));
      return (i) => `role ${roles.get(state.people[i]!.role.id)} (admin)`;
    },
  );
  const podio = buildApp(
    "podio",
    build,
    (rng, drafts) =>
      podioState(rng, drafts, ctx, credentials.podio, { org_id: rng.int(100_000, 999_999), name }),
    () => () => "org role admin",
  );
  const docebo = buildApp(
    "docebo",
    build,
    (rng, drafts) => doceboState(rng, drafts, ctx, credentials.docebo, name),
    ({ state }) =>
      (i) =>
        `level ${state.users[i]!.level}`,
  );

  return {
    seed,
    people,
    asOf: new Date(asOfMs).toISOString(),
    company: { name, domains },
    thresholds,
    hr: hr.hr,
    apps: {
      productboard,
      productive,
      proofhub,
      podio,
      docebo,
    },
    answerKey: sortAnswerKey(answerKey),
  };
}

const MIN_COVERAGE = 0.01;
const MAX_COVERAGE = 0.95;

function coverageOption(value: GenerateWorldOptions["coverage"]): Partial<Record<AppName, number>> {
  if (value === undefined) return {};
  const shares: Partial<Record<AppName, number>> =
    typeof value === "number" ? Object.fromEntries(APP_NAMES.map((app) => [app, value])) : value;
  for (const [app, share] of Object.entries(shares)) {
    if (!(APP_NAMES as readonly string[]).includes(app))
      throw new RangeError(`coverage names an unknown app: ${app} (apps: ${APP_NAMES.join(", ")})`);
    if (typeof share !== "number" || !(share >= MIN_COVERAGE && share <= MAX_COVERAGE))
      throw new RangeError(
        `coverage of ${app} must be a share from ${MIN_COVERAGE} to ${MAX_COVERAGE}, got ${share}`,
      );
  }
  return shares;
}

interface Materialized<S> {
  state: S;
  /** Parallel to the drafts: each account's external id. */
  externalIds: string[];
}

/**
 * One app: draft its accounts, plant problems, turn the drafts into the app's state, and append its answer-key
 * entries. The drafts are dropped on return, so a large world never holds all five apps' drafts at once.
 */
function buildApp<S>(
  app: AppName,
  {
    seed,
    ctx,
    answerKey,
    coverage,
  }: {
    seed: number;
    ctx: DraftContext;
    answerKey: AnswerKeyEntry[];
    coverage: Partial<Record<AppName, number>>;
  },
  materialize: (rng: Rng, drafts: AccountDraft[]) => Materialized<S>,
  privilege: (built: Materialized<S>) => (index: number) => string,
): S {
  const rng = streamRng(seed, STREAMS[app]);
  const profile = { ...APP_PROFILES[app], coverage: coverage[app] ?? APP_PROFILES[app].coverage };
  const baseline = baselineDrafts(rng, profile, ctx);
  plantProblems(rng, profile, ctx, baseline);
  const drafts = byCreation(baseline);
  const built = materialize(rng, drafts);
  const entries = appAnswerKey(
    { profile, drafts, externalIds: built.externalIds, privilege: privilege(built) },
    ctx,
  );
  for (const entry of entries) answerKey.push(entry);
  return built.state;
}

/**
 * Drafts in creation order (ties keep their order), so ids grow with age as in the real apps. Sorting packed
 * numbers (seconds · 2^20 + index) natively avoids millions of comparator calls in a 100k world.
 */
function byCreation(drafts: AccountDraft[]): AccountDraft[] {
  const keys = new Float64Array(drafts.length);
  for (let i = 0; i < drafts.length; i++) keys[i] = Math.floor(drafts[i]!.createdMs / 1000) * 1_048_576 + i;
  keys.sort();
  const out = new Array<AccountDraft>(drafts.length);
  for (let i = 0; i < keys.length; i++) out[i] = drafts[keys[i]! % 1_048_576]!;
  return out;
}
