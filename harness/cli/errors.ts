/** Wrong input on the command line: a flag or value the user must change. Exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** The command was understood but could not be carried out (unwritable path, bad file). Exit code 1. */
export class CommandError extends Error {
  override name = 'CommandError';
}
