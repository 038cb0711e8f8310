/** What a source (CSV or JSON HR export) read from its file, before anything touches the store. */
import type { Person } from "../../core/person.ts";

export interface SourceRow {
  /** Line the row starts on (JSON: the line the object starts on). */
  line: number;
  person: Person;
}

export interface SourceProblem {
  /** Line of the row, or null for a problem with the whole file. */
  line: number | null;
  reason: string;
  /** The row's employee id when it could be read: that person is kept as they were, not marked gone. */
  employeeId?: string;
}

export interface SourceReading {
  rows: SourceRow[];
  /** Rows that could not be read (rejected; the rest are imported). */
  problems: SourceProblem[];
  /** Accepted with a remark (unknown columns, a column claimed twice). */
  warnings: SourceProblem[];
  /** A problem that stops the whole import (no employee id column, not JSON, ...); nothing is written. */
  fatal?: string;
}
