import type { AttackFigure } from '../../reports/certification-report.ts';
import type { Random } from '../../sim/random/index.ts';
import type { DetCurve } from '../biometrics/det-curve.ts';
import type { ScoreHistogram } from '../biometrics/score-histogram.ts';
import type { Evidence } from '../requirements/evidence.ts';
import type { Capability } from '../requirements/requirement.ts';
import type { CertificationTarget } from '../targets/certification-target.ts';
import type { ResidentPool } from './resident-pool.ts';

/** Figures a suite contributes to the report's plots (DET, score histogram, attack success rates). */
export interface FigureSink {
  det(curve: DetCurve): void;
  scoreHistogram(h: ScoreHistogram): void;
  attack(a: AttackFigure): void;
}

/** Everything a suite gets from the runner: the target, the seed's streams, residents nobody else uses. */
export interface CertificationContext {
  target: CertificationTarget;
  seed: string;
  /** `--quick`: smaller samples (requirements whose claims need more say so: not-evaluated). */
  quick: boolean;
  /** The date applications are made on (the population's as-of date). */
  asOf: string;
  /** A deterministic stream of this run, addressed by name (`ctx.random('canaries')`). */
  random(...keys: (string | number)[]): Random;
  /** Synthetic residents, each handed out once per run. */
  residents: ResidentPool;
  figures: FigureSink;
  /** One line of progress (shown on a TTY, silent in CI). */
  progress(message: string): void;
}

/**
 * A group of certification tests that share set-up (enrolled canaries, a second deployment, …) and
 * emit evidence for the test IDs in `produces` — the IDs requirements list. Every ID a requirement
 * names is produced by exactly one suite (checked by harness/certify/suites.test.ts).
 *
 * Evidence must be deterministic for a seed and a deterministic target: anything that varies from
 * run to run (latencies, timing statistics) goes in `volatile`, which the runner moves out of the
 * reproducible part of the report.
 */
export interface CertificationSuite {
  id: string;
  title: string;
  produces: readonly string[];
  /** Capabilities without which the suite cannot run at all (its tests are then `skipped`). */
  requires: readonly Capability[];
  run(ctx: CertificationContext): Promise<SuiteEvidence[]>;
}

export type SuiteEvidence = Evidence & { volatile?: Record<string, number | string> };

/** Evidence for every test a suite produces when it could not run, with the reason. */
export function suiteFailedToRun(
  suite: Pick<CertificationSuite, 'produces' | 'title'>,
  outcome: 'error' | 'skipped',
  reason: string,
): Evidence[] {
  return suite.produces.map((test) => ({
    test,
    outcome,
    summary: `${suite.title}: ${outcome === 'error' ? 'could not run' : 'not run'}`,
    reason,
  }));
}
