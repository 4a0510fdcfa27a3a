import { type CheckContext, type ConformanceCheck, judged, notMeasured, round } from '../check.ts';
import { clopperPearson } from '../measure/proportion-interval.ts';
import { POLICY } from '../spec-limits.ts';

/**
 * APCER of one PAI species (ISO/IEC 30107-3): the share of attack presentations of that species the
 * device classified as bona fide, with its 95 % Clopper–Pearson interval. Judged on the point
 * estimate against the policy limit; the interval says how much the sample size allows.
 */
export function apcerCheck(species: string): ConformanceCheck {
  return {
    id: `pad-apcer-${species}`,
    title: `PAD: APCER, ${species} artefacts`,
    rationale: 'An artefact the device takes for a finger enrols or verifies someone who is not there.',
    applies: () => true,
    clause: () => POLICY.padClause,
    run(ctx) {
      const limit = `APCER ≤ ${POLICY.apcerMax * 100} %`;
      const p = ctx.presentations();
      if ('problem' in p) return notMeasured(p.problem, '%', limit);
      // An artefact the sensor does not even acquire has not got through: it counts as rejected, and
      // the share of such non-responses is reported beside the APCER.
      const attempts = (p.get(species) ?? []).filter((c) => !c.acquired || c.pad);
      if (attempts.length === 0)
        return notMeasured(`no ${species} presentation with a PAD decision`, '%', limit);
      const accepted = attempts.filter((c) => c.acquired && c.pad?.decision === 'bona-fide').length;
      const nonResponse = attempts.filter((c) => !c.acquired).length;
      const m = rate(
        accepted,
        attempts.length,
        POLICY.apcerMax,
        limit,
        `${accepted} of ${attempts.length} ${species} attacks accepted as bona fide`,
      );
      return { ...m, details: { ...m.details, nonResponse } };
    },
  };
}

function rate(k: number, n: number, max: number, limit: string, what: string) {
  const ci = clopperPearson(k, n);
  const r = k / n;
  return judged(r <= max, round(r * 100, 2), '%', limit, what, {
    errors: k,
    presentations: n,
    ci95: { low: round(ci.low * 100, 2), high: round(ci.high * 100, 2) },
  });
}

/** BPCER (ISO/IEC 30107-3): the share of the panel's bona fide captures the PAD rejected as attacks. */
export const bpcerCheck: ConformanceCheck = {
  id: 'pad-bpcer',
  title: 'PAD: BPCER (bona fide presentations rejected)',
  rationale: 'A PAD that rejects real fingers turns residents away.',
  applies: () => true,
  clause: () => POLICY.padClause,
  run(ctx: CheckContext) {
    const limit = `BPCER ≤ ${POLICY.bpcerMax * 100} %`;
    const fingers = ctx.fingers();
    if ('problem' in fingers) return notMeasured(fingers.problem, '%', limit);
    const bona = fingers.filter((c) => c.acquired && c.pad);
    if (bona.length === 0)
      return notMeasured('no acquired bona fide capture with a PAD decision', '%', limit);
    const rejected = bona.filter((c) => c.pad?.decision === 'attack').length;
    return rate(
      rejected,
      bona.length,
      POLICY.bpcerMax,
      limit,
      `${rejected} of ${bona.length} bona fide captures rejected`,
    );
  },
};
