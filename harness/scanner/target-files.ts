import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createGrayImage } from '../../sim/image/gray-image.ts';
import { encodeGrayPng } from '../../sim/image/png-encode.ts';
import { DACTYLO_VERSION } from '../../sim/runtime/version.ts';
import { assertValid } from '../contract/validate.ts';
import { reflectanceOf, type TargetSpec, targetCatalogue } from './target-catalogue.ts';

/** What `dactylo scanner targets` writes beside the PNGs: each target's physical geometry. */
export interface TargetManifest {
  kind: 'dactylo-scanner-targets';
  version: string;
  /** Resolution of the device the targets are for (sets the frequency range). */
  devicePpi: number;
  /** Resolution the PNGs are rendered at, for the printer (pHYs of every file). */
  printPpi: number;
  widthMm: number;
  heightMm: number;
  targets: (TargetSpec & { file: string; widthPx: number; heightPx: number })[];
}

export const MANIFEST_SCHEMA = 'scanner-targets-manifest.schema.json';

/**
 * Renders one target to 8-bit gray at the print resolution, gray = 255 × reflectance (printers
 * linearise their own output; the vendor's calibration of the print is theirs to document).
 */
export function renderTargetPng(
  spec: TargetSpec,
  widthMm: number,
  heightMm: number,
  printPpi: number,
): { png: Buffer; widthPx: number; heightPx: number } {
  const widthPx = Math.round((widthMm / 25.4) * printPpi);
  const heightPx = Math.round((heightMm / 25.4) * printPpi);
  const r = reflectanceOf(spec, widthMm, heightMm);
  const img = createGrayImage(widthPx, heightPx, printPpi, 0);
  const data = img.data as Uint8Array;
  for (let y = 0; y < heightPx; y++) {
    const ym = ((y + 0.5) / printPpi) * 25.4;
    for (let x = 0; x < widthPx; x++)
      data[y * widthPx + x] = Math.round(255 * r(((x + 0.5) / printPpi) * 25.4, ym));
  }
  return { png: encodeGrayPng(img), widthPx, heightPx };
}

/** The manifest of the catalogue for a device and platen, without rendering anything. */
export function targetManifest(
  devicePpi: number,
  printPpi: number,
  widthMm: number,
  heightMm: number,
): TargetManifest {
  return {
    kind: 'dactylo-scanner-targets',
    version: DACTYLO_VERSION,
    devicePpi,
    printPpi,
    widthMm,
    heightMm,
    targets: targetCatalogue(devicePpi).map((spec) => ({
      ...spec,
      file: `${spec.id}.png`,
      widthPx: Math.round((widthMm / 25.4) * printPpi),
      heightPx: Math.round((heightMm / 25.4) * printPpi),
    })),
  };
}

/** Writes every catalogue target and manifest.json into `dir` (which the caller made, atomically). */
export async function writeTargets(
  dir: string,
  devicePpi: number,
  printPpi: number,
  widthMm: number,
  heightMm: number,
  onTarget?: () => void,
): Promise<TargetManifest> {
  const manifest = targetManifest(devicePpi, printPpi, widthMm, heightMm);
  for (const t of manifest.targets) {
    await writeFile(join(dir, t.file), renderTargetPng(t, widthMm, heightMm, printPpi).png);
    onTarget?.();
  }
  assertValid(MANIFEST_SCHEMA, manifest);
  await writeFile(join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

/** Reads and validates a targets manifest; the error names the file and the bad field. */
export async function readTargetManifest(path: string): Promise<TargetManifest> {
  let data: unknown;
  try {
    data = JSON.parse(await readFile(path, 'utf8'));
  } catch (e) {
    throw new Error(
      `${path}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'missing (copy the manifest.json written by `dactylo scanner targets` next to the captures)' : (e as Error).message}`,
    );
  }
  try {
    assertValid(MANIFEST_SCHEMA, data);
  } catch (e) {
    throw new Error(`${path}: ${(e as Error).message}`);
  }
  return data as TargetManifest;
}
