import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createGrayImage } from '../../sim/image/gray-image.ts';
import { encodeGrayPng } from '../../sim/image/png-encode.ts';
import { syntheticFinger } from '../../sim/matcher/mcc/synthetic-minutiae.ts';
import { stream } from '../../sim/random/index.ts';
import { decodeTemplate, encodeTemplate, extractImageFile } from './dactylo-extraction.ts';

const dir = mkdtempSync(join(tmpdir(), 'dactylo-enrol-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('dactylo enrolment of an image file', () => {
  it('refuses a file that is not an image, and a blank image, with the reason', () => {
    writeFileSync(join(dir, 'text.png'), 'hello');
    const bad = extractImageFile({ path: join(dir, 'text.png') });
    expect(bad.template).toBeNull();
    expect(bad.reason).toMatch(/unknown image format/);
    writeFileSync(join(dir, 'blank.png'), encodeGrayPng(createGrayImage(300, 300)));
    const blank = extractImageFile({ path: join(dir, 'blank.png') });
    expect(blank.template).toBeNull();
    expect(blank.reason).toBeTruthy();
  });

  it('serialises templates exactly', () => {
    const t = syntheticFinger(stream('enrol-test'));
    expect(decodeTemplate(encodeTemplate(t))).toEqual(t);
  });
});
