import type { CertificationSuite } from './certification-suite.ts';
import { BIOMETRIC_SUITES } from './suites/biometric-suites.ts';
import { LEAKAGE_SUITES } from './suites/leakage-suites.ts';
import { RELIABILITY_SUITES } from './suites/reliability-suites.ts';
import { SCANNER_SUITES } from './suites/scanner-suites.ts';
import { SCENARIO_SUITES } from './suites/scenario-suites.ts';
import { SECURITY_SUITES } from './suites/security-suites.ts';
import { TEMPLATE_INVERSION_SUITES } from './suites/template-inversion-suites.ts';

/** Every suite `dactylo certify` runs, in the order it runs them (the order residents are drawn in). */
export const CERTIFICATION_SUITES: readonly CertificationSuite[] = [
  ...SCENARIO_SUITES,
  ...LEAKAGE_SUITES,
  ...TEMPLATE_INVERSION_SUITES,
  ...SECURITY_SUITES,
  // Reliability before biometrics: every restart reloads the whole vault, so it is cheapest while small.
  ...RELIABILITY_SUITES,
  ...BIOMETRIC_SUITES,
  ...SCANNER_SUITES,
];
