import { Command } from "commander";
import { registerCommands } from "./commands/index.ts";

/** Entry point of the `roster` command. */
export async function main(argv: string[]): Promise<void> {
  const program = new Command();
  program
    .name("roster")
    .description("Keep SaaS access in line with who actually works at the company.")
    .showHelpAfterError("(run with --help for usage)")
    .exitOverride((err) => {
      // Help and version exit 0; every other commander error is bad usage (exit code 2, see docs).
      const informational = err.code === "commander.helpDisplayed" || err.code === "commander.version";
      process.exit(informational || err.exitCode === 0 ? 0 : 2);
    });
  registerCommands(program);
  await program.parseAsync(argv);
}
