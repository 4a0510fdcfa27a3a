import type { CertificationSuite } from '../certification-suite.ts';

export const RELIABILITY_SUITES: readonly CertificationSuite[] = [];
