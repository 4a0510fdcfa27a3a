import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decodeIsoTemplate, encodeIsoTemplate } from '../../sim/matcher/iso19794-2.ts';
import type { FingerTemplate } from '../../sim/matcher/template.ts';
import { stream } from '../../sim/random/index.ts';
import { fakeTarget } from '../certify/fake-target.test-helper.ts';
import type { TransportResponse } from '../targets/http-transport.ts';
import { runEnumerationOracle } from './enumeration-oracle-run.ts';
import { randomTemplate } from './hill-climbing.ts';
import { numericLeaves, runHillClimbing, varyingFields } from './hill-climbing-run.ts';
import { entropyBits } from './identifier-analysis.ts';
import { globalLinkability } from './linkability.ts';
import { byteSimilarity } from './stored-references.ts';

describe('score discovery for hill-climbing', () => {
  it('lists every number of a body by path', () => {
    expect([...numericLeaves({ decision: 'no-match', score: 0.12, details: { ms: [3, 4] } })]).toEqual([
      ['score', 0.12],
      ['details.ms.0', 3],
      ['details.ms.1', 4],
    ]);
  });

  it('takes as a score only what varies with the probe', () => {
    expect(varyingFields([{ decision: 'no-match' }, { decision: 'match' }])).toEqual([]);
    expect(
      varyingFields([
        { decision: 'no-match', similarity: 0.01, version: 2 },
        { decision: 'no-match', similarity: 0.03, version: 2 },
      ]),
    ).toEqual(['similarity']);
  });
});

describe('linkability of stored bytes', () => {
  const people = Array.from({ length: 8 }, () => [randomBytes(400), randomBytes(400)]);
  const score = (a: Buffer[], b: Buffer[]) => byteSimilarity(a, b);

  it('scores identical references 1 and unrelated random ones 0', () => {
    expect(score(people[0], people[0])).toBe(1);
    expect(score(people[0], people[1])).toBe(0);
  });

  it('gives D↔sys 1 for references stored alike in two deployments, 0 for freshly sealed ones', () => {
    const mated: number[] = [];
    const nonMated: number[] = [];
    const resealed = people.map((p) => p.map(() => randomBytes(400)));
    for (const [i, a] of people.entries())
      for (const [j, b] of people.entries()) (i === j ? mated : nonMated).push(score(a, b));
    expect(globalLinkability(mated, nonMated, { bins: 10 }).dSys).toBeCloseTo(1, 6);
    const m2: number[] = [];
    const n2: number[] = [];
    for (const [i, a] of people.entries())
      for (const [j, b] of resealed.entries()) (i === j ? m2 : n2).push(score(a, b));
    expect(globalLinkability(m2, n2, { bins: 10 }).dSys).toBe(0);
  });
});

describe('entropy of few identifiers', () => {
  it('credits 24 random UUIDv4s with their 122 random bits, bit by bit', () => {
    const r = stream('entropy', 'few');
    const ids = Array.from({ length: 24 }, () => {
      const h = Array.from({ length: 32 }, () => r.int(16).toString(16));
      h[12] = '4';
      h[16] = '89ab'[r.int(4)];
      return h.join('');
    });
    expect(entropyBits(ids)).toBe(122);
  });

  it('credits a counter in UUID clothing with a handful of bits', () => {
    const ids = Array.from(
      { length: 24 },
      (_, k) => `00000000-0000-4000-8000-${(k + 1).toString(16).padStart(12, '0')}`,
    );
    expect(entropyBits(ids)).toBeLessThan(6);
  });
});

/** A target whose verification answers by a rule of the test's choosing, everything else 404. */
function verifyingTarget(answer: (iin: string, probe: FingerTemplate) => { status: number; body: unknown }) {
  const target = fakeTarget(['api'], async (r): Promise<TransportResponse> => {
    if (!r.headers.authorization)
      return { status: 401, headers: {}, body: '{"code":"token-missing","message":"no","requestId":"x"}' };
    if (r.path !== '/v1/verifications')
      return { status: 404, headers: {}, body: '{"code":"route-not-found","message":"no","requestId":"x"}' };
    const b = JSON.parse(String(r.body)) as { iin: string; fingerprints: { data: string }[] };
    const a = answer(b.iin, decodeIsoTemplate(Buffer.from(b.fingerprints[0].data, 'base64')));
    return {
      status: a.status,
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify(a.body),
    };
  });
  return { ...target, token: () => 'token-of-every-role' };
}

const ENROLLED = Array.from({ length: 12 }, (_, k) => `90010${k.toString().padStart(2, '0')}00000`);
const STRANGERS = Array.from({ length: 12 }, (_, k) => `80010${k.toString().padStart(2, '0')}00000`);
const LIKE = { width: 300, height: 400, ppi: 500 };
const probe = [
  {
    position: 1,
    format: 'iso19794-2' as const,
    data: Buffer.from(encodeIsoTemplate(randomTemplate(stream('p', 1), LIKE))).toString('base64'),
  },
];
const uuids = (tag: string) =>
  Array.from(
    { length: 12 },
    (_, k) => `${tag}${k.toString(16).padStart(2, '0')}0000-0000-4000-8000-000000000000`,
  );
const plan = (seed: string) => ({
  enrolledIins: ENROLLED,
  strangerIins: STRANGERS,
  enrolledSubjects: uuids('aaaaaa'),
  unknownSubjects: uuids('bbbbbb'),
  probe,
  random: stream('oracle', seed),
});

describe('enumeration oracle against a target', () => {
  it('counts status, body and length for every caller that is answered about enrolment', async () => {
    const t = verifyingTarget((iin) =>
      ENROLLED.includes(iin)
        ? { status: 200, body: { decision: 'no-match' } }
        : { status: 409, body: { code: 'not-enrolled', message: 'no prints', requestId: 'r' } },
    );
    const r = await runEnumerationOracle(t, plan('a'));
    // The fake answers a bad signature and a role without the operation as if entitled: 2 callers × 3 channels.
    expect(r.evidence.measurements?.leakingChannels.value).toBe(6);
    expect(r.evidence.summary).toMatch(
      /verify as a token with a bad signature: status .*verify as role identification-officer: status/,
    );
    expect(r.evidence.summary).not.toMatch(/no token/);
    expect(r.evidence.volatile).toHaveProperty(['timingP0.1']);
  });

  it('finds nothing when every IIN gets the same answer', async () => {
    const t = verifyingTarget(() => ({ status: 200, body: { decision: 'no-match' } }));
    const r = await runEnumerationOracle(t, plan('b'));
    expect(r.evidence.measurements?.leakingChannels.value).toBe(0);
    expect(r.outcome.successRate).toBe(0.5);
    expect(r.evidence.details).toHaveLength(9);
  });
});

describe('hill-climbing against a target', () => {
  const hidden = randomTemplate(stream('hidden', 1), LIKE, 25);
  const similarity = (p: FingerTemplate) =>
    hidden.minutiae.filter((t) =>
      p.minutiae.some(
        (m) =>
          Math.hypot(m.x - t.x, m.y - t.y) < 12 &&
          Math.abs(Math.atan2(Math.sin(m.angle - t.angle), Math.cos(m.angle - t.angle))) < 0.5,
      ),
    ).length / Math.max(hidden.minutiae.length, p.minutiae.length * 0.8);

  it('climbs a leaked score to acceptance', async () => {
    const t = verifyingTarget((_, p) => {
      const score = similarity(p);
      return { status: 200, body: { decision: score >= 0.3 ? 'match' : 'no-match', score } };
    });
    const r = await runHillClimbing(t, {
      targets: [ENROLLED[0]],
      like: LIKE,
      budget: 20_000,
      random: stream('climb', 1),
    });
    expect(r.evidence.measurements?.acceptedShare).toMatchObject({ value: 1, errors: 1, trials: 1 });
    expect(r.evidence.details).toMatchObject({ scoreFields: ['score'] });
  });

  it('has nothing to climb on decisions only', async () => {
    const t = verifyingTarget((_, p) => ({
      status: 200,
      body: { decision: similarity(p) >= 0.3 ? 'match' : 'no-match' },
    }));
    const r = await runHillClimbing(t, {
      targets: ENROLLED.slice(0, 2),
      like: LIKE,
      budget: 20_000,
      random: stream('climb', 2),
    });
    expect(r.evidence.measurements?.acceptedShare).toMatchObject({ value: 0, trials: 2 });
    expect(r.evidence.summary).toMatch(/decisions only/);
  });
});
