import { unsupportedFilter } from "./json-api.ts";
import {
  PERSON_STATUS_CODES,
  PERSON_TYPE_CODES,
  type PeopleSelection,
  type PersonStatusCode,
  type PersonTypeCode,
} from "./people-index.ts";

/** One `filter[name]=v1,v2` or `filter[name][op]=...` query parameter. */
export interface QueryFilter {
  parameter: string;
  name: string;
  op: "eq" | "not_eq";
  values: string[];
}

const FILTER_KEY = /^filter\[([^[\]]+)\](?:\[([^[\]]*)\])?$/;

/**
 * All `filter...` parameters of a request, or the 400 "Unsupported Filter" answer for one whose name is not in
 * `supported` or whose operator is not `eq`/`not_eq`. Values are comma-separated; blank values are dropped and a
 * filter left without values is ignored.
 */
export function readFilters(url: URL, supported: readonly string[]): QueryFilter[] | Response {
  const filters: QueryFilter[] = [];
  for (const [parameter, raw] of url.searchParams) {
    if (!parameter.startsWith("filter")) continue;
    const match = FILTER_KEY.exec(parameter);
    const name = match?.[1];
    const op = match?.[2] === undefined || match[2] === "" || match[2] === "eq" ? "eq" : match[2];
    if (!name || !supported.includes(name) || (op !== "eq" && op !== "not_eq"))
      return unsupportedFilter(parameter);
    const values = raw
      .split(",")
      .map((v) => v.trim())
      .filter((v) => v !== "");
    if (values.length > 0) filters.push({ parameter, name, op, values });
  }
  return filters;
}

export const PEOPLE_FILTERS = ["status", "person_type", "email"] as const;

/** Narrow a set of codes by one filter: `eq` keeps the listed codes, `not_eq` drops them. */
function narrow<T extends number>(allowed: Set<T>, filter: QueryFilter): void {
  const listed = new Set(filter.values.map(Number));
  for (const code of [...allowed]) {
    if (listed.has(code) !== (filter.op === "eq")) allowed.delete(code);
  }
}

/**
 * `GET /people` filters → the selection the index answers. Filters combine with AND; values outside a code list
 * (`filter[status]=7`) simply match nobody. E-mail matching is case-insensitive.
 */
export function peopleSelection(url: URL): PeopleSelection | Response {
  const filters = readFilters(url, PEOPLE_FILTERS);
  if (filters instanceof Response) return filters;
  const statuses = new Set<PersonStatusCode>(PERSON_STATUS_CODES);
  const types = new Set<PersonTypeCode>(PERSON_TYPE_CODES);
  let included: Set<string> | undefined;
  const excluded = new Set<string>();
  for (const filter of filters) {
    if (filter.name === "status") narrow(statuses, filter);
    else if (filter.name === "person_type") narrow(types, filter);
    else {
      const emails = filter.values.map((v) => v.toLowerCase());
      if (filter.op === "not_eq") for (const email of emails) excluded.add(email);
      else included = new Set(included ? emails.filter((e) => included?.has(e)) : emails);
    }
  }
  if (included) {
    for (const email of excluded) included.delete(email);
    return { statuses, types, emails: { op: "eq", values: included } };
  }
  return excluded.size > 0
    ? { statuses, types, emails: { op: "not_eq", values: excluded } }
    : { statuses, types };
}
