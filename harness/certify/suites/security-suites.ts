import type { CertificationSuite } from '../certification-suite.ts';

export const SECURITY_SUITES: readonly CertificationSuite[] = [];
