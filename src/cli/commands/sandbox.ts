import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { type Command, InvalidArgumentError } from "commander";
import {
  createSandboxes,
  sandboxConfigYaml,
  sandboxEndpoints,
  startSandboxes,
} from "../../sandbox/registry.ts";
import { generateWorld, readWorld, shiftWorldTimes, writeWorld } from "../../sandbox/world/index.ts";
import type { World } from "../../sandbox/world/types.ts";
import { json, paint } from "../output.ts";

export function intOption(flag: string, min: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min)
      throw new InvalidArgumentError(`${flag} expects a whole number ≥ ${min}, got "${value}"`);
    return n;
  };
}

export function numberOption(flag: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isFinite(n) || n <= 0)
      throw new InvalidArgumentError(`${flag} expects a positive number, got "${value}"`);
    return n;
  };
}

interface SandboxFlags {
  people: number;
  seed: number;
  world?: string;
  portBase: number;
  timeScale: number;
  rateLimits: boolean;
  config: string;
  json?: boolean;
}

/** Load a world from a `roster world` folder, or generate one; shift it so the apps look current. */
export function obtainWorld(flags: { people: number; seed: number; world?: string }): World {
  const world = flags.world
    ? readWorld(flags.world)
    : generateWorld({ people: flags.people, seed: flags.seed });
  return shiftWorldTimes(world, Date.now());
}

export function registerSandboxCommand(program: Command): void {
  program
    .command("sandbox")
    .description(
      "Start local emulators of the five apps, load a synthetic company, and write a roster config for them",
    )
    .option(
      "--people <n>",
      "people in the generated company (0 gives empty apps)",
      intOption("--people", 0),
      200,
    )
    .option("--seed <s>", "seed of the generated company", intOption("--seed", 0), 1)
    .option("--world <dir>", "load a company written by `roster world` instead of generating one")
    .option(
      "--port-base <port>",
      "first port (apps get port, port+1, ...); 0 picks free ports",
      intOption("--port-base", 0),
      4100,
    )
    .option(
      "--time-scale <factor>",
      "divide rate-limit windows and token lifetimes by this factor",
      numberOption("--time-scale"),
      1,
    )
    .option("--no-rate-limits", "turn rate limiting off (benchmarks)")
    .option("--config <file>", "where to write the roster config", "roster.sandbox.yaml")
    .option("--json", "print one JSON object with each app's base URLs and credentials instead of text")
    .action(async (flags: SandboxFlags) => {
      const world = obtainWorld(flags);
      const set = createSandboxes(world, { timeScale: flags.timeScale, rateLimits: flags.rateLimits });
      const running = await startSandboxes(set, flags.portBase);
      const configPath = resolve(flags.config);
      const hrDir = join(dirname(configPath), ".roster", "sandbox-world");
      writeWorld(world, hrDir);
      mkdirSync(dirname(configPath), { recursive: true });
      writeFileSync(configPath, sandboxConfigYaml(world, running.urls, { hrPath: join(hrDir, "hr.csv") }));
      const endpoints = sandboxEndpoints(world, running.urls);
      if (flags.json) {
        process.stdout.write(`${json({ config: configPath, world: hrDir, apps: endpoints })}\n`);
      } else {
        console.log(paint(`roster sandboxes — ${world.people} people, seed ${world.seed}`, "bold"));
        for (const [name, endpoint] of Object.entries(endpoints)) {
          console.log(`\n${paint(name, "cyan")}`);
          for (const [key, value] of Object.entries(endpoint)) console.log(`  ${key.padEnd(20)} ${value}`);
        }
        console.log(
          `\nIntrospection: <base>/_sandbox/state, /_sandbox/requests, /_sandbox/invitations, /_sandbox/faults`,
        );
        console.log(`Config written to ${configPath}; the company's HR export is in ${hrDir}`);
        console.log(`Try: npx roster sync --config ${flags.config}\nPress Ctrl+C to stop.`);
      }
      await new Promise<void>((done) => {
        const stop = () => done();
        process.once("SIGINT", stop);
        process.once("SIGTERM", stop);
      });
      await running.close();
    });
}
