import { ordinaryApplicant } from '../biometrics/synthetic-enrolment.ts';
import type { CertificationContext, SuiteEvidence } from '../certify/certification-suite.ts';
import { acknowledged, attemptEnrolment, reliabilityKey } from './enrolment-attempt.ts';
import { ExpositionError, parseExposition } from './prometheus-text.ts';

export const HEALTH_TEST = 'reliability/health-metrics';

/** Personal data of an applicant as it could appear in metric names, labels or values. */
function markers(r: { iin: string; surname: string; givenName: string; birthDate: string }): string[] {
  return [r.iin, r.surname, r.givenName, r.birthDate, r.birthDate.replaceAll('-', '')];
}

/**
 * REL-HLT-01: /health answers 200 with status ok; /metrics is Prometheus text a scraper accepts,
 * has samples, and carries no personal data: after enrolling a resident through the API, none of
 * their IIN, names or birth date appears in it (case-folded), and no label value looks like an IIN.
 */
export async function healthMetrics(ctx: CertificationContext): Promise<SuiteEvidence> {
  const problems: string[] = [];
  const health = await ctx.target
    .client()
    .getHealth()
    .catch((e: Error) => e);
  const healthAnswer = health instanceof Error ? health.message : `${health.status}`;
  if (health instanceof Error) problems.push(`health: ${health.message}`);
  else if (health.status !== 200 || (health.body as { status?: string }).status !== 'ok')
    problems.push(`health answered ${health.status} ${health.raw.slice(0, 80)}`);
  const r = ctx.residents.one(ordinaryApplicant(ctx.asOf), 'reliability: metrics without personal data');
  const enrolled = await attemptEnrolment(ctx.target, r, {
    seed: ctx.seed,
    applicationDate: ctx.asOf,
    key: reliabilityKey(ctx.seed, 'metrics', r),
  });
  if (!acknowledged(enrolled))
    problems.push(`the marker enrolment answered ${enrolled.status} ${enrolled.outcome}`);
  let families = 0;
  let samples = 0;
  if (!ctx.target.readMetrics) problems.push('the target exposes no metrics');
  else {
    const text = await ctx.target.readMetrics();
    try {
      const parsed = parseExposition(text);
      families = parsed.length;
      samples = parsed.reduce((n, f) => n + f.samples.length, 0);
      if (samples === 0) problems.push('the metrics hold no sample');
      const labels = parsed.flatMap((f) => f.samples.flatMap((s) => Object.values(s.labels)));
      if (labels.some((v) => /(?<!\d)\d{12}(?!\d)/.test(v))) problems.push('a label value looks like an IIN');
    } catch (e) {
      if (!(e instanceof ExpositionError)) throw e;
      problems.push(`metrics are not Prometheus text: ${e.message}`);
    }
    const folded = text.toLowerCase();
    const found = markers(r).filter((m) => folded.includes(m.toLowerCase()));
    if (found.length > 0)
      problems.push(`metrics carry the enrolled resident's ${found.length} personal data item(s)`);
  }
  return {
    test: HEALTH_TEST,
    outcome: problems.length === 0 ? 'pass' : 'fail',
    summary:
      problems.length === 0
        ? `health 200 ok; metrics parse as Prometheus text (${families} families) with no personal data`
        : problems.join('; '),
    details: { health: healthAnswer, metricFamilies: families },
    volatile: { metricSamples: samples },
  };
}
