import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { fvcMissingReason, fvcSetDir } from '../runtime/shared-data.ts';
import { decodeImage, ImageDecodeError } from './decode-image.ts';
import { createGrayImage } from './gray-image.ts';
import { encodeGrayPng } from './png-encode.ts';

function gradient(width: number, height: number, ppi = 500) {
  const img = createGrayImage(width, height, ppi, 0);
  for (let i = 0; i < img.data.length; i++) img.data[i] = (i * 7) % 256;
  return img;
}

function expectError(bytes: Uint8Array, pattern: RegExp): void {
  let caught: unknown;
  try {
    decodeImage(bytes);
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(ImageDecodeError);
  expect((caught as Error).message).toMatch(pattern);
  expect((caught as Error).message).not.toContain('\n');
}

/** A minimal BMP: 14-byte file header, 40-byte info header, optional palette, bottom-up rows. */
function bmp(
  width: number,
  height: number,
  bpp: 8 | 24,
  pixel: (x: number, y: number) => number[],
): Uint8Array {
  const stride = Math.ceil((width * bpp) / 32) * 4;
  const palette = bpp === 8 ? 1024 : 0;
  const offset = 54 + palette;
  const buf = Buffer.alloc(offset + stride * height);
  buf.write('BM', 0, 'latin1');
  buf.writeUInt32LE(buf.length, 2);
  buf.writeUInt32LE(offset, 10);
  buf.writeUInt32LE(40, 14);
  buf.writeInt32LE(width, 18);
  buf.writeInt32LE(height, 22);
  buf.writeUInt16LE(1, 26);
  buf.writeUInt16LE(bpp, 28);
  buf.writeInt32LE(Math.round(569 / 0.0254), 38);
  buf.writeInt32LE(Math.round(569 / 0.0254), 42);
  if (bpp === 8) for (let i = 0; i < 256; i++) buf.fill(i, 54 + 4 * i, 54 + 4 * i + 3);
  for (let y = 0; y < height; y++) {
    const row = offset + (height - 1 - y) * stride;
    for (let x = 0; x < width; x++) buf.set(pixel(x, y), row + (x * bpp) / 8);
  }
  return buf;
}

describe('decodeImage', () => {
  it('reads a gray PNG with its pHYs resolution', () => {
    const img = gradient(31, 17, 1000);
    const back = decodeImage(encodeGrayPng(img));
    expect(back).toMatchObject({ width: 31, height: 17, ppi: 1000 });
    expect(Buffer.from(back.data).equals(Buffer.from(img.data))).toBe(true);
  });

  it('reads colour PNG as luminance (BT.601)', () => {
    const png = new PNG({ width: 2, height: 1 });
    png.data.set([255, 0, 0, 255, 0, 0, 255, 255]);
    const img = decodeImage(PNG.sync.write(png), 500);
    expect(Array.from(img.data)).toEqual([76, 29]);
    expect(img.ppi).toBe(500);
  });

  it('reads 8-bit palette and 24-bit BMP with pixels per metre', () => {
    const gray = decodeImage(bmp(5, 3, 8, (x, y) => [x * 10 + y]));
    expect(gray).toMatchObject({ width: 5, height: 3, ppi: 569 });
    expect(gray.data[2 * 5 + 4]).toBe(42);
    const rgb = decodeImage(bmp(3, 2, 24, () => [0, 0, 255]));
    expect(rgb.data[0]).toBe(76);
  });

  it('refuses a 16-bit PNG, naming the bit depth', () => {
    const png = new PNG({
      width: 4,
      height: 4,
      bitDepth: 16,
      colorType: 0,
      inputColorType: 0,
      inputHasAlpha: false,
    });
    png.data = Buffer.alloc(4 * 4 * 2);
    const bytes = PNG.sync.write(png, {
      bitDepth: 16,
      colorType: 0,
      inputColorType: 0,
      inputHasAlpha: false,
    });
    expectError(bytes, /16-bit PNG.*8 bits/);
  });

  it('refuses truncated, empty and unknown files', () => {
    const png = encodeGrayPng(gradient(40, 40));
    expectError(png.subarray(0, png.length - 30), /truncated PNG/);
    expectError(new Uint8Array(0), /empty file/);
    expectError(Buffer.from('hello world'), /unknown image format/);
    const b = bmp(8, 8, 8, () => [1]);
    expectError(b.subarray(0, 200), /truncated BMP/);
  });

  it('refuses a 20,000 × 20,000 header before allocating', () => {
    const png = Buffer.from(encodeGrayPng(gradient(8, 8)));
    png.writeUInt32BE(20_000, 16);
    png.writeUInt32BE(20_000, 20);
    expectError(png, /20000×20000.*limit/);
    const b = Buffer.from(bmp(4, 4, 8, () => [0]));
    b.writeInt32LE(20_000, 18);
    b.writeInt32LE(20_000, 22);
    expectError(b, /20000×20000.*limit/);
  });

  it('refuses an empty (0 × 0) image', () => {
    const b = Buffer.from(bmp(4, 4, 8, () => [0]));
    b.writeInt32LE(0, 18);
    expectError(b, /empty BMP/);
  });

  const db1 = fvcSetDir('fvc2002-db1b');
  describe.skipIf(!db1)(`FVC TIFFs (${db1 ? 'present' : fvcMissingReason('fvc2002-db1b')})`, () => {
    it('reads 388×374 8-bit TIFFs with the default ppi (the files carry none)', () => {
      const bytes = readFileSync(join(db1!, '101_1.tif'));
      const img = decodeImage(bytes);
      expect(img).toMatchObject({ width: 388, height: 374, ppi: 500 });
      expect(decodeImage(bytes, 569).ppi).toBe(569);
      const mean = img.data.reduce((s, v) => s + v, 0) / img.data.length;
      expect(mean).toBeGreaterThan(100);
      expect(mean).toBeLessThan(250);
    });

    it('refuses a truncated TIFF and an absurd TIFF header', () => {
      const bytes = readFileSync(join(db1!, '101_1.tif'));
      expectError(bytes.subarray(0, 50_000), /truncated TIFF|corrupt TIFF/);
      const huge = Buffer.from(bytes);
      // The FVC files keep their directory after the header; find ImageWidth (256) and patch it.
      const ifd = huge.readUInt32LE(4);
      const entries = huge.readUInt16LE(ifd);
      for (let k = 0; k < entries; k++) {
        const e = ifd + 2 + 12 * k;
        const tag = huge.readUInt16LE(e);
        if (tag === 256 || tag === 257) {
          if (huge.readUInt16LE(e + 2) === 3) huge.writeUInt16LE(20_000, e + 8);
          else huge.writeUInt32LE(20_000, e + 8);
        }
      }
      expectError(huge, /20000×20000.*limit/);
    });
  });
});
