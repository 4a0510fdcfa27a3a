import type { GrayImage } from '../../sim/image/gray-image.ts';
import type { ConformanceCapture, DeviceIdentity } from './device.ts';
import type { GrayCalibration } from './measure/gray-calibration.ts';
import type { SpecLimits } from './spec-limits.ts';

export type Verdict = 'pass' | 'fail' | 'not-measured';

/** One line of the report: what was measured, against what, and the verdict. */
export interface CheckResult {
  id: string;
  title: string;
  clause: string;
  value: number | null;
  unit: string;
  limit: string;
  verdict: Verdict;
  /** Why a check was not measured, or what failed, in one line. */
  reason?: string;
  details?: Record<string, unknown>;
}

export type Measured = Omit<CheckResult, 'id' | 'title' | 'clause'>;

/** Either a usable image or the one-line reason it cannot be used. */
export type ImageOrProblem =
  | { image: GrayImage; problem?: undefined }
  | { image?: undefined; problem: string };

export interface CheckContext {
  spec: SpecLimits;
  identity: DeviceIdentity;
  ppi: number;
  target(id: string): ImageOrProblem;
  targetCapture(id: string): ConformanceCapture | null;
  fingers(): ConformanceCapture[] | { problem: string };
  presentations(): Map<string, ConformanceCapture[]> | { problem: string };
  defectMask(): Uint8Array | null;
  calibration(): GrayCalibration | { problem: string };
  iso19794RoundTrip: ((image: GrayImage) => string | null) | null;
  /** Caches a derived measurement shared by several checks. */
  memo<T>(key: string, compute: () => T): T;
}

/**
 * A conformance check: one clause, one measurement, one verdict. The catalogue of checks is data
 * (checks/index.ts); each lives in its own file with the clause it implements.
 */
export interface ConformanceCheck {
  id: string;
  title: string;
  rationale: string;
  applies(spec: SpecLimits): boolean;
  clause(spec: SpecLimits): string;
  run(ctx: CheckContext): Measured;
}

export function notMeasured(reason: string, unit: string, limit: string): Measured {
  return { value: null, unit, limit, verdict: 'not-measured', reason };
}

export function judged(
  pass: boolean,
  value: number,
  unit: string,
  limit: string,
  reason: string,
  details?: Record<string, unknown>,
): Measured {
  return {
    value,
    unit,
    limit,
    verdict: pass ? 'pass' : 'fail',
    ...(pass ? {} : { reason }),
    ...(details ? { details } : {}),
  };
}

/** The first problem among the targets a check needs, or their images. */
export function needTargets(ctx: CheckContext, ids: string[]): { images: GrayImage[] } | { problem: string } {
  const images: GrayImage[] = [];
  for (const id of ids) {
    const t = ctx.target(id);
    if (!t.image) return { problem: t.problem };
    images.push(t.image);
  }
  return { images };
}

export function round(v: number, digits = 4): number {
  return Number.isFinite(v) ? Number(v.toFixed(digits)) : v;
}
