import type { Command } from "commander";
import { registerDemoCommand } from "./demo.ts";
import { registerInventoryCommands } from "./inventory.ts";
import { registerSandboxCommand } from "./sandbox.ts";
import { registerSyncCommand } from "./sync.ts";
import { registerWorldCommand } from "./world.ts";

/** Each command lives in its own module and registers itself here. */
export function registerCommands(program: Command): void {
  registerDemoCommand(program);
  registerSandboxCommand(program);
  registerWorldCommand(program);
  registerSyncCommand(program);
  registerInventoryCommands(program);
}
