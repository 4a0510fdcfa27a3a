import { describe, expect, it } from 'vitest';
import type { GrayImage } from '../image/gray-image.ts';
import { scannerProfile } from './scanner-profile.ts';
import type { FingerSpec } from './types.ts';
import { VirtualScanner } from './virtual-scanner.ts';

const finger: FingerSpec = { seed: 'scanner-slow', subject: 5, position: 3, impression: 2 };

/** Share of dark (ridge) pixels in each quarter of the image width. */
function quarterInk(img: GrayImage): number[] {
  const q = [0, 0, 0, 0];
  for (let y = 0; y < img.height; y++)
    for (let x = 0; x < img.width; x++)
      if (img.data[y * img.width + x] < 100) q[Math.min(3, Math.floor((4 * x) / img.width))]++;
  return q.map((n) => n / ((img.width / 4) * img.height));
}

/** Mean absolute Laplacian: fine texture (halftone dots, screen grids) shows up here. */
function fineTexture(img: GrayImage): number {
  let s = 0;
  let n = 0;
  const w = img.width;
  for (let y = 1; y < img.height - 1; y++)
    for (let x = 1; x < w - 1; x++) {
      const i = y * w + x;
      s += Math.abs(4 * img.data[i] - img.data[i - 1] - img.data[i + 1] - img.data[i - w] - img.data[i + w]);
      n++;
    }
  return s / n;
}

/** Standard deviation of the ridge pixels' grays: uniform ridge darkness gives a small one. */
function ridgeSpread(img: GrayImage): number {
  const v = Array.from(img.data).filter((p) => p < 110);
  const mean = v.reduce((a, b) => a + b, 0) / v.length;
  return Math.sqrt(v.reduce((a, b) => a + (b - mean) ** 2, 0) / v.length);
}

function darkShare(img: GrayImage, below: number): number {
  let n = 0;
  for (const v of img.data) if (v < below) n++;
  return n / img.data.length;
}

describe('virtual scanner: four-finger slap', () => {
  it('captures the four fingers of the hand side by side, index leftmost on the right hand', () => {
    const slap = new VirtualScanner(scannerProfile('slap-500'));
    const right = slap.captureFinger({ ...finger, position: 2 });
    expect(right.acquired).toBe(true);
    expect(right.fingerPosition).toBe(13);
    expect([right.image.width, right.image.height]).toEqual([1600, 1500]);
    for (const share of quarterInk(right.image)) expect(share).toBeGreaterThan(0.01);
    const left = slap.captureFinger({ ...finger, position: 9 });
    expect(left.fingerPosition).toBe(14);
    for (const share of quarterInk(left.image)) expect(share).toBeGreaterThan(0.01);
  }, 120_000);
});

describe('virtual scanner: skin and artefacts', () => {
  const optical = new VirtualScanner(scannerProfile('optical-500'));

  it('prints worn and scarred skin differently from normal skin, and still acquires them', () => {
    const normal = optical.captureFinger(finger, { skin: 'normal' });
    for (const skin of ['worn', 'scarred'] as const) {
      const c = optical.captureFinger(finger, { skin });
      expect(c.acquired, skin).toBe(true);
      expect(Buffer.from(c.image.data).equals(Buffer.from(normal.image.data)), skin).toBe(false);
    }
    expect(darkShare(optical.captureFinger(finger, { skin: 'worn' }).image, 100)).toBeLessThan(
      darkShare(normal.image, 100),
    );
    // Worn skin touched lightly leaves too little contact for the finger detector: a failure to acquire.
    const faint = optical.captureFinger(finger, { skin: 'worn', pressure: 0 });
    expect(faint.acquired).toBe(false);
    expect(faint.failureReason).toMatch(
      /no finger detected: 10\.\d % of the platen in contact, below the 12\.0 %/,
    );
  }, 60_000);

  it('shows each artefact its signature: paler gelatine, halftone prints, screen grids, even silicone', () => {
    const live = optical.captureFinger(finger).image;
    const attack = (species: 'gelatine' | 'printed' | 'replayed' | 'silicone' | 'latex') =>
      optical.capturePresentation({ species, finger }).image;
    expect(darkShare(attack('gelatine'), 70)).toBeLessThan(darkShare(live, 70) * 0.5);
    expect(darkShare(attack('latex'), 70)).toBeLessThan(darkShare(live, 70) * 0.5);
    expect(fineTexture(attack('printed'))).toBeGreaterThan(fineTexture(live) * 1.2);
    expect(fineTexture(attack('replayed'))).toBeGreaterThan(fineTexture(live) * 1.2);
    // A silicone cast has no pores and presses evenly: its ridge grays spread less than skin's.
    expect(ridgeSpread(attack('silicone'))).toBeLessThan(ridgeSpread(live) * 0.85);
  }, 90_000);
});
