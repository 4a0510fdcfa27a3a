import { describe, expect, it } from 'vitest';
import { detCurve } from './det-curve.ts';
import { operatingPoints, sortedScores } from './error-rates.ts';
import type { EvaluationReport } from './evaluation.ts';
import { htmlReport } from './html-report.ts';
import { scoreHistogram } from './score-histogram.ts';

describe('HTML report', () => {
  it('is one self-contained page with the figures, the DET curve and the histograms', () => {
    const genuine = [0.9, 0.8, 0.3];
    const impostor = [0.1, 0.2, 0.35];
    const report = {
      schema: 'dactylo.evaluation-report/1',
      version: '0.1.0',
      seed: 's',
      matcher: 'm <x>',
      protocol: 'fvc2002',
      database: { dir: '/db', fingers: 2, images: 4, ppi: null },
      counts: { genuine: 3, impostor: 3, enrolFailures: 1, genuineFailures: 0, impostorFailures: 0 },
      eer: 0.3333,
      eerLow: 0.3333,
      eerHigh: 0.3333,
      fmr100: 0.5,
      fmr1000: 0.5,
      fmr10000: 0.5,
      zeroFmr: 0.5,
      zeroFnmr: 0.5,
      fte: 0.25,
      fta: 0,
      fnmrAtFmr: [{ fmr: 0.01, fnmr: 0.5, threshold: 0.4 }],
      confidenceIntervals: null,
      timing: { meanExtractionMs: 10, meanPrepareMs: 1, meanComparisonMs: 0.1, workers: 1 },
      enrolFailures: [{ image: '2_2', reason: 'no minutiae found' }],
      lowestGenuine: [],
      highestImpostor: [],
      scores: { genuine, impostor },
      histogram: scoreHistogram(genuine, impostor),
      det: detCurve('m', operatingPoints(sortedScores(genuine), sortedScores(impostor))),
    } satisfies EvaluationReport;
    const html = htmlReport(report);
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html.match(/<svg/g)?.length).toBe(2);
    expect(html).toContain('33.33 %');
    expect(html).toContain('m &lt;x&gt;');
    expect(html).toContain('2_2: no minutiae found');
    expect(html).not.toMatch(/<script|<link|src="http/);
  });
});
