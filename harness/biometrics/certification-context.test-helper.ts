import { POPULATION_TUNING } from '../../sim/population/tuning.ts';
import { stream } from '../../sim/random/index.ts';
import type { CertificationContext, FigureSink } from '../certify/certification-suite.ts';
import { ResidentPool } from '../certify/resident-pool.ts';
import type { CertificationTarget } from '../targets/certification-target.ts';
import type { DetCurve } from './det-curve.ts';
import type { ScoreHistogram } from './score-histogram.ts';

export interface TestContext extends CertificationContext {
  drawn: { dets: DetCurve[]; histograms: ScoreHistogram[] };
}

/** A suite's context as the runner builds it, with the figures kept for assertions. */
export function testContext(
  target: CertificationTarget,
  o: { seed: string; quick?: boolean; asOf?: string; population?: number },
): TestContext {
  const drawn: TestContext['drawn'] = { dets: [], histograms: [] };
  const figures: FigureSink = {
    det: (c) => drawn.dets.push(c),
    scoreHistogram: (h) => drawn.histograms.push(h),
    attack: () => {},
  };
  const residents = new ResidentPool(o.seed, o.asOf ?? POPULATION_TUNING.defaultAsOf, o.population ?? 5000);
  return {
    target,
    seed: o.seed,
    quick: o.quick ?? true,
    asOf: residents.asOf,
    random: (...keys) => stream(o.seed, 'certify', 'test', ...keys),
    residents,
    figures,
    progress: () => {},
    drawn,
  };
}
