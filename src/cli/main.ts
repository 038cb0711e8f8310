import { Command } from "commander";
import { registerCommands } from "./commands/index.ts";

/** Entry point of the `roster` command. */
export async function main(argv: string[]): Promise<void> {
  const program = new Command();
  program
    .name("roster")
    .description("Keep SaaS access in line with who actually works at the company.")
    .showHelpAfterError()
    .exitOverride((err) => {
      process.exit(err.exitCode);
    });
  registerCommands(program);
  await program.parseAsync(argv);
}
