import { readdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { decodeImage } from '../../../sim/image/decode-image.ts';
import type { ConformanceCapture, ConformanceDevice, DeviceIdentity } from '../device.ts';
import { describePng } from '../png-header.ts';
import type { TestTarget } from '../target-catalogue.ts';
import { readTargetManifest, type TargetManifest } from '../target-files.ts';
import { isoRoundTrip } from './virtual-device.ts';

/** Live captures a vendor may add: any PNGs in DIR/fingers/ (gray range, artefacts, quality). */
export const FINGERS_DIR = 'fingers';

/**
 * Reads one delivered PNG the way a lab would accept it: present, a PNG, 8-bit grayscale, with its
 * resolution recorded. Anything else becomes a capture with a one-line problem (never a guess).
 */
export async function readCapturePng(path: string, name: string): Promise<ConformanceCapture> {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(path));
  } catch {
    return { image: null, problem: `missing file ${name}`, acquired: false };
  }
  const h = describePng(bytes);
  if (typeof h === 'string') return { image: null, png: bytes, problem: `${name}: ${h}`, acquired: false };
  if (h.bitDepth !== 8 || h.colorType !== 0)
    return {
      image: null,
      png: bytes,
      problem: `${name} is a ${h.bitDepth}-bit ${h.colorName} PNG; the suite needs 8-bit grayscale`,
      acquired: false,
    };
  if (h.ppi === null)
    return {
      image: null,
      png: bytes,
      problem: `${name} records no resolution (no pHYs chunk)`,
      acquired: false,
    };
  try {
    return { image: decodeImage(bytes), png: bytes, acquired: true };
  } catch (e) {
    return { image: null, png: bytes, problem: `${name}: ${(e as Error).message}`, acquired: false };
  }
}

/**
 * A vendor's folder of captures of the printed targets (`dactylo scanner targets`), under the same
 * file names, with the targets' manifest.json copied beside them; optional live captures in
 * fingers/. Live-only measurements (FTA, latency, PAD) are not available from images.
 */
export class ImageFolderDevice implements ConformanceDevice {
  private manifest: TargetManifest | null = null;

  constructor(readonly dir: string) {}

  private async load(): Promise<TargetManifest> {
    this.manifest ??= await readTargetManifest(join(this.dir, 'manifest.json'));
    return this.manifest;
  }

  async identity(): Promise<DeviceIdentity> {
    const m = await this.load();
    return {
      source: 'images',
      name: basename(this.dir),
      ppi: m.devicePpi,
      widthMm: m.widthMm,
      heightMm: m.heightMm,
    };
  }

  async captureTarget(target: TestTarget): Promise<ConformanceCapture> {
    const m = await this.load();
    const entry = m.targets.find((t) => t.id === target.id);
    if (!entry)
      return { image: null, problem: `manifest.json lists no target ${target.id}`, acquired: false };
    return readCapturePng(join(this.dir, entry.file), entry.file);
  }

  private fingerFiles: string[] | null = null;

  async fingerCount(): Promise<number> {
    this.fingerFiles ??= (await readdir(join(this.dir, FINGERS_DIR)).catch(() => [] as string[]))
      .filter((f) => f.toLowerCase().endsWith('.png'))
      .sort();
    return this.fingerFiles.length;
  }

  async captureFinger(index: number): Promise<ConformanceCapture> {
    await this.fingerCount();
    const name = this.fingerFiles?.[index];
    if (!name)
      return { image: null, problem: `no live capture ${index + 1} in ${FINGERS_DIR}/`, acquired: false };
    return readCapturePng(join(this.dir, FINGERS_DIR, name), `${FINGERS_DIR}/${name}`);
  }

  iso19794RoundTrip(image: Parameters<typeof isoRoundTrip>[0]): string | null {
    return isoRoundTrip(image);
  }
}
