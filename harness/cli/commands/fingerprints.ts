import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { finished } from 'node:stream/promises';
import { type Command, InvalidArgumentError, Option } from 'commander';
import type { FingerPosition } from '../../../sim/fingerprints/finger-position.ts';
import {
  defaultWorkers,
  type FingerOutput,
  type FingerprintSetRequest,
  generateFingerprintSet,
  jobCount,
} from '../../../sim/fingerprints/fingerprint-set.ts';
import {
  DEFAULT_SENSOR,
  sensorProfile,
  sensorProfileNames,
} from '../../../sim/fingerprints/sensor-profile.ts';
import { DACTYLO_VERSION } from '../../../sim/runtime/version.ts';
import { AtomicDirectory } from '../atomic-output.ts';
import { integerOption, rangeOption, seedOption } from '../options.ts';
import { progress } from '../progress.ts';

interface FingerprintsOptions {
  seed: string;
  subjects: number;
  fingers: number[];
  impressions: number;
  sensor: string;
  out: string;
  templatesOnly: boolean;
  workers?: number;
  layout: 'iso' | 'fvc';
}

function sensorOption(value: string): string {
  if (!sensorProfileNames().includes(value))
    throw new InvalidArgumentError(
      `--sensor must be one of ${sensorProfileNames().join(', ')}, got '${value}'`,
    );
  return value;
}

/** The manifest the set is described by (harness/contract/fingerprint-manifest.schema.json). */
export function fingerprintManifest(req: FingerprintSetRequest, images: readonly unknown[]) {
  const s = sensorProfile(req.sensor);
  return {
    format: 'dactylo-fingerprint-set',
    seed: req.seed,
    version: DACTYLO_VERSION,
    sensor: { name: s.name, technology: s.technology, ppi: s.ppi, width: s.width, height: s.height },
    layout: req.layout,
    templatesOnly: req.templatesOnly,
    subjects: req.subjects,
    fingers: req.fingers,
    impressions: req.impressions,
    images,
  };
}

/** A worker costs about two seconds of start-up and warm-up: worth it from a few fingers each. */
function autoWorkers(jobs: number): number {
  return Math.max(1, Math.min(defaultWorkers(), Math.ceil(jobs / 6)));
}

/** Writes text, waiting for the stream to drain when its buffer is full. */
async function write(stream: WriteStream, text: string): Promise<void> {
  if (stream.errored) throw stream.errored;
  if (!stream.write(text)) await once(stream, 'drain');
}

async function run(o: FingerprintsOptions): Promise<void> {
  const req: FingerprintSetRequest = {
    seed: o.seed,
    subjects: o.subjects,
    fingers: o.fingers as FingerPosition[],
    impressions: o.impressions,
    sensor: o.sensor,
    templatesOnly: o.templatesOnly,
    layout: o.layout,
  };
  const dir = await AtomicDirectory.create(o.out);
  const jobs = jobCount(req);
  const bar = progress('fingerprints', jobs * req.impressions);
  const manifest = createWriteStream(dir.file('manifest.json'));
  manifest.on('error', () => {}); // surfaced by write() and finished()
  try {
    // The manifest is streamed record by record, in order, so that its size never limits the set;
    // the bytes equal JSON.stringify of the whole manifest.
    const head = JSON.stringify(fingerprintManifest(req, []));
    await write(manifest, head.slice(0, -2));
    let first = true;
    const workers = o.workers ?? autoWorkers(jobs);
    const writeFiles = async (out: FingerOutput) => {
      for (const f of out.files) await writeFile(dir.file(f.name), f.bytes);
      bar.tick(out.files.length);
    };
    await generateFingerprintSet(req, workers, writeFiles, async (records) => {
      for (const r of records) {
        await write(manifest, `${first ? '' : ','}${JSON.stringify(r)}`);
        first = false;
      }
    });
    await write(manifest, ']}\n');
    manifest.end();
    await finished(manifest);
    bar.stop();
    await dir.commit();
  } catch (e) {
    bar.stop();
    manifest.destroy();
    await dir.abort();
    throw e;
  }
}

export function register(program: Command): void {
  program
    .command('fingerprints')
    .description(
      'Synthesize a fingerprint set (master prints, sensor impressions, ground truth) into a directory',
    )
    .requiredOption('--seed <seed>', 'seed of the whole set (same seed ⇒ same bytes)', seedOption)
    .requiredOption('--subjects <n>', 'number of subjects', integerOption('--subjects', 1, 1_000_000))
    .option(
      '--fingers <range>',
      'ISO finger positions, 1 right thumb … 10 left little',
      rangeOption('--fingers', 1, 10),
      [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
    )
    .option('--impressions <k>', 'impressions per finger', integerOption('--impressions', 1, 100), 8)
    .option(
      '--sensor <name>',
      `sensor profile (${sensorProfileNames().join(', ')})`,
      sensorOption,
      DEFAULT_SENSOR,
    )
    .requiredOption('--out <dir>', 'output directory (must not exist or be empty)')
    .option('--templates-only', 'write ISO/IEC 19794-2 templates (.ist) instead of images', false)
    .option(
      '--workers <w>',
      'worker threads (default: all cores, fewer for small sets)',
      integerOption('--workers', 1, 256),
    )
    .addOption(
      new Option(
        '--layout <layout>',
        "file names: 'iso' {subject}_{finger}_{impression}, 'fvc' {finger}_{impression}",
      )
        .choices(['iso', 'fvc'])
        .default('iso'),
    )
    .action(async (o: FingerprintsOptions) => run(o));
}
