import { crc32 } from 'node:zlib';
import { PNG } from 'pngjs';
import { createGrayImage } from '../../sim/image/gray-image.ts';
import { encodeGrayPng } from '../../sim/image/png-encode.ts';

/**
 * Fingerprint images a target must refuse with a machine-readable 4xx: the contract takes 8-bit
 * grayscale PNG at 500 ppi, so each of these breaks one thing a decoder or the contract relies on.
 */
export interface MalformedImage {
  id: string;
  description: string;
  bytes: Buffer;
}

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td) >>> 0);
  return Buffer.concat([len, td, crc]);
}

/** A valid 8-bit grayscale PNG at 500 ppi with a ridge-like pattern: the control that must be accepted. */
export function validFingerprintPng(width = 256, height = 320): Buffer {
  const img = createGrayImage(width, height);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) img.data[y * width + x] = 128 + Math.round(100 * Math.sin((x + y) / 3));
  return encodeGrayPng(img);
}

/** The IHDR fields of a PNG, for tests and for telling apart why a target refused one. */
export function pngHeader(bytes: Buffer): {
  width: number;
  height: number;
  bitDepth: number;
  colourType: number;
} {
  if (!bytes.subarray(0, 8).equals(SIGNATURE) || bytes.toString('latin1', 12, 16) !== 'IHDR')
    throw new Error('not a PNG with an IHDR chunk');
  return {
    width: bytes.readUInt32BE(16),
    height: bytes.readUInt32BE(20),
    bitDepth: bytes[24],
    colourType: bytes[25],
  };
}

/** A valid PNG whose IHDR claims 60,000 × 60,000 pixels: 3.6 GB if a decoder believes it. */
export function hugeDimensionsPng(): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(60_000, 0);
  ihdr.writeUInt32BE(60_000, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // grayscale
  return Buffer.concat([
    SIGNATURE,
    chunk('IHDR', ihdr),
    chunk('IDAT', Buffer.from([0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01])),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function pngjs(width: number, height: number, colorType: 0 | 2, bitDepth: 8 | 16): Buffer {
  const png = new PNG({
    width,
    height,
    colorType,
    inputColorType: colorType === 0 ? 0 : 2,
    bitDepth,
    inputHasAlpha: false,
  });
  const channels = colorType === 0 ? 1 : 3;
  const bytesPer = bitDepth / 8;
  png.data = Buffer.alloc(width * height * channels * bytesPer, 0x80);
  return PNG.sync.write(png, {
    colorType,
    inputColorType: colorType === 0 ? 0 : 2,
    bitDepth,
    inputHasAlpha: false,
  });
}

export function malformedImages(): MalformedImage[] {
  const valid = validFingerprintPng();
  const badCrc = Buffer.from(valid);
  const idat = badCrc.indexOf('IDAT', 0, 'latin1');
  const idatLength = badCrc.readUInt32BE(idat - 4);
  badCrc[idat + 4 + idatLength] ^= 0xff; // first CRC byte of IDAT
  return [
    {
      id: 'truncated-png',
      description: 'the first 60 % of a valid PNG',
      bytes: valid.subarray(0, Math.floor(valid.length * 0.6)),
    },
    {
      id: 'sixteen-bit-png',
      description: '16-bit grayscale PNG (the contract takes 8-bit)',
      bytes: pngjs(256, 320, 0, 16),
    },
    { id: 'colour-png', description: 'RGB PNG (the contract takes grayscale)', bytes: pngjs(256, 320, 2, 8) },
    { id: 'bad-crc-png', description: 'a valid PNG with one CRC byte flipped', bytes: badCrc },
    {
      id: 'huge-dimensions-png',
      description: 'IHDR claiming 60,000 × 60,000 pixels over an empty IDAT',
      bytes: hugeDimensionsPng(),
    },
    {
      id: 'not-an-image',
      description: 'a JPEG signature followed by text',
      bytes: Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('not really')]),
    },
    { id: 'empty-image', description: 'zero bytes', bytes: Buffer.alloc(0) },
    {
      id: 'corrupt-template',
      description: 'an ISO/IEC 19794-2 header claiming 200 minutiae and holding 3',
      bytes: corruptIsoTemplate(),
    },
  ];
}

/** "FMR\0" " 20\0" record header whose minutia count exceeds the bytes that follow. */
function corruptIsoTemplate(): Buffer {
  const b = Buffer.alloc(24 + 4 + 3 * 6);
  b.write('FMR\0 20\0', 0, 'latin1');
  b.writeUInt32BE(b.length, 8);
  b.writeUInt16BE(256, 14);
  b.writeUInt16BE(320, 16);
  b.writeUInt16BE(197, 18);
  b.writeUInt16BE(197, 20);
  b[22] = 1; // one finger view
  b[24] = 2; // right index
  b[26] = 80; // quality
  b[27] = 200; // minutiae claimed
  return b;
}
