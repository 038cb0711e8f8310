/**
 * Ordering and capping the access matrix for the HTML report: people with findings first (most findings first),
 * then everyone by name. Up to `MATRIX_ROW_LIMIT` people every row is kept; past that the rest is left out and
 * counted, so a 50,000-person company still gets a report a browser opens.
 */
import type { AccessMatrix, MatrixRow } from "./model.ts";

export const MATRIX_ROW_LIMIT = 2000;

export function compareRows(a: MatrixRow, b: MatrixRow): number {
  return b.findings - a.findings || a.name.localeCompare(b.name) || a.employeeId.localeCompare(b.employeeId);
}

/** Sort the rows and keep at most `limit`; people with findings are kept before anyone without. */
export function capMatrix(matrix: AccessMatrix, limit = MATRIX_ROW_LIMIT): AccessMatrix {
  const rows = [...matrix.rows].sort(compareRows);
  const kept = rows.length > limit ? rows.slice(0, limit) : rows;
  return {
    ...matrix,
    rows: kept,
    omitted: matrix.omitted + (rows.length - kept.length),
  };
}
