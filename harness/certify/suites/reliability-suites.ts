import { CRASH_TEST, crashAtEachStep } from '../../reliability/crash-at-each-step.ts';
import { externalOutage, OUTAGE_TEST } from '../../reliability/external-outage.ts';
import { HEALTH_TEST, healthMetrics } from '../../reliability/health-metrics.ts';
import { IDEMPOTENT_RETRY_TEST, idempotentRetry } from '../../reliability/idempotent-retry.ts';
import { LOAD_TEST, noLossUnderLoad } from '../../reliability/no-loss-under-load.ts';
import type { CertificationSuite } from '../certification-suite.ts';

/**
 * No enrolment lost, none doubled, none half-written. Tests that need in-process hooks (crash,
 * outage) report `skipped` with the reason on a target without them.
 */
export const RELIABILITY_SUITES: readonly CertificationSuite[] = [
  {
    id: 'reliability-idempotency',
    title: 'Idempotent retry',
    produces: [IDEMPOTENT_RETRY_TEST],
    requires: ['api'],
    run: async (ctx) => [await idempotentRetry(ctx)],
  },
  {
    id: 'reliability-crash',
    title: 'Crash at each step of an enrolment',
    produces: [CRASH_TEST],
    requires: ['api', 'fingerprint-database', 'identity-registry'],
    run: async (ctx) => [await crashAtEachStep(ctx)],
  },
  {
    id: 'reliability-outage',
    title: 'External services down',
    produces: [OUTAGE_TEST],
    requires: ['api'],
    run: async (ctx) => [await externalOutage(ctx)],
  },
  {
    id: 'reliability-load',
    title: 'No loss under load',
    produces: [LOAD_TEST],
    requires: ['api', 'fingerprint-database'],
    run: async (ctx) => [await noLossUnderLoad(ctx)],
  },
  {
    id: 'reliability-health',
    title: 'Health and metrics',
    produces: [HEALTH_TEST],
    requires: ['api', 'metrics'],
    run: async (ctx) => [await healthMetrics(ctx)],
  },
];
