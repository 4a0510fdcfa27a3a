import { describe, expect, it } from 'vitest';
import { listScannerProfiles } from '../../sim/scanner/index.ts';
import { assertValid } from '../contract/validate.ts';
import { runConformance } from './conformance.ts';
import { VirtualDevice } from './sources/virtual-device.ts';

const PAD = ['gelatine', 'silicone', 'latex', 'printed', 'replayed'].map((s) => `pad-apcer-${s}`);

/**
 * What each mutant's one defect should fail under Appendix F, and why (the README's table):
 * everything else must pass, and the certified-class references must pass everything.
 */
const EXPECTED_FAILURES: Record<string, string[]> = {
  // 515 ppi sampled, 500 recorded: every distance 3 % long.
  'mutant-resolution-3pct': ['resolution', 'geometric-accuracy-across'],
  // 64 levels: too few gray levels in prints, gaps in their histograms, and quantisation noise (steps
  // of 4 against a read noise of 0.6 gray) that takes the black SNR to ~100.
  'mutant-6bit-gray': ['fingerprint-gray-range', 'fingerprint-artefacts', 'snr'],
  // Shot noise 20×: white SNR ≈ 45; dark noise and the uniformity limits still hold.
  'mutant-heavy-noise': ['snr'],
  // PSF σ 0.045 mm: CTF below the minimum from 3–4 cy/mm up.
  'mutant-low-mtf': ['mtf'],
  // Keystone ±4 %: local scale off across the bars, bars tilted along their length.
  'mutant-stretched-geometry': ['geometric-accuracy-across', 'geometric-accuracy-along'],
  // Three rows stuck at 255: outlier pixels and a brighter quarter-inch area on the dark target, stuck lines in prints.
  'mutant-stuck-pixel-band': ['uniformity-pixel-to-pixel', 'uniformity-small-area', 'fingerprint-artefacts'],
  // APCER 35–50 % for every species.
  'mutant-weak-pad': PAD,
};

describe('every shipped scanner profile against Appendix F', () => {
  for (const p of listScannerProfiles()) {
    it(`${p.name} (${p.kind}) fails exactly ${p.kind === 'reference' ? 'nothing' : 'its defect'}`, async () => {
      const { report } = await runConformance({
        device: new VirtualDevice(p.name, 'dactylo', 2),
        spec: 'appendix-f',
        seed: 'dactylo',
        panelSize: 10,
        attacksPerSpecies: 16,
      });
      assertValid('scanner-conformance-report.schema.json', report);
      const notMeasured = report.checks
        .filter((c) => c.verdict === 'not-measured')
        .map((c) => `${c.id}: ${c.reason}`);
      expect(notMeasured).toEqual([]);
      const failed = report.checks.filter((c) => c.verdict === 'fail').map((c) => c.id);
      expect(failed.sort()).toEqual(
        [...(p.kind === 'reference' ? [] : (EXPECTED_FAILURES[p.name] ?? ['(no expectation)']))].sort(),
      );
    });
  }
});
