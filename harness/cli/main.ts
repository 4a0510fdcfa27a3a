import { Command, CommanderError } from 'commander';
import { DACTYLO_VERSION } from '../../sim/runtime/version.ts';
import { commands } from './commands/index.ts';
import { CommandError, UsageError } from './errors.ts';

/** Builds the `dactylo` program; exported so that tests drive the CLI in-process. */
export function buildProgram(): Command {
  const program = new Command('dactylo')
    .description('Certify, load-test and simulate a national fingerprint registration system')
    .version(DACTYLO_VERSION, '-V, --version')
    .showHelpAfterError(false)
    .exitOverride()
    .configureOutput({ outputError: () => {} });
  for (const register of commands) register(program);
  for (const cmd of program.commands) cmd.exitOverride().configureOutput({ outputError: () => {} });
  return program;
}

function oneLine(message: string): string {
  return message.replace(/^error: /, '').split('\n')[0];
}

/** Runs the CLI and returns the exit code: 0 ok, 1 the work failed, 2 wrong usage. */
export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    return 0;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.exitCode === 0 || e.code === 'commander.helpDisplayed' || e.code === 'commander.version')
        return 0;
      process.stderr.write(`dactylo: ${oneLine(e.message)} (see 'dactylo --help')\n`);
      return 2;
    }
    if (e instanceof UsageError) {
      process.stderr.write(`dactylo: ${oneLine(e.message)} (see 'dactylo --help')\n`);
      return 2;
    }
    if (e instanceof CommandError) {
      process.stderr.write(`dactylo: ${oneLine(e.message)}\n`);
      return e.exitCode;
    }
    const err = e as Error;
    process.stderr.write(`dactylo: internal error: ${err.message}\n`);
    if (process.env.DACTYLO_DEBUG) process.stderr.write(`${err.stack}\n`);
    return 1;
  }
}
