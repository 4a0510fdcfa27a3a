import { extname } from 'node:path';
import { type Command, InvalidArgumentError } from 'commander';
import { decodeImage, ImageDecodeError } from '../../../sim/image/decode-image.ts';
import { extract } from '../../../sim/matcher/extract.ts';
import { decodeIsoTemplate, IsoRecordError } from '../../../sim/matcher/iso19794-2.ts';
import { compare } from '../../../sim/matcher/mcc/comparison.ts';
import type { FingerTemplate } from '../../../sim/matcher/template.ts';
import { templateFromJson } from '../../../sim/matcher/template-json.ts';
import { DOCUMENTED_FMRS, thresholdAtFmr } from '../../../sim/matcher/thresholds.ts';
import { CommandError } from '../errors.ts';
import { integerOption } from '../options.ts';
import { readInputFile } from '../read-input.ts';

interface MatchOptions {
  fmr: number;
  ppi?: number;
  json?: boolean;
}

function fmrOption(value: string): number {
  const v = Number(value);
  if (!DOCUMENTED_FMRS.includes(v as (typeof DOCUMENTED_FMRS)[number]))
    throw new InvalidArgumentError(
      `--fmr must be one of ${DOCUMENTED_FMRS.join(', ')} (measured thresholds), got '${value}'`,
    );
  return v;
}

/** An image (PNG, TIFF, BMP: extracted), an ISO/IEC 19794-2 record (.ist, .iso) or a template JSON. */
export async function loadTemplate(path: string, ppi?: number): Promise<FingerTemplate> {
  const bytes = await readInputFile(path);
  const ext = extname(path).toLowerCase();
  try {
    if (ext === '.ist' || ext === '.iso') return decodeIsoTemplate(bytes);
    if (ext === '.json') return templateFromJson(JSON.parse(bytes.toString('utf8')));
    const image = decodeImage(bytes);
    return extract(ppi ? { ...image, ppi } : image);
  } catch (e) {
    if (
      e instanceof ImageDecodeError ||
      e instanceof IsoRecordError ||
      e instanceof TypeError ||
      e instanceof SyntaxError
    )
      throw new CommandError(`${path}: ${(e as Error).message}`);
    throw e;
  }
}

async function run(a: string, b: string, o: MatchOptions): Promise<void> {
  const [ta, tb] = [await loadTemplate(a, o.ppi), await loadTemplate(b, o.ppi)];
  const score = compare(ta, tb);
  const threshold = thresholdAtFmr(o.fmr);
  const decision = score >= threshold ? 'match' : 'no match';
  if (o.json) {
    const out = {
      score,
      fmr: o.fmr,
      threshold,
      decision,
      minutiae: [ta.minutiae.length, tb.minutiae.length],
    };
    process.stdout.write(`${JSON.stringify(out)}\n`);
    return;
  }
  process.stdout.write(
    `score ${score.toFixed(4)} (${ta.minutiae.length} and ${tb.minutiae.length} minutiae)\n` +
      `${decision} at FMR ${o.fmr * 100} % (threshold ${threshold.toFixed(4)})\n`,
  );
}

export function register(program: Command): void {
  program
    .command('match')
    .description('compare two fingerprints 1:1 (images or templates) and decide at a chosen FMR')
    .argument('<a>', 'image (PNG, TIFF, BMP), ISO/IEC 19794-2 record (.ist) or template JSON (.json)')
    .argument('<b>', 'the other fingerprint, in any of the same forms')
    .option(
      '--fmr <rate>',
      `false match rate of the decision threshold: ${DOCUMENTED_FMRS.join(', ')}`,
      fmrOption,
      0.001,
    )
    .option(
      '--ppi <n>',
      'scanning resolution of images, overriding the files',
      integerOption('--ppi', 100, 2000),
    )
    .option('--json', 'print one JSON line: score, fmr, threshold, decision')
    .action(async (a: string, b: string, o: MatchOptions) => run(a, b, o));
}
