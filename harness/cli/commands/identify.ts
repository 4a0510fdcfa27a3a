import { type Command, InvalidArgumentError } from 'commander';
import { type Identification, identify } from '../../../sim/matcher/identification/identify.ts';
import { DACTYLO_VERSION } from '../../../sim/runtime/version.ts';
import { integerOption } from '../options.ts';
import { openGallery } from './gallery.ts';
import { loadTemplate } from './match.ts';

interface IdentifyCliOptions {
  gallery: string;
  top: number;
  threshold: number;
  workers?: number;
  exhaustive?: boolean;
  ppi?: number;
  json?: boolean;
}

function scoreOption(value: string): number {
  const v = Number(value);
  if (value.trim() === '' || !Number.isFinite(v) || v < 0 || v > 1)
    throw new InvalidArgumentError(`--threshold must be a similarity between 0 and 1, got '${value}'`);
  return v;
}

function print(probe: string, found: Identification, json: boolean): void {
  if (json) {
    process.stdout.write(`${JSON.stringify({ probe, ...found, dactyloVersion: DACTYLO_VERSION })}\n`);
    return;
  }
  for (const c of found.candidates)
    process.stdout.write(`${c.rank}\t${c.subjectId}\t${c.position ?? '-'}\t${c.score.toFixed(4)}\n`);
  if (found.candidates.length === 0) process.stdout.write('no candidate above the threshold\n');
  process.stderr.write(
    `searched ${found.galleryEntries} entries: ${found.shortlisted} by local similarity, ` +
      `${found.rescored} re-scored 1:1 (penetration ${(found.penetration * 100).toFixed(3)} %)\n`,
  );
}

async function run(probePath: string, o: IdentifyCliOptions): Promise<void> {
  const gallery = openGallery(o.gallery);
  const probe = await loadTemplate(probePath, o.ppi);
  const found = await identify(probe, gallery, {
    topK: o.top,
    threshold: o.threshold,
    exhaustive: o.exhaustive,
    ...(o.workers !== undefined ? { workers: o.workers } : {}),
  });
  print(probePath, found, Boolean(o.json));
}

export function register(program: Command): void {
  program
    .command('identify')
    .description('search a gallery 1:N for a fingerprint: rank, subject, finger position, score')
    .argument('<probe>', 'image (PNG, TIFF, BMP), ISO/IEC 19794-2 record (.ist) or template JSON (.json)')
    .requiredOption('--gallery <file>', 'gallery file from `dactylo gallery build`')
    .option('--top <k>', 'candidates to list at most', integerOption('--top', 1, 1000), 10)
    .option('--threshold <score>', 'lowest 1:1 similarity (0–1) a candidate needs', scoreOption, 0)
    .option(
      '--workers <n>',
      'search threads (default: one per core; 0: none)',
      integerOption('--workers', 0, 256),
    )
    .option('--exhaustive', 're-score the whole gallery 1:1 instead of searching the index (slow baseline)')
    .option(
      '--ppi <n>',
      'scanning resolution of an image probe, overriding the file',
      integerOption('--ppi', 100, 2000),
    )
    .option('--json', 'print one JSON line with the candidates and the penetration')
    .action(async (probe: string, o: IdentifyCliOptions) => run(probe, o));
}
