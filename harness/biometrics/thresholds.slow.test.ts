import { describe, expect, it } from 'vitest';
import { FVC_CALIBRATION, FVC_THRESHOLDS } from '../../sim/matcher/thresholds.ts';
import { type FvcSetName, fvcMissingReason, fvcSetDir } from '../../sim/runtime/shared-data.ts';
import { dactyloMatcher } from './dactylo-matcher.ts';
import { calibrateThresholds } from './threshold-calibration.ts';

/**
 * Re-measures the FVC thresholds documented in sim/matcher/thresholds.ts (FVC_THRESHOLDS) and checks that they still hold.
 * It prints the measured values: after a change to extraction or comparison, paste them there.
 */
const SETS: { name: FvcSetName; ppi?: number }[] = [
  { name: 'fvc2002-db1b' },
  { name: 'fvc2002-db2b', ppi: 569 },
  { name: 'fvc2000-db4b' },
];
const missing = SETS.find((s) => !fvcSetDir(s.name));
const title = 'documented thresholds agree with a fresh measurement on FVC impostors';

describe.skipIf(missing)('matcher thresholds', () => {
  it(missing ? `${title} (skipped: ${fvcMissingReason(missing.name)})` : title, async () => {
    const c = await calibrateThresholds(
      SETS.map((s) => ({ dir: fvcSetDir(s.name)!, ppi: s.ppi })),
      (set) => dactyloMatcher({ workers: 2, ppi: set.ppi }),
      FVC_THRESHOLDS.map((t) => t.fmr),
    );
    process.stdout.write(
      `measured thresholds (${c.impostors} impostors, ${c.genuine} genuine): ${JSON.stringify(c)}\n`,
    );
    expect(c.impostors).toBe(FVC_CALIBRATION.impostors);
    expect(c.genuine).toBe(FVC_CALIBRATION.genuine);
    for (const [k, documented] of FVC_THRESHOLDS.entries()) {
      const measured = c.points[k];
      expect(measured.fmr).toBe(documented.fmr);
      expect(Math.abs(measured.threshold - documented.threshold)).toBeLessThanOrEqual(
        0.1 * documented.threshold,
      );
      expect(Math.abs(measured.fnmr - documented.fnmr)).toBeLessThanOrEqual(0.05);
    }
  });
});
