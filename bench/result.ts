/** What every benchmark returns, and how bench/run.ts prints it. */

/** One figure held against a limit or goal. */
export interface BenchCheck {
  label: string;
  value: number;
  limit: number;
  unit: string;
  /** Throughput-like (goal is a minimum) rather than cost-like (goal is a maximum). Default false. */
  higherIsBetter?: boolean;
}

export interface BenchResult {
  name: string;
  figures: Record<string, number | string>;
  checks?: BenchCheck[];
  /** Free text printed under the figures (a profile summary, a table). */
  text?: string;
}

export function checkLine(check: BenchCheck): string {
  const ratio = check.limit === 0 ? Number.NaN : check.value / check.limit;
  const meets = check.higherIsBetter ? check.value >= check.limit : check.value <= check.limit;
  const bound = check.higherIsBetter ? "≥" : "≤";
  const shown = Number.isFinite(ratio) ? `${ratio.toFixed(2)}×` : "n/a";
  return `${check.label}: ${format(check.value)} ${check.unit} (goal ${bound} ${format(check.limit)}) → ${shown} ${meets ? "meets" : "MISSES"}`;
}

function format(value: number): string {
  return Number.isInteger(value) ? value.toLocaleString("en") : String(Math.round(value * 100) / 100);
}

export function resultText(result: BenchResult): string {
  const lines = [result.name];
  const figures = Object.entries(result.figures).map(([key, value]) => `${key}=${value}`);
  if (figures.length > 0) lines.push(`  ${figures.join(" ")}`);
  for (const check of result.checks ?? []) lines.push(`  ${checkLine(check)}`);
  if (result.text) lines.push(...result.text.split("\n").map((line) => `  ${line}`));
  return lines.join("\n");
}

export function printResults(results: BenchResult[]): void {
  for (const result of results) console.log(resultText(result));
}
