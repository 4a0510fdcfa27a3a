import { readdir, stat } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import type { Command } from 'commander';
import { Gallery } from '../../../sim/matcher/identification/gallery.ts';
import {
  GALLERY_FORMAT_VERSION,
  GalleryFileError,
  galleryFileChunks,
  loadGallery,
} from '../../../sim/matcher/identification/gallery-file.ts';
import { withAtomicFile } from '../atomic-output.ts';
import { CommandError, UsageError } from '../errors.ts';
import { integerOption } from '../options.ts';
import { progress } from '../progress.ts';
import { loadTemplate } from './match.ts';

const READABLE = new Set(['.png', '.tif', '.tiff', '.bmp', '.json', '.ist', '.iso']);

interface BuildOptions {
  from: string;
  out: string;
  ppi?: number;
}

async function inputFiles(dir: string): Promise<string[]> {
  try {
    if (!(await stat(dir)).isDirectory()) throw new UsageError(`--from ${dir} is not a directory`);
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`--from ${dir} does not exist`);
  }
  const names = (await readdir(dir)).filter(
    (n) => !n.startsWith('.') && READABLE.has(extname(n).toLowerCase()),
  );
  if (names.length === 0)
    throw new UsageError(`--from ${dir} holds no images (PNG, TIFF, BMP) or templates (.json, .ist)`);
  // Code-unit order, not locale order: the same gallery on every machine.
  return names.sort().map((n) => join(dir, n));
}

/** Subject identifier of a file: its name without the extension (e.g. FVC's "101_1"). */
function subjectOf(path: string): string {
  return basename(path, extname(path));
}

async function build(o: BuildOptions): Promise<void> {
  const files = await inputFiles(o.from);
  const subjects = files.map(subjectOf);
  const dup = subjects.find((s, i) => subjects.indexOf(s) !== i);
  if (dup) throw new UsageError(`two files in ${o.from} name the same subject '${dup}': keep one`);
  const gallery = Gallery.create();
  const bar = progress('gallery', files.length);
  try {
    for (const [i, path] of files.entries()) {
      const template = await loadTemplate(path, o.ppi);
      gallery.enrol({ subjectId: subjects[i], position: template.position, template });
      bar.tick();
    }
  } finally {
    bar.stop();
  }
  await withAtomicFile(o.out, async (f) => {
    for (const chunk of galleryFileChunks(gallery)) {
      if (!f.stream.write(chunk))
        await new Promise<void>((resolve) => f.stream.once('drain', () => resolve()));
    }
  });
  const v = gallery.view();
  process.stdout.write(
    `${o.out}: ${gallery.size} entries, ${v.x.length} minutiae, ${v.ones.length} index cylinders (gallery format ${GALLERY_FORMAT_VERSION})\n`,
  );
}

/** Opens a gallery file for a command, turning every failure into a one-line error. */
export function openGallery(path: string): Gallery {
  try {
    return loadGallery(path);
  } catch (e) {
    if (e instanceof GalleryFileError) throw new CommandError(`${path}: ${e.message}`);
    const code = (e as NodeJS.ErrnoException).code;
    if (code) throw new CommandError(`${path}: cannot read gallery (${code})`);
    throw e;
  }
}

function info(path: string): void {
  const g = openGallery(path);
  const v = g.view();
  process.stdout.write(
    `${path}: gallery format ${GALLERY_FORMAT_VERSION}, ${g.size} entries, ${v.x.length} minutiae, ` +
      `${v.ones.length} index cylinders of ${g.layout.bits} bits, ${(g.bytes() / Math.max(1, g.size)).toFixed(0)} bytes per entry\n`,
  );
}

export function register(program: Command): void {
  const gallery = program.command('gallery').description('build and inspect 1:N galleries');
  gallery
    .command('build')
    .description('enrol every image or template of a directory into a gallery file (subject = file name)')
    .requiredOption(
      '--from <dir>',
      'directory of images (PNG, TIFF, BMP: extracted) or templates (.json, .ist)',
    )
    .requiredOption('--out <file>', 'gallery file to write (appears only when complete)')
    .option(
      '--ppi <n>',
      'scanning resolution of images, overriding the files',
      integerOption('--ppi', 100, 2000),
    )
    .action(async (o: BuildOptions) => build(o));
  gallery
    .command('info')
    .description('print what a gallery file holds')
    .argument('<file>', 'gallery file')
    .action((file: string) => info(file));
  for (const cmd of gallery.commands) cmd.exitOverride().configureOutput({ outputError: () => {} });
}
