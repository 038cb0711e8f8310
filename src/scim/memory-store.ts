import { notFound, uniqueness } from "./errors.ts";
import { matchesFilter, sortComparator, valueAt } from "./filter/evaluate.ts";
import type {
  AttributePath,
  ScimFilter,
  ScimQuery,
  ScimQueryResult,
  ScimResource,
  ScimResourceType,
  ScimStore,
} from "./store.ts";

interface Entry {
  /** Creation sequence: the default, stable order of every listing. */
  seq: number;
  resource: ScimResource;
}

/** An equality index over one attribute path (sub-values of multi-valued attributes each get a key). */
interface IndexSpec {
  path: AttributePath;
  caseExact: boolean;
  unique?: boolean;
}

const INDEXES: Record<ScimResourceType, IndexSpec[]> = {
  User: [
    { path: { name: "userName" }, caseExact: false, unique: true },
    { path: { name: "externalId" }, caseExact: true },
    { path: { name: "emails", sub: "value" }, caseExact: false },
  ],
  Group: [
    { path: { name: "displayName" }, caseExact: false },
    { path: { name: "externalId" }, caseExact: true },
    { path: { name: "members", sub: "value" }, caseExact: true },
  ],
};

const samePath = (a: AttributePath, b: AttributePath) =>
  a.schema === b.schema && a.name === b.name && a.sub === b.sub;

function keysOf(resource: ScimResource, spec: IndexSpec): string[] {
  const raw = valueAt(resource, spec.path);
  const values = Array.isArray(raw) ? raw : [raw];
  return values
    .filter((value) => typeof value === "string" || typeof value === "number")
    .map((value) => (spec.caseExact ? String(value) : String(value).toLowerCase()));
}

const sameKeys = (a: string[], b: string[]) => a.length === b.length && a.every((key, i) => key === b[i]);

class Table {
  readonly entries: Entry[] = [];
  readonly byId = new Map<string, Entry>();
  readonly indexes: Map<string, Set<string>>[];

  constructor(readonly specs: IndexSpec[]) {
    this.indexes = specs.map(() => new Map());
  }

  index(resource: ScimResource, add: boolean, except?: ScimResource): void {
    this.specs.forEach((spec, i) => {
      const index = this.indexes[i]!;
      const keys = keysOf(resource, spec);
      // On replace, an attribute whose keys did not change keeps its index entries.
      if (except && sameKeys(keys, keysOf(except, spec))) return;
      for (const key of keys) {
        let ids = index.get(key);
        if (add) {
          if (!ids) {
            ids = new Set();
            index.set(key, ids);
          }
          ids.add(resource.id);
        } else if (ids) {
          ids.delete(resource.id);
          if (ids.size === 0) index.delete(key);
        }
      }
    });
  }

  /** Ids that can match `filter` according to an index, or undefined when the filter needs a scan. */
  candidates(filter: ScimFilter): Set<string> | undefined {
    switch (filter.op) {
      case "eq": {
        if (filter.value === null || typeof filter.value === "boolean") return undefined;
        if (!filter.path.schema && filter.path.name === "id" && !filter.path.sub) {
          return new Set(this.byId.has(String(filter.value)) ? [String(filter.value)] : []);
        }
        const i = this.specs.findIndex((spec) => samePath(spec.path, filter.path));
        if (i < 0) return undefined;
        const spec = this.specs[i]!;
        const key = spec.caseExact ? String(filter.value) : String(filter.value).toLowerCase();
        return this.indexes[i]!.get(key) ?? new Set();
      }
      case "and": {
        const left = this.candidates(filter.left);
        const right = this.candidates(filter.right);
        if (left && right) return left.size <= right.size ? left : right;
        return left ?? right;
      }
      case "or": {
        const left = this.candidates(filter.left);
        const right = left && this.candidates(filter.right);
        return left && right ? new Set([...left, ...right]) : undefined;
      }
      case "valuePath": {
        const inner = filter.filter;
        const lifted = (f: ScimFilter): ScimFilter | undefined =>
          f.op === "eq" && !f.path.sub && !f.path.schema
            ? { ...f, path: { ...filter.path, sub: f.path.name } }
            : f.op === "and"
              ? (lifted(f.left) ?? lifted(f.right))
              : undefined;
        const eq = lifted(inner);
        return eq ? this.candidates(eq) : undefined;
      }
      default:
        return undefined;
    }
  }
}

/**
 * The in-memory store of the sandboxes and tests. Keeps resources in creation order with equality indexes on
 * `id`, `userName` (case-insensitive, unique), `externalId`, `emails.value`, and for groups `displayName` and
 * `members.value`; `eq` filters on those (alone, under `and`, `or` of indexed terms, or inside `[...]`) read
 * only the indexed rows, anything else scans. An unfiltered, unsorted page costs O(count).
 * Resources are copied on the way in and out, so callers can never change stored state by accident.
 */
export class MemoryScimStore implements ScimStore {
  private readonly tables: Record<ScimResourceType, Table> = {
    User: new Table(INDEXES.User),
    Group: new Table(INDEXES.Group),
  };
  private seq = 0;
  /** Rows the last `query` evaluated its filter on: the index hit size, or every row for a scan. */
  lastScanned = 0;

  /** Number of stored resources of a type. */
  size(type: ScimResourceType): number {
    return this.tables[type].entries.length;
  }

  async get(type: ScimResourceType, id: string): Promise<ScimResource | undefined> {
    const entry = this.tables[type].byId.get(id);
    return entry ? structuredClone(entry.resource) : undefined;
  }

  async query(type: ScimResourceType, query: ScimQuery): Promise<ScimQueryResult> {
    const table = this.tables[type];
    const start = Math.max(query.startIndex, 1) - 1;
    const count = Math.max(query.count, 0);
    if (!query.filter && !query.sortBy) {
      this.lastScanned = 0;
      return {
        totalResults: table.entries.length,
        resources: table.entries.slice(start, start + count).map((entry) => structuredClone(entry.resource)),
      };
    }
    let rows: Entry[];
    const filter = query.filter;
    if (filter) {
      const ids = table.candidates(filter);
      const pool = ids
        ? [...ids].flatMap((id) => table.byId.get(id) ?? []).sort((a, b) => a.seq - b.seq)
        : table.entries;
      this.lastScanned = pool.length;
      rows = pool.filter((entry) => matchesFilter(entry.resource, filter, { type }));
    } else {
      this.lastScanned = 0;
      rows = table.entries.slice();
    }
    if (query.sortBy) {
      const compare = sortComparator(query.sortBy, query.sortOrder ?? "ascending", { type });
      rows.sort((a, b) => compare(a.resource, b.resource) || a.seq - b.seq);
    }
    return {
      totalResults: rows.length,
      resources: rows.slice(start, start + count).map((entry) => structuredClone(entry.resource)),
    };
  }

  async create(type: ScimResourceType, resource: ScimResource): Promise<ScimResource> {
    const table = this.tables[type];
    if (table.byId.has(resource.id)) throw uniqueness(`A ${type} with id ${resource.id} already exists`);
    this.assertUnique(table, resource);
    const entry: Entry = { seq: ++this.seq, resource: structuredClone(resource) };
    table.entries.push(entry);
    table.byId.set(resource.id, entry);
    table.index(entry.resource, true);
    return resource; // the caller's object: the stored copy stays private
  }

  async replace(type: ScimResourceType, resource: ScimResource): Promise<ScimResource> {
    const table = this.tables[type];
    const entry = table.byId.get(resource.id);
    if (!entry) throw notFound(`${type} ${resource.id} not found`);
    this.assertUnique(table, resource);
    const next = structuredClone(resource);
    table.index(entry.resource, false, next);
    table.index(next, true, entry.resource);
    entry.resource = next;
    return resource;
  }

  async delete(type: ScimResourceType, id: string): Promise<boolean> {
    const table = this.tables[type];
    const entry = table.byId.get(id);
    if (!entry) return false;
    table.index(entry.resource, false);
    table.byId.delete(id);
    table.entries.splice(this.position(table, entry.seq), 1);
    return true;
  }

  /** Unique indexes (userName) hold at most one id per key, compared case-insensitively. */
  private assertUnique(table: Table, resource: ScimResource): void {
    table.specs.forEach((spec, i) => {
      if (!spec.unique) return;
      for (const key of keysOf(resource, spec)) {
        const holders = table.indexes[i]!.get(key);
        if (holders && [...holders].some((id) => id !== resource.id)) {
          throw uniqueness(`${spec.path.name} '${String(valueAt(resource, spec.path))}' is already taken`);
        }
      }
    });
  }

  /** Binary search for an entry's place in creation order. */
  private position(table: Table, seq: number): number {
    let low = 0;
    let high = table.entries.length - 1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      const found = table.entries[middle]!.seq;
      if (found === seq) return middle;
      if (found < seq) low = middle + 1;
      else high = middle - 1;
    }
    return -1;
  }
}
