import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  imageSize,
  listScannerProfiles,
  loadScannerProfiles,
  mergePatch,
  resolveScannerProfiles,
  SCANNER_PROFILES_FILE,
  scannerProfile,
} from './scanner-profile.ts';

const document = JSON.parse(readFileSync(SCANNER_PROFILES_FILE, 'utf8')) as {
  profiles: Record<string, unknown>[];
};

/** Leaf paths where two resolved profiles differ (arrays compared whole). */
function differences(a: unknown, b: unknown, path = ''): string[] {
  const obj = (v: unknown) => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (!obj(a) || !obj(b)) return JSON.stringify(a) === JSON.stringify(b) ? [] : [path];
  const keys = new Set([...Object.keys(a as object), ...Object.keys(b as object)]);
  return [...keys].flatMap((k) =>
    differences((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}/${k}`),
  );
}

describe('scanner profiles', () => {
  it('ships the certified-class references and the seven one-defect mutants', () => {
    const list = listScannerProfiles();
    expect(list.filter((p) => p.kind === 'reference').map((p) => p.name)).toEqual([
      'optical-500',
      'capacitive-500',
      'slap-500',
    ]);
    expect(list.filter((p) => p.kind === 'mutant').map((p) => p.name)).toEqual([
      'mutant-resolution-3pct',
      'mutant-6bit-gray',
      'mutant-heavy-noise',
      'mutant-low-mtf',
      'mutant-stretched-geometry',
      'mutant-stuck-pixel-band',
      'mutant-weak-pad',
    ]);
    for (const p of list) expect(p.name.startsWith('mutant-')).toBe(p.kind === 'mutant');
  });

  it('gives single-finger devices at least the 12.8 × 16.5 mm plain area and the slap a four-finger platen', () => {
    for (const p of loadScannerProfiles()) {
      expect(p.captureArea.widthMm, p.name).toBeGreaterThanOrEqual(12.8);
      expect(p.captureArea.heightMm, p.name).toBeGreaterThanOrEqual(16.5);
    }
    expect(imageSize(scannerProfile('slap-500'))).toEqual({ width: 1600, height: 1500 });
    expect(imageSize(scannerProfile('optical-500'))).toEqual({ width: 400, height: 500 });
  });

  it('makes every mutant its reference plus one defect, in one block of the model', () => {
    for (const m of loadScannerProfiles().filter((p) => p.kind === 'mutant')) {
      const base = scannerProfile(m.base);
      const diff = differences(base, m).filter(
        (d) => !/^\/(name|kind|description|base|defect)(\/|$)/.test(d),
      );
      expect(diff.length, m.name).toBeGreaterThan(0);
      const blocks = new Set(diff.map((d) => d.split('/')[1]));
      expect([...blocks], `${m.name}: ${diff.join(', ')}`).toHaveLength(1);
    }
    // And the one block changed is the one the name says.
    const block = (name: string) =>
      differences(scannerProfile('optical-500'), scannerProfile(name))
        .filter((d) => !/^\/(name|kind|description|base|defect)/.test(d))
        .map((d) => d.split('/').slice(1, 3).join('.'));
    expect(block('mutant-resolution-3pct')).toEqual(['resolution.actualPpiX', 'resolution.actualPpiY']);
    expect(block('mutant-6bit-gray')).toEqual(['electronics.effectiveBits']);
    expect(block('mutant-heavy-noise')).toEqual(['electronics.shotNoise']);
    expect(block('mutant-low-mtf')).toEqual(['optics.psfSigmaMm']);
    expect(block('mutant-stretched-geometry')).toEqual(['geometry.keystone']);
    expect(block('mutant-stuck-pixel-band')).toEqual(['electronics.stuckRows']);
    expect(new Set(block('mutant-weak-pad'))).toEqual(new Set(['pad.apcer']));
  });

  it('keeps reference devices within the certified-class envelope the mutants leave', () => {
    for (const p of loadScannerProfiles().filter((q) => q.kind === 'reference')) {
      const { nominalPpi, actualPpiX, actualPpiY } = p.resolution;
      expect(Math.abs(actualPpiX / nominalPpi - 1), p.name).toBeLessThan(0.005);
      expect(Math.abs(actualPpiY / nominalPpi - 1), p.name).toBeLessThan(0.005);
      expect(p.electronics.effectiveBits).toBe(8);
      expect(p.electronics.stuckRows).toEqual([]);
      expect(p.pad.bpcer).toBeLessThanOrEqual(0.03);
      for (const rate of Object.values(p.pad.apcer)) expect(rate).toBeLessThanOrEqual(0.06);
    }
  });

  it('names the field of a broken profile, a mutant without a reference base, and a duplicate', () => {
    const bad = structuredClone(document);
    (bad.profiles[0].resolution as { nominalPpi: number }).nominalPpi = 600;
    expect(() => resolveScannerProfiles(bad)).toThrow(/\/resolution\/nominalPpi/);
    const orphan = structuredClone(document);
    (orphan.profiles[3] as { base: string }).base = 'no-such-device';
    expect(() => resolveScannerProfiles(orphan)).toThrow(
      /mutant 'mutant-resolution-3pct' names base 'no-such-device'/,
    );
    const twice = structuredClone(document);
    twice.profiles.push(structuredClone(twice.profiles[0]));
    expect(() => resolveScannerProfiles(twice)).toThrow(/'optical-500' is defined twice/);
    const twoBlocks = structuredClone(document);
    (twoBlocks.profiles[4] as { defect: { patch: Record<string, unknown> } }).defect.patch.optics = {
      psfSigmaMm: 0.1,
    };
    expect(() => resolveScannerProfiles(twoBlocks)).toThrow(/patch must NOT have more than 1 properties/);
    const badPatch = structuredClone(document);
    (badPatch.profiles[4] as { defect: { patch: unknown } }).defect.patch = {
      electronics: { effectiveBits: 12 },
    };
    expect(() => resolveScannerProfiles(badPatch)).toThrow(
      /mutant-6bit-gray.*\/electronics\/effectiveBits must be <= 8/,
    );
  });

  it('names the known profiles when asked for an unknown one', () => {
    expect(() => scannerProfile('flatbed')).toThrow(
      /unknown scanner profile 'flatbed' \(known: optical-500, /,
    );
  });

  it('merges patches deeply, replacing arrays whole', () => {
    expect(mergePatch({ a: { b: 1, c: [1, 2] }, d: 2 }, { a: { c: [3] } })).toEqual({
      a: { b: 1, c: [3] },
      d: 2,
    });
  });
});
