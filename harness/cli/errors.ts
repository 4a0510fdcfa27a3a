/** Wrong input on the command line: a flag or value the user must change. Exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** The command was understood but could not be carried out (unwritable path, bad file). Exit code 1. */
export class CommandError extends Error {
  override name = 'CommandError';
  /** The process exit code (1 unless a command documents another, e.g. certify's 3 for a failed verdict). */
  readonly exitCode: number = 1;
}
