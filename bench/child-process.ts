/**
 * Benchmark processes: each part of a benchmark that must not share CPU or memory with another (the sandboxes,
 * the load generator, the sync) runs as its own Node process speaking JSON lines on stdout.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { createInterface, type Interface } from "node:readline";
import { fileURLToPath } from "node:url";

/** Absolute path of a script next to this file (`bench/<name>`). */
export function benchScript(name: string): string {
  return fileURLToPath(new URL(`./${name}`, import.meta.url));
}

export interface ScriptOptions {
  /** Node flags before `--import tsx` (`--expose-gc`, `--cpu-prof`). */
  nodeFlags?: string[];
  args?: string[];
  /** Written to stdin, which is then closed. */
  input?: string;
}

/** Run a script to completion and parse the last line it printed as JSON. */
export function runScript<T>(name: string, options: ScriptOptions = {}): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [...(options.nodeFlags ?? []), "--import", "tsx", benchScript(name), ...(options.args ?? [])],
      { stdio: ["pipe", "pipe", "inherit"] },
    );
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      if (code !== 0) return reject(new Error(`bench/${name} exited with ${code ?? signal}`));
      try {
        resolve(JSON.parse(output.trim().split("\n").at(-1) ?? "") as T);
      } catch (error) {
        reject(new Error(`bench/${name} printed no JSON result: ${(error as Error).message}`));
      }
    });
    child.stdin.end(options.input ?? "");
  });
}

/** A long-running script that answers one JSON line per command line. */
export class ScriptSession<Ready> {
  private constructor(
    private readonly child: ChildProcess,
    private readonly lines: Interface,
    private readonly iterator: AsyncIterator<string>,
    readonly ready: Ready,
  ) {}

  static async start<Ready>(name: string, options: ScriptOptions = {}): Promise<ScriptSession<Ready>> {
    const child = spawn(
      process.execPath,
      [...(options.nodeFlags ?? []), "--import", "tsx", benchScript(name), ...(options.args ?? [])],
      { stdio: ["pipe", "pipe", "inherit"] },
    );
    const exited = new Promise<never>((_, reject) => {
      child.on("error", reject);
      child.on("exit", (code, signal) => reject(new Error(`bench/${name} exited with ${code ?? signal}`)));
    });
    exited.catch(() => {});
    const lines = createInterface({ input: child.stdout! });
    const iterator = lines[Symbol.asyncIterator]();
    const first = await Promise.race([iterator.next(), exited]);
    if (first.done) throw new Error(`bench/${name} ended before it was ready`);
    return new ScriptSession<Ready>(child, lines, iterator, JSON.parse(first.value) as Ready);
  }

  async ask<Reply>(command: string): Promise<Reply> {
    this.child.stdin!.write(`${command}\n`);
    const next = await this.iterator.next();
    if (next.done) throw new Error(`no answer to "${command}": the process ended`);
    return JSON.parse(next.value) as Reply;
  }

  /** Ask the process to stop and wait for it. */
  close(): Promise<void> {
    return new Promise((resolve) => {
      if (this.child.exitCode !== null) return resolve();
      this.child.once("exit", () => resolve());
      this.lines.close();
      this.child.stdin!.end("exit\n");
    });
  }
}
