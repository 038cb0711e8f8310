export * from "./account.ts";
export * from "./finding.ts";
export * from "./person.ts";
