import type { CertificationSuite } from '../certification-suite.ts';

export const LEAKAGE_SUITES: readonly CertificationSuite[] = [];
