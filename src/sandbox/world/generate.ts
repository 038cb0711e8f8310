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
import { type AccountDraft, APP_PROFILES, type AppProfile, type DraftContext } from "./draft.ts";
import { generateHr } from "./hr.ts";
import { plantProblems } from "./plants.ts";
import { STREAMS, streamRng } from "./random.ts";
import type { AnswerKeyEntry, AppName, World } from "./types.ts";

export interface GenerateWorldOptions {
  /** Number of people in HR (0 → empty HR and empty apps, credentials still complete). */
  people: number;
  /** Any integer in [0, 2^32): the same seed gives the same world, byte for byte. */
  seed: number;
  /** ISO-8601 instant the world describes. Default `2026-11-01T00:00:00.000Z`. */
  asOf?: string;
  /** Company e-mail domains, primary first. Default `northwind.example`, `northwind-labs.example`. */
  domains?: string[];
}

export const MAX_PEOPLE = 1_000_000;

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
  const domains = (options.domains ?? [...DEFAULT_DOMAINS]).map((d) => d.trim().toLowerCase());
  if (domains.length === 0 || domains.some((d) => !/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(d))) {
    throw new RangeError(`domains must be one or more domain names, got ${JSON.stringify(options.domains)}`);
  }
  if (new Set(domains).size !== domains.length) throw new RangeError("domains must not repeat");

  const thresholds = { ...DEFAULT_THRESHOLDS };
  const hr = generateHr(streamRng(seed, STREAMS.hr), people, domains, asOfMs);
  const ctx: DraftContext = { hr, asOfMs, domains, thresholds };
  const credentials = generateCredentials(seed, domains[0]!);
  const name = companyName(domains[0]!);
  const answerKey: AnswerKeyEntry[] = [];
  const draft = (app: AppName): { rng: Rng; profile: AppProfile; drafts: AccountDraft[] } => {
    const rng = streamRng(seed, STREAMS[app]);
    const profile = APP_PROFILES[app];
    const drafts = baselineDrafts(rng, profile, ctx);
    plantProblems(rng, profile, ctx, drafts);
    drafts.sort((a, b) => a.createdMs - b.createdMs);
    return { rng, profile, drafts };
  };

  const pb = draft("productboard");
  const productboard = productboardState(pb.rng, pb.drafts, ctx, credentials.productboard);
  answerKey.push(
    ...appAnswerKey(
      {
        ...pb,
        externalIds: productboard.externalIds,
        privilege: (i) => `role ${productboard.state.members[i]!.role}`,
      },
      ctx,
    ),
  );

  const pv = draft("productive");
  const productive = productiveState(pv.rng, pv.drafts, ctx, credentials.productive);
  const productiveRoles = new Map(PRODUCTIVE_ROLES.map((role) => [role.id, role.name]));
  const productivePeople = new Map(productive.state.people.map((p) => [p.id, p]));
  answerKey.push(
    ...appAnswerKey(
      {
        ...pv,
        externalIds: productive.externalIds,
        privilege: (i) =>
          `role ${productiveRoles.get(productivePeople.get(productive.externalIds[i]!)!.role_id)} (admin)`,
      },
      ctx,
    ),
  );

  const ph = draft("proofhub");
  const proofhub = proofhubState(ph.rng, ph.drafts, ctx, credentials.proofhub);
  const proofhubRoles = new Map(PROOFHUB_ROLES.map((role) => [role.id, role.name]));
  answerKey.push(
    ...appAnswerKey(
      {
        ...ph,
        externalIds: proofhub.externalIds,
        privilege: (i) => `role ${proofhubRoles.get(proofhub.state.people[i]!.role.id)} (admin)`,
      },
      ctx,
    ),
  );

  const pd = draft("podio");
  const org = { org_id: pd.rng.int(100_000, 999_999), name };
  const podio = podioState(pd.rng, pd.drafts, ctx, credentials.podio, org);
  answerKey.push(
    ...appAnswerKey({ ...pd, externalIds: podio.externalIds, privilege: () => "org role admin" }, ctx),
  );

  const dc = draft("docebo");
  const docebo = doceboState(dc.rng, dc.drafts, ctx, credentials.docebo, name);
  answerKey.push(
    ...appAnswerKey(
      { ...dc, externalIds: docebo.externalIds, privilege: (i) => `level ${docebo.state.users[i]!.level}` },
      ctx,
    ),
  );

  return {
    seed,
    people,
    asOf: new Date(asOfMs).toISOString(),
    company: { name, domains },
    thresholds,
    hr: hr.hr,
    apps: {
      productboard: productboard.state,
      productive: productive.state,
      proofhub: proofhub.state,
      podio: podio.state,
      docebo: docebo.state,
    },
    answerKey: sortAnswerKey(answerKey),
  };
}
