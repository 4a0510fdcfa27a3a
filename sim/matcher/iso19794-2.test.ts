import { describe, expect, it } from 'vitest';
import {
  angleFromIso,
  angleToIso,
  decodeIsoRecord,
  decodeIsoTemplate,
  encodeIsoRecord,
  encodeIsoTemplate,
  type IsoFingerRecord,
  IsoRecordError,
} from './iso19794-2.ts';
import type { FingerTemplate } from './template.ts';

const template: FingerTemplate = {
  width: 388,
  height: 374,
  ppi: 500,
  position: 2,
  quality: 71,
  minutiae: [
    { x: 10.4, y: 20.6, angle: 0.5, type: 'ending', quality: 80 },
    { x: 387, y: 373, angle: 6.2, type: 'bifurcation', quality: 100 },
    { x: 0, y: 0, angle: 3, type: 'other', quality: 0 },
  ],
  singularPoints: [
    { type: 'core', x: 190, y: 170 },
    { type: 'delta', x: 90, y: 300 },
  ],
};

function reject(bytes: Uint8Array, reason: RegExp): void {
  expect(() => decodeIsoRecord(bytes)).toThrow(IsoRecordError);
  expect(() => decodeIsoRecord(bytes)).toThrow(reason);
}

describe('ISO/IEC 19794-2:2005 record', () => {
  it('lays out header, view, minutiae and core/delta block as the standard says', () => {
    const b = encodeIsoTemplate(template);
    expect(Buffer.from(b.subarray(0, 8)).toString('latin1')).toBe('FMR\0 20\0');
    const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
    expect(view.getUint32(8)).toBe(b.length);
    expect(view.getUint16(14)).toBe(388);
    expect(view.getUint16(16)).toBe(374);
    expect(view.getUint16(18)).toBe(197); // 500 ppi = 196.85 px/cm
    expect(b[22]).toBe(1); // one view
    expect(b[24]).toBe(2); // right index
    expect(b[26]).toBe(71);
    expect(b[27]).toBe(3);
    // First minutia: type 01 (ending) in the top two bits, x = 10; y = 21; 0.5 rad ≈ 20 units.
    expect(view.getUint16(28)).toBe((1 << 14) | 10);
    expect(view.getUint16(30)).toBe(21);
    expect(b[32]).toBe(20);
    expect(b[33]).toBe(80);
    expect(view.getUint16(34) >> 14).toBe(2);
    const ext = 28 + 3 * 6;
    expect(view.getUint16(ext)).toBe(4 + 1 + 4 + 1 + 4); // area length: block header + data
    expect(view.getUint16(ext + 2)).toBe(2); // core/delta type
    expect(view.getUint16(ext + 4)).toBe(4 + 1 + 4 + 1 + 4); // block length includes its header
    expect(b[ext + 6]).toBe(1); // one core, no angle
    expect(b.length).toBe(ext + 2 + 14);
  });

  it('round-trips byte-exactly, and templates up to the format’s precision', () => {
    const bytes = encodeIsoTemplate(template);
    const back = decodeIsoTemplate(bytes);
    expect(Buffer.from(encodeIsoTemplate(back)).equals(Buffer.from(bytes))).toBe(true);
    expect(back.position).toBe(2);
    expect(back.ppi).toBe(500);
    expect(back.minutiae.map((m) => [m.x, m.y, m.type, m.quality])).toEqual([
      [10, 21, 'ending', 80],
      [387, 373, 'bifurcation', 100],
      [0, 0, 'other', 0],
    ]);
    for (const [a, b] of back.minutiae.map((m, i) => [m.angle, template.minutiae[i].angle])) {
      const d = Math.abs(a - b) % (2 * Math.PI);
      expect(Math.min(d, 2 * Math.PI - d)).toBeLessThanOrEqual((Math.PI / 256) * 1.0001);
    }
    expect(back.singularPoints).toEqual([
      { type: 'core', x: 190, y: 170 },
      { type: 'delta', x: 90, y: 300 },
    ]);
  });

  it('keeps every field of a decoded record, unknown extension blocks and angles included', () => {
    const rec: IsoFingerRecord = {
      compliance: 8,
      captureEquipmentId: 0x123,
      width: 500,
      height: 500,
      xResolution: 197,
      yResolution: 200,
      views: [
        {
          position: 7,
          viewNumber: 1,
          impressionType: 8,
          quality: 55,
          minutiae: [{ type: 2, x: 499, y: 1, angle: 255, quality: 9 }],
          coreDelta: {
            coresWithAngle: true,
            deltasWithAngle: true,
            cores: [{ x: 5, y: 6, angle: 7 }],
            deltas: [{ x: 8, y: 9, angles: [1, 2, 3] }],
          },
          extensions: [
            { type: 0x0101, data: Uint8Array.from([9, 9, 9]) },
            { type: 2, data: new Uint8Array(0) },
          ],
        },
        { position: 0, viewNumber: 0, impressionType: 0, quality: 0, minutiae: [], extensions: [] },
      ],
    };
    const bytes = encodeIsoRecord(rec);
    const back = decodeIsoRecord(bytes);
    expect(back.views[0].coreDelta).toEqual(rec.views[0].coreDelta);
    expect(back.captureEquipmentId).toBe(0x123);
    expect(back.compliance).toBe(8);
    expect(Buffer.from(encodeIsoRecord(back)).equals(Buffer.from(bytes))).toBe(true);
  });

  it('converts angles in 1.40625° units counter-clockwise', () => {
    expect(angleToIso(Math.PI / 2)).toBe(64);
    expect(angleToIso(2 * Math.PI - 0.001)).toBe(0);
    expect(angleFromIso(128)).toBeCloseTo(Math.PI);
  });

  it('rejects malformed records with the reason', () => {
    const good = encodeIsoTemplate(template);
    const with_ = (offset: number, bytes: number[]) => {
      const b = Uint8Array.from(good);
      b.set(bytes, offset);
      return b;
    };
    reject(good.subarray(0, 10), /truncated record: 10 bytes/);
    reject(with_(0, [0x46, 0x49, 0x52]), /bad magic 'FIR/);
    reject(with_(4, [0x30, 0x33, 0x30]), /unsupported version '030/);
    reject(with_(8, [0, 0, 0, 99]), /wrong length: the header says 99 bytes/);
    reject(good.subarray(0, good.length - 3), /wrong length/);
    reject(with_(23, [1]), /reserved header byte/);
    reject(with_(24, [11]), /finger position 11 is out of range/);
    reject(with_(25, [5]), /impression type 5/);
    reject(with_(26, [101]), /finger quality 101/);
    reject(with_(28, [0xc0]), /type bits 11/);
    reject(with_(28, [0x41, 0x90]), /minutia 0: \(400, 21\) is outside the 388×374 image/);
    reject(with_(33, [200]), /quality 200 is out of range/);
    reject(with_(14, [0, 0]), /image size 0×374 is empty/);
    // A record whose minutiae count promises more than the bytes hold.
    const short = with_(27, [4]);
    reject(short, /truncated record|wrong length|extension/);
  });
});
