import type { CertificationSuite } from '../certification-suite.ts';

export const BIOMETRIC_SUITES: readonly CertificationSuite[] = [];
