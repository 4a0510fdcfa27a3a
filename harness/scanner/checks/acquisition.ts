import { type ConformanceCheck, judged, notMeasured, round } from '../check.ts';
import { percentile } from '../measure/line-profile.ts';
import { POLICY } from '../spec-limits.ts';

/** Failure-to-acquire rate over the panel: captures the device could not deliver (ISO/IEC 19795-1 FTA). */
export const failureToAcquire: ConformanceCheck = {
  id: 'failure-to-acquire',
  title: 'Failure-to-acquire rate',
  rationale: 'Every failed capture is a resident asked to press again, or sent away.',
  applies: () => true,
  clause: () => `${POLICY.clause}; FTA as in ISO/IEC 19795-1`,
  run(ctx) {
    const limit = `FTA ≤ ${POLICY.failureToAcquire.max * 100} %`;
    if (ctx.identity.source === 'images')
      return notMeasured(
        'an image folder cannot show failures to acquire (needs --profile or --device)',
        '%',
        limit,
      );
    const fingers = ctx.fingers();
    if ('problem' in fingers) return notMeasured(fingers.problem, '%', limit);
    if (fingers.length === 0) return notMeasured('no live capture attempted', '%', limit);
    const failed = fingers.filter((c) => !c.acquired).length;
    const rate = failed / fingers.length;
    return judged(
      rate <= POLICY.failureToAcquire.max,
      round(rate * 100, 2),
      '%',
      limit,
      `${failed} of ${fingers.length} captures failed to acquire`,
      {
        attempts: fingers.length,
        failed,
      },
    );
  },
};

/** 95th percentile of capture latency over the panel. */
export const captureLatency: ConformanceCheck = {
  id: 'capture-latency',
  title: 'Capture latency (95th percentile)',
  rationale: 'Throughput at a public service centre is set by the slowest captures, not the mean.',
  applies: () => true,
  clause: () => POLICY.clause,
  run(ctx) {
    const limit = `p95 ≤ ${POLICY.latencyP95Ms} ms`;
    const fingers = ctx.fingers();
    if ('problem' in fingers) return notMeasured(fingers.problem, 'ms', limit);
    const lat = fingers.map((c) => c.latencyMs).filter((v): v is number => typeof v === 'number');
    if (lat.length === 0) return notMeasured('the source reports no capture latency', 'ms', limit);
    const p95 = percentile(lat, 0.95);
    return judged(
      p95 <= POLICY.latencyP95Ms,
      round(p95, 1),
      'ms',
      limit,
      `p95 latency ${p95.toFixed(0)} ms`,
      {
        median: round(percentile(lat, 0.5), 1),
        captures: lat.length,
      },
    );
  },
};
