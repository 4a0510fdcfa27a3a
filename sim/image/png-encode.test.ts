import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { createGrayImage } from './gray-image.ts';
import { encodeGrayPng, ppiToPixelsPerMetre } from './png-encode.ts';

describe('encodeGrayPng', () => {
  it('writes 8-bit grayscale pixels that decode back unchanged', () => {
    const img = createGrayImage(7, 5, 500, 0);
    for (let i = 0; i < img.data.length; i++) (img.data as Uint8Array)[i] = (i * 37) & 255;
    const decoded = PNG.sync.read(encodeGrayPng(img));
    expect([decoded.width, decoded.height]).toEqual([7, 5]);
    for (let i = 0; i < img.data.length; i++) expect(decoded.data[i * 4]).toBe(img.data[i]);
  });

  it('records 500 ppi as 19,685 pixels per metre in pHYs', () => {
    const bytes = encodeGrayPng(createGrayImage(4, 4));
    const at = bytes.indexOf('pHYs', 0, 'latin1');
    expect(at).toBeGreaterThan(0);
    expect(bytes.readUInt32BE(at + 4)).toBe(19685);
    expect(bytes.readUInt8(at + 12)).toBe(1);
    expect(ppiToPixelsPerMetre(1000)).toBe(39370);
  });

  it('is deterministic', () => {
    const img = createGrayImage(16, 16, 500, 128);
    expect(encodeGrayPng(img).equals(encodeGrayPng(img))).toBe(true);
  });
});
