import { describe, expect, it } from 'vitest';
import type { GrayImage } from '../image/gray-image.ts';
import { scannerProfile } from './scanner-profile.ts';
import type { ScannerProfile } from './scanner-profile-types.ts';
import type { TestTarget } from './types.ts';
import { VirtualScanner } from './virtual-scanner.ts';

function sine(frequency: number, axis: 'x' | 'y' = 'x'): TestTarget {
  return {
    id: `sine-${axis}-${frequency}`,
    widthMm: 40,
    heightMm: 40,
    reflectance: (x, y) => 0.5 + 0.4 * Math.sin(2 * Math.PI * frequency * (axis === 'x' ? x : y)),
  };
}

const flat: TestTarget = { id: 'flat-0.9', widthMm: 40, heightMm: 40, reflectance: () => 0.9 };

const scans = new Map<string, GrayImage>();

/** A target capture, made once per (profile, target, sequence) in this file: captures cost ~0.2 s. */
function scan(name: string, target: TestTarget, sequence = 0): GrayImage {
  const key = `${name}/${target.id}/${sequence}`;
  let img = scans.get(key);
  if (!img) {
    img = new VirtualScanner(scannerProfile(name)).captureTarget(target, { sequence }).image;
    scans.set(key, img);
  }
  return img;
}

/** Amplitude and frequency (cycles/pixel) of the strongest sinusoid near `guess` along rows y0..y1. */
function rowSine(
  img: GrayImage,
  guess: number,
  y0: number,
  y1: number,
): { amplitude: number; frequency: number } {
  const x0 = 40;
  const n = img.width - 80;
  let best = { amplitude: 0, frequency: 0 };
  for (let f = guess * 0.95; f <= guess * 1.05; f += guess * 0.0005) {
    let amp = 0;
    for (let y = y0; y < y1; y++) {
      let mean = 0;
      for (let x = 0; x < n; x++) mean += img.data[y * img.width + x0 + x];
      mean /= n;
      let re = 0;
      let im = 0;
      for (let x = 0; x < n; x++) {
        const v = img.data[y * img.width + x0 + x] - mean;
        re += v * Math.cos(2 * Math.PI * f * x);
        im += v * Math.sin(2 * Math.PI * f * x);
      }
      amp += (2 * Math.hypot(re, im)) / n;
    }
    amp /= y1 - y0;
    if (amp > best.amplitude) best = { amplitude: amp, frequency: f };
  }
  return best;
}

function noiseSigma(a: GrayImage, b: GrayImage): { sigma: number; mean: number } {
  let s = 0;
  let s2 = 0;
  let m = 0;
  let n = 0;
  for (let y = 150; y < 350; y++)
    for (let x = 100; x < 300; x++) {
      const d = a.data[y * a.width + x] - b.data[y * a.width + x];
      s += d;
      s2 += d * d;
      m += a.data[y * a.width + x];
      n++;
    }
  return { sigma: Math.sqrt((s2 / n - (s / n) ** 2) / 2), mean: m / n };
}

/** Analytic MTF of a device at f cycles/mm: Gaussian PSF × pixel box aperture (sampled at 3 points). */
function modelMtf(p: ScannerProfile, f: number): number {
  const pitch = 25.4 / p.resolution.actualPpiX;
  const box = Math.sin(Math.PI * f * pitch) / (3 * Math.sin((Math.PI * f * pitch) / 3));
  return Math.exp(-2 * Math.PI ** 2 * (p.optics.psfSigmaMm * f) ** 2) * box;
}

describe('virtual scanner: determinism', () => {
  it('gives the same bytes for the same profile, seed and request, and new noise for a new sequence or seed', () => {
    const a = scan('optical-500', flat);
    const again = new VirtualScanner(scannerProfile('optical-500')).captureTarget(flat).image;
    expect(Buffer.from(again.data).equals(Buffer.from(a.data))).toBe(true);
    expect(Buffer.from(scan('optical-500', flat, 1).data).equals(Buffer.from(a.data))).toBe(false);
    const other = new VirtualScanner(scannerProfile('optical-500'), { seed: 'other' }).captureTarget(
      flat,
    ).image;
    expect(Buffer.from(other.data).equals(Buffer.from(a.data))).toBe(false);
    expect([a.width, a.height, a.ppi]).toEqual([400, 500, 500]);
  });
});

describe('virtual scanner: optics and electronics, measured on targets', () => {
  const reference = scannerProfile('optical-500');

  it('renders a sine target with the MTF of its PSF and pixel aperture (within 0.03)', () => {
    for (const name of ['optical-500', 'mutant-low-mtf']) {
      const p = scannerProfile(name);
      for (const f of [2, 5]) {
        const img = scan(name, sine(f));
        const guess = (f * 25.4) / p.resolution.actualPpiX;
        const { amplitude } = rowSine(img, guess, 200, 210);
        const full = 0.4 * (p.transfer.white - p.transfer.black);
        expect(Math.abs(amplitude / full - modelMtf(p, f)), `${name} @${f}`).toBeLessThan(0.03);
      }
    }
    expect(modelMtf(scannerProfile('mutant-low-mtf'), 5)).toBeLessThan(0.4);
    expect(modelMtf(reference, 5)).toBeGreaterThan(0.75);
  });

  it('samples at its true resolution: 3 % finer on mutant-resolution-3pct, keystone varies the scale top to bottom', () => {
    const ppiAt = (name: string, y0: number) => {
      const { frequency } = rowSine(scan(name, sine(1)), 25.4 / 500, y0, y0 + 4);
      return 25.4 / frequency;
    };
    expect(Math.abs(ppiAt('optical-500', 248) / 499.2 - 1)).toBeLessThan(0.003);
    expect(Math.abs(ppiAt('mutant-resolution-3pct', 248) / 515 - 1)).toBeLessThan(0.003);
    const top = ppiAt('mutant-stretched-geometry', 20);
    const bottom = ppiAt('mutant-stretched-geometry', 476);
    expect(top / bottom).toBeGreaterThan(1.06);
    expect(Math.abs(ppiAt('mutant-stretched-geometry', 248) / 499.2 - 1)).toBeLessThan(0.003);
  });

  it('adds signal-dependent noise: ≈ 1.1 gray on white for the reference, ≈ 5 on mutant-heavy-noise, same mean', () => {
    const ref = noiseSigma(scan('optical-500', flat), scan('optical-500', flat, 1));
    const heavy = noiseSigma(scan('mutant-heavy-noise', flat), scan('mutant-heavy-noise', flat, 1));
    expect(ref.sigma).toBeGreaterThan(0.9);
    expect(ref.sigma).toBeLessThan(1.3);
    expect(heavy.sigma).toBeGreaterThan(4.3);
    expect(heavy.sigma).toBeLessThan(5.3);
    expect(Math.abs(heavy.mean - ref.mean)).toBeLessThan(0.5);
  });

  it('mutant-6bit-gray differs only by quantisation: at most 64 levels, within 3 grays of the reference', () => {
    const ref = scan('optical-500', sine(1));
    const six = scan('mutant-6bit-gray', sine(1));
    expect(new Set(six.data).size).toBeLessThanOrEqual(64);
    expect(new Set(ref.data).size).toBeGreaterThan(150);
    let worst = 0;
    for (let i = 0; i < ref.data.length; i++) worst = Math.max(worst, Math.abs(ref.data[i] - six.data[i]));
    expect(worst).toBeLessThanOrEqual(3);
  });

  it('mutant-stuck-pixel-band differs from the reference in its three stuck rows and nowhere else', () => {
    const ref = scan('optical-500', sine(2));
    const stuck = scan('mutant-stuck-pixel-band', sine(2));
    const rows = new Set<number>();
    for (let i = 0; i < ref.data.length; i++)
      if (ref.data[i] !== stuck.data[i]) rows.add(Math.floor(i / ref.width));
    expect([...rows]).toEqual([310, 311, 312]);
    expect(stuck.data.subarray(310 * 400, 313 * 400).every((v) => v === 255)).toBe(true);
  });

  it('shades the field: corners darker than the centre by about the profile falloff', () => {
    const img = scan('optical-500', flat);
    const mean = (x0: number, y0: number) => {
      let s = 0;
      for (let y = y0; y < y0 + 10; y++) for (let x = x0; x < x0 + 10; x++) s += img.data[y * 400 + x];
      return s / 100;
    };
    const centre = mean(195, 245);
    const corner = mean(0, 0);
    const expected =
      0.9 * (reference.transfer.white - reference.transfer.black) * reference.illumination.falloff * 0.95;
    expect(centre - corner).toBeGreaterThan(expected * 0.7);
    expect(centre - corner).toBeLessThan(expected * 1.4);
  });
});
