import type { CertificationSuite } from '../certification-suite.ts';

export const SCANNER_SUITES: readonly CertificationSuite[] = [];
