import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * A fingerprint database in the FVC layout: one folder of `{finger}_{impression}.{tif,png,bmp}` files
 * (FVC ships `101_1.tif` … `110_8.tif`). Fingers and impressions are numbered as in the file names.
 */
export interface FvcImage {
  finger: number;
  impression: number;
  path: string;
  /** Index in FvcDatabase.images. */
  index: number;
}

export interface FvcDatabase {
  dir: string;
  /** Sorted by finger, then impression. */
  images: FvcImage[];
  /** Distinct finger numbers, ascending. */
  fingers: number[];
}

const NAME = /^(\d+)_(\d+)\.(tif|tiff|png|bmp)$/i;

export async function readFvcDatabase(dir: string): Promise<FvcDatabase> {
  let entries: string[];
  try {
    if (!(await stat(dir)).isDirectory()) throw new Error('not a directory');
    entries = await readdir(dir);
  } catch {
    throw new Error(`cannot read database folder ${dir}: it does not exist or is not a directory`);
  }
  const found = new Map<string, FvcImage>();
  for (const name of entries.sort()) {
    const m = NAME.exec(name);
    if (!m) continue;
    const key = `${Number(m[1])}_${Number(m[2])}`;
    if (found.has(key)) throw new Error(`database ${dir} has two images for ${key} (${name})`);
    found.set(key, { finger: Number(m[1]), impression: Number(m[2]), path: join(dir, name), index: 0 });
  }
  const images = [...found.values()].sort((a, b) => a.finger - b.finger || a.impression - b.impression);
  if (images.length === 0)
    throw new Error(`database ${dir} has no images named {finger}_{impression}.tif/.png/.bmp`);
  images.forEach((im, i) => {
    im.index = i;
  });
  const fingers = [...new Set(images.map((im) => im.finger))];
  return { dir, images, fingers };
}
