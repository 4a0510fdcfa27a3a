import { readFile } from 'node:fs/promises';
import { CommandError } from './errors.ts';

/** Reads a file named on the command line; a missing or unreadable one is a one-line CommandError. */
export async function readInputFile(path: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (e) {
    throw new CommandError(
      `${path}: cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`,
    );
  }
}
