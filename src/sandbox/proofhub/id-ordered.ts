/**
 * Records kept in id order with a lookup by id: the order list endpoints page through. A page is a slice of the
 * ordered array — O(page), whatever the table size. New records get an id above every id ever used, so inserts
 * append (and deleted ids are never reused); a delete finds its position by binary search.
 */
export class IdOrdered<T extends { id: number }> {
  private readonly ordered: T[];
  private readonly byId = new Map<number, T>();
  private highestId = 0;

  constructor(
    items: readonly T[],
    private readonly what: string,
  ) {
    this.ordered = [...items].sort((a, b) => a.id - b.id);
    for (const item of this.ordered) {
      if (this.byId.has(item.id)) throw new Error(`proofhub sandbox: duplicate ${what} id ${item.id}`);
      this.byId.set(item.id, item);
      this.highestId = Math.max(this.highestId, item.id);
    }
  }

  get size(): number {
    return this.ordered.length;
  }

  get(id: number): T | undefined {
    return this.byId.get(id);
  }

  has(id: number): boolean {
    return this.byId.has(id);
  }

  at(index: number): T | undefined {
    return this.ordered[index];
  }

  slice(start: number, end: number): T[] {
    return this.ordered.slice(start, end);
  }

  all(): readonly T[] {
    return this.ordered;
  }

  /** The id the next record gets: above every id ever used. */
  nextId(): number {
    return this.highestId + 1;
  }

  /** Append a record whose id is above every id ever used (take it from `nextId()`). */
  insert(item: T): void {
    if (item.id <= this.highestId) {
      throw new Error(`proofhub sandbox: new ${this.what} id ${item.id} must be above ${this.highestId}`);
    }
    this.highestId = item.id;
    this.ordered.push(item);
    this.byId.set(item.id, item);
  }

  remove(id: number): T | undefined {
    const item = this.byId.get(id);
    if (!item) return undefined;
    this.ordered.splice(this.positionOf(id), 1);
    this.byId.delete(id);
    return item;
  }

  /** Index of `id` in the ordered array, or where it would go. */
  private positionOf(id: number): number {
    let low = 0;
    let high = this.ordered.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.ordered[mid]!.id < id) low = mid + 1;
      else high = mid;
    }
    return low;
  }
}
