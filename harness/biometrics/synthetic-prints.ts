import { FINGER_POSITIONS, type FingerPosition } from '../../sim/fingerprints/finger-position.ts';
import { renderImpression } from '../../sim/fingerprints/impression/impression.ts';
import { generateMaster } from '../../sim/fingerprints/master/master.ts';
import { sensorProfile } from '../../sim/fingerprints/sensor-profile.ts';
import { templateOnlyImpression, templateOnlyMaster } from '../../sim/fingerprints/template-only.ts';
import { extract } from '../../sim/matcher/extract.ts';
import { comparePrepared, prepare } from '../../sim/matcher/mcc/comparison.ts';
import type { FingerTemplate } from '../../sim/matcher/template.ts';

/**
 * Synthetic prints for measuring the matcher in process: finger f is subject 1 + ⌊f/10⌋, finger
 * position f mod 10 + 1, so that `fingers` ≤ 10 × subjects covers whole hands as
 * `dactylo fingerprints` does; impressions are numbered from 1.
 */
export interface SyntheticPrintsOptions {
  seed: string;
  fingers: number;
  impressions: number;
  /** Sensor profile of rendered impressions (default optical-fvc2002). */
  sensor?: string;
}

function finger(f: number): { subject: number; position: FingerPosition } {
  return { subject: 1 + Math.floor(f / 10), position: FINGER_POSITIONS[f % 10] as FingerPosition };
}

/** Templates extracted by dactylo's extractor from rendered impressions: prints[finger][impression − 1]. */
export function renderedPrints(o: SyntheticPrintsOptions): FingerTemplate[][] {
  const sensor = sensorProfile(o.sensor ?? 'optical-fvc2002');
  return Array.from({ length: o.fingers }, (_, f) => {
    const { subject, position } = finger(f);
    const master = generateMaster(o.seed, subject, position);
    return Array.from({ length: o.impressions }, (_, k) =>
      extract(renderImpression(master, k + 1, sensor).image),
    );
  });
}

/** Template-only impressions of the same fingers (no pixels): prints[finger][impression − 1]. */
export function templateOnlyPrints(o: SyntheticPrintsOptions): FingerTemplate[][] {
  return Array.from({ length: o.fingers }, (_, f) => {
    const { subject, position } = finger(f);
    const master = templateOnlyMaster(o.seed, subject, position);
    return Array.from({ length: o.impressions }, (_, k) => templateOnlyImpression(master, k + 1));
  });
}

/**
 * MCC scores of a set of prints: genuine = every pair of impressions of a finger; impostor = every
 * pair of impressions of different fingers among the first `impostorImpressions` of each (1: the
 * FVC rule, first against first).
 */
export function scoreDistributions(
  prints: readonly FingerTemplate[][],
  impostorImpressions = 1,
): { genuine: number[]; impostor: number[] } {
  const prepared = prints.map((row) => row.map((t) => prepare(t)));
  const genuine: number[] = [];
  const impostor: number[] = [];
  for (let i = 0; i < prepared.length; i++) {
    const row = prepared[i];
    for (let a = 0; a < row.length; a++)
      for (let b = a + 1; b < row.length; b++) genuine.push(comparePrepared(row[a], row[b]));
    for (let j = i + 1; j < prepared.length; j++)
      for (let a = 0; a < Math.min(impostorImpressions, row.length); a++)
        for (let b = 0; b < Math.min(impostorImpressions, prepared[j].length); b++)
          impostor.push(comparePrepared(row[a], prepared[j][b]));
  }
  return { genuine, impostor };
}

/** The value at quantile q of an ascending-sorted list (nearest rank). */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) throw new RangeError('quantile of an empty list');
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}
