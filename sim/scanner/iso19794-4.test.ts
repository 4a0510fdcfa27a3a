import { describe, expect, it } from 'vitest';
import { createGrayImage } from '../image/gray-image.ts';
import {
  captureToFingerImageRecord,
  decodeFingerImageRecord,
  encodeFingerImageRecord,
  FirRecordError,
  viewImage,
} from './iso19794-4.ts';
import type { Capture } from './types.ts';

function capture(width = 37, height = 23): Capture {
  const image = createGrayImage(width, height, 500, 0);
  for (let i = 0; i < image.data.length; i++) (image.data as Uint8Array)[i] = (i * 37 + (i >> 3)) & 255;
  return {
    image,
    ppiNominal: 500,
    acquired: true,
    latencyMs: 400,
    pad: { score: 0.9, decision: 'bona-fide' },
    fingerPosition: 7,
  };
}

describe('ISO/IEC 19794-4:2005 finger image records', () => {
  it('lays out the 32-byte general header and the 14-byte finger header as the standard tables say', () => {
    const b = captureToFingerImageRecord(capture());
    expect(b.length).toBe(32 + 14 + 37 * 23);
    expect(b.subarray(0, 8).toString('latin1')).toBe('FIR\u0000010\u0000');
    expect(b.readUIntBE(8, 6)).toBe(b.length);
    expect(b.readUInt16BE(16)).toBe(31); // acquisition level: 500 ppi, 8 bits
    expect([b[18], b[19]]).toEqual([1, 1]); // one finger, pixels per inch
    expect([20, 22, 24, 26].map((o) => b.readUInt16BE(o))).toEqual([500, 500, 500, 500]);
    expect([b[28], b[29]]).toEqual([8, 0]);
    expect(b.readUInt32BE(32)).toBe(14 + 37 * 23);
    expect([b[36], b[37], b[38], b[40]]).toEqual([7, 1, 1, 0]); // position, views, view number, live-scan plain
    expect([b.readUInt16BE(41), b.readUInt16BE(43)]).toEqual([37, 23]);
  });

  it('round-trips byte for byte, uncompressed and PNG, and gives back the pixels', () => {
    for (const compression of ['none', 'png'] as const) {
      const c = capture();
      const bytes = captureToFingerImageRecord(c, { compression, quality: 77 });
      const record = decodeFingerImageRecord(bytes);
      expect(record.compression).toBe(compression);
      expect(record.views[0].quality).toBe(77);
      expect(encodeFingerImageRecord(record).equals(bytes)).toBe(true);
      const img = viewImage(record);
      expect([img.width, img.height, img.ppi]).toEqual([37, 23, 500]);
      expect(Buffer.from(img.data).equals(Buffer.from(c.image.data))).toBe(true);
    }
    expect(captureToFingerImageRecord(capture(), { compression: 'png' })[29]).toBe(5);
  });

  it('rejects malformed records, naming what is wrong', () => {
    const good = captureToFingerImageRecord(capture());
    const cases: [string, (b: Buffer) => Buffer | undefined, RegExp][] = [
      ['short', (b) => b.subarray(0, 20), /shorter than the 32-byte general header/],
      ['magic', (b) => void b.write('FMR', 0, 'latin1'), /format identifier is "FMR\\u0000"/],
      ['version', (b) => void b.write('020', 4, 'latin1'), /version is "020\\u0000"/],
      [
        'length',
        (b) => void b.writeUIntBE(b.length + 1, 8, 6),
        /record length field says \d+ bytes, the record has/,
      ],
      ['level', (b) => void b.writeUInt16BE(35, 16), /image acquisition level 35/],
      [
        'count',
        (b) => {
          b[18] = 0;
          return b;
        },
        /number of fingers is 0/,
      ],
      [
        'units',
        (b) => {
          b[19] = 3;
          return b;
        },
        /scale units 3/,
      ],
      [
        'depth',
        (b) => {
          b[28] = 16;
          return b;
        },
        /pixel depth 16 bits/,
      ],
      [
        'wsq',
        (b) => {
          b[29] = 2;
          return b;
        },
        /compression 2 \(WSQ\) is not supported/,
      ],
      ['reserved', (b) => void b.writeUInt16BE(1, 30), /reserved bytes 30–31/],
      [
        'quality',
        (b) => {
          b[39] = 101;
          return b;
        },
        /image quality 101 is above 100/,
      ],
      [
        'position',
        (b) => {
          b[36] = 17;
          return b;
        },
        /position 17 is not a finger or palm code/,
      ],
      ['block', (b) => void b.writeUInt32BE(9, 32), /claims 9 bytes, less than its 14-byte header/],
      [
        'pixels',
        (b) => void b.writeUInt16BE(38, 41),
        /851 bytes of pixels for a 38×23 8-bit image \(needs 874\)/,
      ],
      [
        'truncated',
        (b) => {
          const t = Buffer.from(b.subarray(0, b.length - 5));
          t.writeUIntBE(t.length, 8, 6);
          return t;
        },
        /runs past the end of the record/,
      ],
      [
        'trailing',
        (b) => {
          const t = Buffer.concat([b, Buffer.alloc(3)]);
          t.writeUIntBE(t.length, 8, 6);
          return t;
        },
        /3 bytes after the last of the 1 finger images/,
      ],
    ];
    for (const [name, damage, message] of cases) {
      const copy = Buffer.from(good);
      const bytes = damage(copy) ?? copy;
      expect(() => decodeFingerImageRecord(bytes), name).toThrow(FirRecordError);
      expect(() => decodeFingerImageRecord(bytes), name).toThrow(message);
    }
  });

  it('checks a PNG view against the line lengths of its header', () => {
    const bytes = captureToFingerImageRecord(capture(), { compression: 'png' });
    bytes.writeUInt16BE(36, 41);
    expect(() => viewImage(decodeFingerImageRecord(bytes))).toThrow(/PNG is 37×23, the header says 36×23/);
  });
});
