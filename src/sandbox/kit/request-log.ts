/** One served request, without headers or bodies (no secrets). */
export interface LoggedRequest {
  at: string;
  method: string;
  path: string;
  query: string;
  status: number;
  durationMs: number;
  /** Set when a fault shaped the answer: `error`, `drop`, `storm`, `rate-limit`. */
  fault?: string;
}

/** Ring buffer of the last requests, plus running totals. */
export class RequestLog {
  private readonly entries: LoggedRequest[] = [];
  total = 0;
  readonly byStatus = new Map<number, number>();

  constructor(private readonly capacity = 1000) {}

  add(entry: LoggedRequest): void {
    this.total += 1;
    this.byStatus.set(entry.status, (this.byStatus.get(entry.status) ?? 0) + 1);
    this.entries.push(entry);
    if (this.entries.length > this.capacity) this.entries.shift();
  }

  recent(limit = 100): LoggedRequest[] {
    return this.entries.slice(-limit);
  }

  clear(): void {
    this.entries.length = 0;
    this.total = 0;
    this.byStatus.clear();
  }

  summary(): { total: number; byStatus: Record<string, number> } {
    return { total: this.total, byStatus: Object.fromEntries(this.byStatus) };
  }
}
