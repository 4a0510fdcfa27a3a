import type { CertificationSuite } from '../certification-suite.ts';

export const SCENARIO_SUITES: readonly CertificationSuite[] = [];
