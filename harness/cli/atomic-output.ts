import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, readdir, rename, rm, rmdir, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { CommandError } from './errors.ts';

function tempName(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now().toString(36)}.partial`);
}

async function checkParent(path: string): Promise<void> {
  const parent = dirname(path);
  try {
    const s = await stat(parent);
    if (!s.isDirectory()) throw new CommandError(`cannot write ${path}: ${parent} is not a directory`);
  } catch (e) {
    if (e instanceof CommandError) throw e;
    throw new CommandError(`cannot write ${path}: directory ${parent} does not exist`);
  }
}

/**
 * A file that appears at `path` only when complete: written under a temporary name beside it and
 * renamed on commit, removed on abort. Readers never see a half-written file.
 */
export class AtomicFile {
  readonly stream: WriteStream;
  private constructor(
    readonly path: string,
    private readonly temp: string,
    stream: WriteStream,
  ) {
    this.stream = stream;
  }

  static async open(path: string): Promise<AtomicFile> {
    await checkParent(path);
    const temp = tempName(path);
    const stream = createWriteStream(temp, { flags: 'wx' });
    await new Promise<void>((resolve, reject) => {
      stream.once('open', () => resolve());
      stream.once('error', (e) =>
        reject(new CommandError(`cannot write ${path}: ${(e as NodeJS.ErrnoException).code ?? e.message}`)),
      );
    });
    return new AtomicFile(path, temp, stream);
  }

  async commit(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.stream.once('error', reject);
      this.stream.end(() => resolve());
    });
    await rename(this.temp, this.path);
  }

  async abort(): Promise<void> {
    this.stream.destroy();
    await rm(this.temp, { force: true });
  }
}

/**
 * A directory that appears at `path` only when complete. Fails if `path` exists and is not empty,
 * so that a run never mixes its files with an older run's.
 */
export class AtomicDirectory {
  private constructor(
    readonly path: string,
    readonly temp: string,
  ) {}

  static async create(path: string): Promise<AtomicDirectory> {
    await checkParent(path);
    try {
      const s = await stat(path);
      if (!s.isDirectory()) throw new CommandError(`cannot write ${path}: it exists and is not a directory`);
      if ((await readdir(path)).length > 0)
        throw new CommandError(`cannot write ${path}: directory is not empty`);
    } catch (e) {
      if (e instanceof CommandError) throw e;
    }
    const temp = tempName(path);
    await mkdir(temp);
    return new AtomicDirectory(path, temp);
  }

  file(name: string): string {
    return join(this.temp, name);
  }

  async commit(): Promise<void> {
    // An empty directory left by the user at `path` is replaced; a non-empty one was refused in create().
    await rmdir(this.path).catch(() => undefined);
    await rename(this.temp, this.path);
  }

  async abort(): Promise<void> {
    await rm(this.temp, { recursive: true, force: true });
  }
}

/** Runs `work` against an atomic file, committing on success and aborting on any error. */
export async function withAtomicFile<T>(path: string, work: (f: AtomicFile) => Promise<T>): Promise<T> {
  const f = await AtomicFile.open(path);
  try {
    const result = await work(f);
    await f.commit();
    return result;
  } catch (e) {
    await f.abort();
    throw e;
  }
}
