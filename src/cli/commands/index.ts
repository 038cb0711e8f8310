import type { Command } from "commander";
import { registerAnalyzeCommand } from "./analyze.ts";
import { registerDemoCommand } from "./demo.ts";
import { registerImportCommand } from "./import.ts";
import { registerInventoryCommands } from "./inventory.ts";
import { registerLinkCommands } from "./link.ts";
import { registerReportCommands } from "./report.ts";
import { registerRunsCommand } from "./runs.ts";
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
  registerImportCommand(program);
  registerAnalyzeCommand(program);
  registerLinkCommands(program);
  registerReportCommands(program);
  registerRunsCommand(program);
}
