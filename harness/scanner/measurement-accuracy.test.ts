import { describe, expect, it } from 'vitest';
import { KnownTruthDevice, knownTruth, renderKnownTruth, trueMtf } from './known-truth-device.test-helper.ts';
import { acrossBarCases, measuredPpi } from './measure/bar-geometry.ts';
import { defectMask } from './measure/defect-mask.ts';
import { cellMean, cellNoise, quarterInchCells } from './measure/flat-field.ts';
import { calibrationFrom } from './measure/gray-calibration.ts';
import { grayRange } from './measure/gray-histogram.ts';
import { bandModulation } from './measure/modulation.ts';
import { clopperPearson } from './measure/proportion-interval.ts';
import { linearityDeviation, stepPatchGrays } from './measure/step-patches.ts';
import { FLAT_BLACK, STEP_LEVELS, standardTargets, targetCatalogue, WHITE } from './target-catalogue.ts';

const SMALL = { widthPx: 200, heightPx: 240 };

function capture(over: Parameters<typeof knownTruth>[0], id: string) {
  const truth = knownTruth({ ...SMALL, ...over });
  const d = new KnownTruthDevice(truth);
  const t = standardTargets(truth.ppiNominal, d.widthMm, d.heightMm).find((x) => x.id === id);
  if (!t) throw new Error(id);
  return { truth, image: renderKnownTruth(truth, (x, y) => t.reflectance(x, y), t.widthMm, t.heightMm, id) };
}

describe('measurement accuracy on targets rendered with known truth', () => {
  it('measures the true sampling resolution within 0.15 % (tolerance stated in the README)', () => {
    const x = capture({ ppiX: 506, ppiY: 493 }, 'ronchi-x');
    const y = capture({ ppiX: 506, ppiY: 493 }, 'ronchi-y');
    expect(Math.abs(measuredPpi(x.image, 'x', null, 500) - 506) / 506).toBeLessThan(0.0015);
    expect(Math.abs(measuredPpi(y.image, 'y', null, 500) - 493) / 493).toBeLessThan(0.0015);
  });

  it('finds across-bar distances exact on a true 500 ppi device and 2 % long on a 510 ppi one', () => {
    const exact = acrossBarCases(capture({}, 'ronchi-x').image, 'x', null, 500);
    expect(Math.max(...exact.map((c) => c.dInch))).toBeLessThan(0.0004);
    const long = acrossBarCases(capture({ ppiX: 510 }, 'ronchi-x').image, 'x', null, 500);
    // Every distance reads 2 % long (510/500), to within 0.2 px (0.0004 in) of edge-location error.
    const err = long.map((c) => Math.abs(c.dInch - (510 / 500 - 1) * c.xInch));
    expect(Math.max(...err)).toBeLessThan(0.0004);
  });

  it('measures the MTF of a Gaussian PSF within ±0.03 of the analytic MTF up to 9 cy/mm', () => {
    for (const sigma of [0.5, 0.9]) {
      const { truth, image } = capture({ blurSigmaPx: sigma }, 'sine-x');
      const spec = targetCatalogue(500).find((s) => s.id === 'sine-x');
      const cal = calibrationFrom(
        [
          { reflectance: 0, gray: truth.black },
          { reflectance: 1, gray: truth.white },
        ],
        'flat-fields',
      );
      if (!spec || !cal) throw new Error('setup');
      for (const p of bandModulation(image, spec, cal, null, 500)) {
        if (p.frequency > 9) continue;
        const truthValue = trueMtf(truth, (p.frequency * 25.4) / 500);
        expect(Math.abs(p.modulation - truthValue), `σ ${sigma} at ${p.frequency} cy/mm`).toBeLessThan(0.03);
      }
    }
  });

  it('measures pixel noise within 5 % and hence SNR within 5 %', () => {
    const noise = 3;
    const w = capture({ noise }, 'flat-white').image;
    const b = capture({ noise }, 'flat-black').image;
    const truth = knownTruth();
    const signal = (truth.white - truth.black) * (WHITE - FLAT_BLACK);
    for (const c of quarterInchCells(w, 500)) {
      expect(Math.abs(cellNoise(w, c, null) - noise) / noise).toBeLessThan(0.05);
      expect(Math.abs(cellMean(w, c) - cellMean(b, c) - signal)).toBeLessThan(0.5);
    }
  });

  it('reads the linearity deviation of a known gamma within 0.5 gray levels', () => {
    const gamma = 0.8;
    const { truth, image } = capture({ gamma, noise: 0.5 }, 'gray-steps');
    const expected = linearityDeviation(
      STEP_LEVELS.map((r) => ({
        reflectance: r,
        gray: truth.black + (truth.white - truth.black) * r ** gamma,
      })),
    );
    expect(expected).toBeGreaterThan(7.65);
    expect(Math.abs(linearityDeviation(stepPatchGrays(image)) - expected)).toBeLessThan(0.5);
  });

  it('counts 64 gray levels at most on a 6-bit device and finds its stuck rows', () => {
    const six = capture({ quantStep: 4 }, 'gray-steps').image;
    expect(grayRange(six)).toBeLessThanOrEqual(64);
    const stuck = { start: 100, count: 3, gray: 255 };
    const mask = defectMask(
      capture({ stuckRows: stuck }, 'flat-white').image,
      capture({ stuckRows: stuck }, 'flat-black').image,
    );
    const flagged = new Set<number>();
    mask?.forEach((v, i) => {
      if (v) flagged.add(Math.floor(i / SMALL.widthPx));
    });
    expect([...flagged].sort((a, b) => a - b)).toEqual([100, 101, 102]);
  });
});

describe('Clopper–Pearson intervals', () => {
  it('matches closed forms at k = 0 and k = n and a tabulated interior value', () => {
    expect(clopperPearson(0, 10).high).toBeCloseTo(1 - 0.025 ** (1 / 10), 6);
    expect(clopperPearson(10, 10).low).toBeCloseTo(0.025 ** (1 / 10), 6);
    const mid = clopperPearson(5, 10);
    expect(mid.low).toBeCloseTo(0.187086, 5);
    expect(mid.high).toBeCloseTo(0.812914, 5);
  });
});
