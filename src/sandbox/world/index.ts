/** The synthetic company: generate, shift, write and read worlds. */
export { appAccounts, type WorldAccount } from "./accounts.ts";
export { DEFAULT_AS_OF, DEFAULT_DOMAINS, DEFAULT_THRESHOLDS } from "./company.ts";
export { readWorld, WORLD_FILES, WorldFileError, writeWorld } from "./files.ts";
export { type GenerateWorldOptions, generateWorld, MAX_PEOPLE } from "./generate.ts";
export { formatHrCsv, HR_CSV_HEADER, parseHrCsv } from "./hr-csv.ts";
export { shiftWorldTimes } from "./shift.ts";
export { type WorldSummary, worldSummary } from "./summary.ts";
export * from "./types.ts";
