export * from "./cursor.ts";
export * from "./offset.ts";
export type { Page, PageRequest, PagingClient } from "./page.ts";
export * from "./page-number.ts";
export * from "./scim.ts";
