import { BIOMETRIC_TESTS, measureBiometricPerformance } from '../../biometrics/biometric-performance.ts';
import type { CertificationSuite } from '../certification-suite.ts';

/**
 * FMR, FNMR, FPIR, FNIR and FTE through the target's API with synthetic prints: one suite, because
 * the verifications need the people the deduplication trials enrolled.
 */
export const biometricPerformanceSuite: CertificationSuite = {
  id: 'biometrics',
  title: 'Biometric performance at the operating threshold',
  produces: Object.values(BIOMETRIC_TESTS),
  requires: ['api'],
  run: (ctx) => measureBiometricPerformance(ctx),
};

export const BIOMETRIC_SUITES: readonly CertificationSuite[] = [biometricPerformanceSuite];
