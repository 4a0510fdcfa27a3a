import type { CertificationSuite } from '../certification-suite.ts';

export const TEMPLATE_INVERSION_SUITES: readonly CertificationSuite[] = [];
