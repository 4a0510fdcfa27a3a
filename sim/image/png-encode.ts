import { crc32 } from 'node:zlib';
import { PNG } from 'pngjs';
import type { GrayImage } from './gray-image.ts';

const INCH_PER_METRE = 1 / 0.0254;

/** Pixels per metre as PNG's pHYs chunk stores it: 500 ppi is 19,685 px/m. */
export function ppiToPixelsPerMetre(ppi: number): number {
  return Math.round(ppi * INCH_PER_METRE);
}

function chunk(type: string, body: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(body.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), body])), 0);
  return Buffer.concat([head, body, crc]);
}

/**
 * Encodes an 8-bit grayscale PNG with the resolution in a pHYs chunk (pngjs writes none).
 * Deterministic: same pixels, same bytes.
 */
export function encodeGrayPng(img: GrayImage): Buffer {
  const png = PNG.sync.write(
    Object.assign(
      new PNG({
        width: img.width,
        height: img.height,
        colorType: 0,
        inputColorType: 0,
        bitDepth: 8,
        inputHasAlpha: false,
      }),
      {
        data: Buffer.from(img.data.buffer, img.data.byteOffset, img.data.byteLength),
      },
    ),
    { colorType: 0, inputColorType: 0, bitDepth: 8, inputHasAlpha: false, deflateLevel: 6 },
  );
  const ihdrEnd = 8 + 8 + 13 + 4;
  const phys = Buffer.alloc(9);
  const ppm = ppiToPixelsPerMetre(img.ppi);
  phys.writeUInt32BE(ppm, 0);
  phys.writeUInt32BE(ppm, 4);
  phys.writeUInt8(1, 8);
  return Buffer.concat([png.subarray(0, ihdrEnd), chunk('pHYs', phys), png.subarray(ihdrEnd)]);
}
