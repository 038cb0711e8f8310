/**
 * Where a process spends its CPU: a V8 sampling profile taken through `node:inspector` between two points of a
 * benchmark (so world generation and start-up stay out of it), summarized as self time per function and per file.
 * Positions are mapped back to the TypeScript source through the source maps tsx emits, which Node keeps when the
 * process runs with `--enable-source-maps`.
 */
import { Session } from "node:inspector/promises";
import { findSourceMap } from "node:module";
import { relative } from "node:path";
import { fileURLToPath } from "node:url";

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}

interface ProfileNode {
  id: number;
  callFrame: CallFrame;
}

export interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const ROOT = process.cwd();

/** `src/sandbox/productive/json-api.ts:42` for a frame, through the source map when there is one. */
function location(frame: CallFrame): string {
  if (!frame.url) return "(native)";
  let file = frame.url.startsWith("file://") ? fileURLToPath(frame.url) : frame.url;
  let line = frame.lineNumber + 1;
  const map = frame.url.startsWith("file://") ? findSourceMap(file) : undefined;
  const entry = map?.findEntry(frame.lineNumber, frame.columnNumber);
  if (entry && "originalSource" in entry && entry.originalSource) {
    file = entry.originalSource.startsWith("file://")
      ? fileURLToPath(entry.originalSource)
      : entry.originalSource;
    line = entry.originalLine + 1;
  }
  const shown = file.startsWith(ROOT) ? relative(ROOT, file) : file;
  return shown.startsWith("node:") ? shown : `${shown}:${line}`;
}

function top(map: Map<string, number>, total: number, count: number): string[] {
  return [...map.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([key, us]) => `${((us / total) * 100).toFixed(1).padStart(5)}%  ${key}`);
}

/** Self time by function (with its source line) and by file, busiest first; idle time left out. */
export function summarizeProfile(profile: CpuProfile, count = 20): string {
  const nodes = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
  const byFunction = new Map<string, number>();
  const byFile = new Map<string, number>();
  const located = new Map<number, string>();
  let total = 0;
  for (const [i, id] of profile.samples.entries()) {
    const frame = nodes.get(id);
    if (!frame || frame.functionName === "(idle)" || frame.functionName === "(program)") continue;
    const us = profile.timeDeltas[i] ?? 0;
    total += us;
    let where = located.get(id);
    if (where === undefined) {
      where = location(frame);
      located.set(id, where);
    }
    const name = `${frame.functionName || "(anonymous)"}  ${where}`;
    byFunction.set(name, (byFunction.get(name) ?? 0) + us);
    const file = where.replace(/:\d+$/, "");
    byFile.set(file, (byFile.get(file) ?? 0) + us);
  }
  if (total === 0) return "no busy samples";
  return [
    `${(total / 1e3).toFixed(0)} ms of busy samples; self time by function:`,
    ...top(byFunction, total, count),
    "by file:",
    ...top(byFile, total, 8),
  ].join("\n");
}

/** A sampling profiler on this process. */
export class Profiler {
  private session: Session | undefined;

  async start(intervalUs = 250): Promise<void> {
    this.session ??= new Session();
    this.session.connect();
    await this.session.post("Profiler.enable");
    await this.session.post("Profiler.setSamplingInterval", { interval: intervalUs });
    await this.session.post("Profiler.start");
  }

  async stop(): Promise<CpuProfile> {
    if (!this.session) throw new Error("the profiler was not started");
    const { profile } = await this.session.post("Profiler.stop");
    await this.session.post("Profiler.disable");
    this.session.disconnect();
    this.session = undefined;
    return profile as unknown as CpuProfile;
  }
}
