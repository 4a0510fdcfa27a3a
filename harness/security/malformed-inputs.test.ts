import { describe, expect, it } from 'vitest';
import { decodeImage, ImageDecodeError } from '../../sim/image/decode-image.ts';
import { decodeIsoTemplate } from '../../sim/matcher/iso19794-2.ts';
import { hugeHeaderValue, jsonOfSize, malformedBodies, oversizedBody } from './malformed-bodies.ts';
import { malformedImages, pngHeader, validFingerprintPng } from './malformed-images.ts';

const valid = { iin: '900215400123', surname: 'Жолдасбекова', consent: true };

describe('malformed bodies', () => {
  it('builds valid JSON exactly one byte over a limit', () => {
    const b = oversizedBody(valid, 1_048_576);
    expect(b.bytes.length).toBe(1_048_577);
    expect(JSON.parse(b.bytes.toString()).iin).toBe(valid.iin);
    expect(jsonOfSize(valid, 200).length).toBe(200);
    expect(() => jsonOfSize(valid, 10)).toThrow(/cannot hold/);
  });

  it('builds bodies that a strict JSON reader refuses, each for its reason', () => {
    const byId = Object.fromEntries(malformedBodies(valid).map((b) => [b.id, b]));
    const parse = (id: string) => () =>
      JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(byId[id].bytes));
    expect(parse('truncated')).toThrow(SyntaxError);
    expect(parse('invalid-utf8')).toThrow(TypeError);
    expect(parse('empty')).toThrow(SyntaxError);
    // V8 parses 100,000 nested arrays; recursive validators and serialisers are what it stresses.
    expect(byId['deeply-nested'].bytes.length).toBe(200_000);
    // Parse but must still be refused: an array, duplicated members, a BOM, the wrong media type.
    expect(Array.isArray(JSON.parse(byId['not-an-object'].bytes.toString()))).toBe(true);
    expect(byId['duplicate-keys'].bytes.toString().match(/"iin"/g)).toHaveLength(2);
    expect(byId.bom.bytes[0]).toBe(0xef);
    expect(byId['wrong-content-type'].contentType).toBe('text/plain');
    expect(hugeHeaderValue().length).toBe(65_536);
  });
});

describe('malformed images', () => {
  const images = Object.fromEntries(malformedImages().map((i) => [i.id, i.bytes]));

  it('starts from a valid 8-bit grayscale 500 ppi PNG that decodes', () => {
    const png = validFingerprintPng();
    expect(pngHeader(png)).toMatchObject({ bitDepth: 8, colourType: 0, width: 256 });
    expect(decodeImage(png)).toMatchObject({ width: 256, height: 320, ppi: 500 });
  });

  it('breaks each image the way it says', () => {
    for (const id of ['truncated-png', 'bad-crc-png', 'huge-dimensions-png', 'not-an-image', 'empty-image'])
      expect(() => decodeImage(images[id]), id).toThrow(ImageDecodeError);
    expect(() => decodeImage(images['huge-dimensions-png'])).toThrow(/60000×60000/);
    expect(pngHeader(images['sixteen-bit-png'])).toMatchObject({ bitDepth: 16, colourType: 0 });
    expect(pngHeader(images['colour-png'])).toMatchObject({ bitDepth: 8, colourType: 2 });
    expect(() => decodeIsoTemplate(images['corrupt-template'])).toThrow();
  });
});
