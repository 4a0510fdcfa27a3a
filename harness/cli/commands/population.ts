import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { type Command, InvalidArgumentError } from 'commander';
import { POPULATION_TUNING, populationCapacity, populationNdjson } from '../../../sim/population/index.ts';
import { withAtomicFile } from '../atomic-output.ts';
import { UsageError } from '../errors.ts';
import { dateOption, integerOption, seedOption } from '../options.ts';
import { progress } from '../progress.ts';

interface PopulationCommandOptions {
  seed: string;
  count: number;
  out?: string;
  asOf: string;
}

/** Lines are joined into chunks of this many residents: one write per chunk keeps the pipe busy. */
const CHUNK = 1000;

/**
 * Writes the population NDJSON to `out`, waiting for the stream to drain so that memory stays flat.
 * Returns false when the reader went away (EPIPE on stdout, as with `| head`): that is not an error.
 */
export async function writePopulation(
  out: NodeJS.WritableStream,
  o: { seed: string; count: number; asOf: string },
  tick: (n: number) => void = () => {},
): Promise<boolean> {
  const stream = out as Writable;
  let closed = false;
  const onError = (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') closed = true;
  };
  stream.on('error', onError);
  try {
    let chunk = '';
    let lines = 0;
    for (const line of populationNdjson(o)) {
      chunk += line;
      if (++lines % CHUNK !== 0) continue;
      if (closed || stream.destroyed) return false;
      if (!stream.write(chunk)) await drained(stream);
      chunk = '';
      tick(CHUNK);
    }
    if (closed || stream.destroyed) return false;
    if (chunk) stream.write(chunk);
    tick(lines % CHUNK);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EPIPE') return false;
    throw e;
  } finally {
    stream.off('error', onError);
  }
}

/** Waits until the stream can take more, or is closed (then the caller sees it destroyed). */
async function drained(stream: Writable): Promise<void> {
  if (stream.destroyed) return;
  const abort = new AbortController();
  const waits = [
    once(stream, 'drain', { signal: abort.signal }),
    once(stream, 'close', { signal: abort.signal }),
  ];
  // The wait that loses the race is aborted: its rejection is expected and must not go unhandled.
  for (const w of waits) w.catch(() => {});
  try {
    await Promise.race(waits);
  } finally {
    abort.abort();
  }
}

/** Rejects a missing seed that commander would otherwise fill with the next flag (`--seed --count 5`). */
function seedValue(value: string): string {
  if (value.startsWith('--')) throw new InvalidArgumentError(`--seed needs a value, got the flag '${value}'`);
  return seedOption(value);
}

/** The population's capacity; an as-of date outside the IIN's centuries is a usage error. */
export function capacityFor(seed: string, asOf: string): number {
  try {
    return populationCapacity(seed, asOf);
  } catch (e) {
    if (e instanceof RangeError) throw new UsageError(`--as-of: ${e.message}`);
    throw e;
  }
}

function ignoreEpipe(e: NodeJS.ErrnoException): void {
  if (e.code !== 'EPIPE') throw e;
}

async function run(o: PopulationCommandOptions): Promise<void> {
  const capacity = capacityFor(o.seed, o.asOf);
  if (o.count > capacity) throw new UsageError(`--count must be at most ${capacity}, got ${o.count}`);
  // The header line is counted with the residents in the bar: count + 1 lines in all.
  const bar = progress('population', o.count + 1);
  try {
    if (o.out) await withAtomicFile(o.out, (f) => writePopulation(f.stream, o, (n) => bar.tick(n)));
    else {
      // A reader that stops early (`| head`) closes the pipe: later EPIPEs must not crash the process.
      process.stdout.on('error', ignoreEpipe);
      await writePopulation(process.stdout, o, (n) => bar.tick(n));
    }
  } finally {
    bar.stop();
  }
}

export function register(program: Command): void {
  program
    .command('population')
    .description(
      'Generate a synthetic population of Kazakhstan as NDJSON: a header line (generator, version, seed, as-of), then one resident per line',
    )
    .requiredOption('--seed <seed>', 'seed (same seed and as-of ⇒ same bytes)', seedValue)
    .requiredOption('--count <n>', 'number of residents', integerOption('--count', 1))
    .option('--out <file>', 'write to FILE (appears only when complete) instead of stdout')
    .option(
      '--as-of <date>',
      'date of the snapshot, YYYY-MM-DD',
      dateOption('--as-of'),
      POPULATION_TUNING.defaultAsOf,
    )
    .addHelpText(
      'after',
      '\nExamples:\n  dactylo population --seed 42 --count 1000 > residents.ndjson\n  dactylo population --seed 42 --count 1000000 --out residents.ndjson --as-of 2026-01-01',
    )
    .action(async (o: PopulationCommandOptions) => run(o));
}
