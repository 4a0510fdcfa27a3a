import { writeFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import type { Command } from 'commander';
import { decodeImage, ImageDecodeError } from '../../../sim/image/decode-image.ts';
import type { GrayImage } from '../../../sim/image/gray-image.ts';
import { extract } from '../../../sim/matcher/extract.ts';
import { TraceRenderer } from '../../../sim/matcher/extraction/trace-render.ts';
import { encodeIsoTemplate } from '../../../sim/matcher/iso19794-2.ts';
import { templateToJson } from '../../../sim/matcher/template-json.ts';
import { DACTYLO_VERSION } from '../../../sim/runtime/version.ts';
import { AtomicDirectory } from '../atomic-output.ts';
import { CommandError, UsageError } from '../errors.ts';
import { integerOption } from '../options.ts';
import { progress } from '../progress.ts';
import { readInputFile } from '../read-input.ts';

interface ExtractOptions {
  out: string;
  trace?: string;
  ppi?: number;
}

function stem(path: string): string {
  return basename(path, extname(path));
}

async function readImage(path: string, ppi: number | undefined): Promise<GrayImage> {
  const bytes = await readInputFile(path);
  try {
    const img = decodeImage(bytes);
    return ppi ? { ...img, ppi } : img;
  } catch (e) {
    if (e instanceof ImageDecodeError) throw new CommandError(`${path}: ${e.message}`);
    throw e;
  }
}

async function run(images: string[], o: ExtractOptions): Promise<void> {
  const names = images.map(stem);
  const dup = names.find((n, i) => names.indexOf(n) !== i);
  if (dup) throw new UsageError(`two images would both be written as '${dup}': rename one`);
  const out = await AtomicDirectory.create(o.out);
  const trace = o.trace ? await AtomicDirectory.create(o.trace) : null;
  const bar = progress('extract', images.length);
  try {
    for (const [i, path] of images.entries()) {
      const img = await readImage(path, o.ppi);
      const files: { name: string; bytes: Buffer }[] = [];
      const renderer = new TraceRenderer();
      const template = extract(img, {
        trace: trace ? (stage, value) => files.push(...renderer.render(stage, value)) : undefined,
      });
      const json = { ...templateToJson(template), source: basename(path), dactyloVersion: DACTYLO_VERSION };
      await writeFile(out.file(`${names[i]}.ist`), encodeIsoTemplate(template));
      await writeFile(out.file(`${names[i]}.json`), `${JSON.stringify(json, null, 1)}\n`);
      for (const f of files) await writeFile(trace!.file(`${names[i]}.${f.name}`), f.bytes);
      process.stdout.write(
        `${basename(path)}: ${template.minutiae.length} minutiae, quality ${template.quality}\n`,
      );
      bar.tick();
    }
    bar.stop();
    await out.commit();
    await trace?.commit();
  } catch (e) {
    bar.stop();
    await out.abort();
    await trace?.abort();
    throw e;
  }
}

export function register(program: Command): void {
  program
    .command('extract')
    .description('extract minutiae from fingerprint images (PNG, TIFF, BMP) into ISO/IEC 19794-2 templates')
    .argument('<images...>', 'fingerprint images, 8-bit grayscale (colour is read as luminance)')
    .requiredOption(
      '--out <dir>',
      'new (or empty) directory for <name>.ist (ISO/IEC 19794-2:2005) and <name>.json',
    )
    .option('--trace <dir>', 'new (or empty) directory for every intermediate stage as PNG or JSON')
    .option(
      '--ppi <n>',
      'scanning resolution, overriding the file (images are resampled to 500 ppi)',
      integerOption('--ppi', 100, 2000),
    )
    .action(async (images: string[], o: ExtractOptions) => run(images, o));
}
