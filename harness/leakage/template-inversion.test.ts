import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AttackFigure } from '../../reports/certification-report.ts';
import { POPULATION_TUNING } from '../../sim/population/tuning.ts';
import { stream } from '../../sim/random/index.ts';
import type { CertificationContext } from '../certify/certification-suite.ts';
import { ResidentPool } from '../certify/resident-pool.ts';
import { requirementById } from '../requirements/catalogue.ts';
import type { Evidence } from '../requirements/evidence.ts';
import { judge } from '../requirements/verdict.ts';
import type { CertificationTarget } from '../targets/certification-target.ts';
import type { HttpTransport, TransportResponse } from '../targets/http-transport.ts';
import { ReferenceApiClient } from '../targets/reference-api-client.ts';
import { startReferenceCertificationTarget } from '../targets/reference-certification-target.ts';
import { runTemplateInversion, TEMPLATE_INVERSION } from './template-inversion.ts';

const SEED = 'inversion-test';

/** One pool per target, so that no test enrols a person another test already enrolled there. */
const pools = new Map<string, ResidentPool>();

function context(target: CertificationTarget, attacks: AttackFigure[]): CertificationContext {
  const key = target.identity.name + (target.hooks?.flaw ?? '');
  const residents = pools.get(key) ?? new ResidentPool(SEED, POPULATION_TUNING.defaultAsOf, 2000);
  pools.set(key, residents);
  return {
    target,
    seed: SEED,
    quick: true,
    asOf: POPULATION_TUNING.defaultAsOf,
    random: (...keys) => stream(SEED, 'test', ...keys),
    residents,
    figures: { det: () => {}, scoreHistogram: () => {}, attack: (a) => attacks.push(a) },
    progress: () => {},
  };
}

/** The target, with every verification answer passed through `tamper` (n counts them from 1). */
function tamperedVerifications(
  target: CertificationTarget,
  tamper: (res: TransportResponse, n: number) => TransportResponse,
): CertificationTarget {
  let n = 0;
  const transport: HttpTransport = async (r) => {
    const res = await target.transport(r);
    return r.path.startsWith('/v1/verifications') ? tamper(res, ++n) : res;
  };
  return {
    ...target,
    transport,
    client: (role) => new ReferenceApiClient({ transport, token: role ? target.token(role) : undefined }),
  };
}

/** A 429 instead of the first `times` verification answers. */
function rateLimitedFor(times: number) {
  return (res: TransportResponse, n: number): TransportResponse =>
    n > times
      ? res
      : {
          status: 429,
          headers: { 'content-type': 'application/json', 'retry-after': '0' },
          body: JSON.stringify({
            code: 'rate-limited',
            message: 'slow down',
            requestId: `rate-limited-${n}`,
          }),
        };
}

function verdict(target: CertificationTarget, e: Evidence): string {
  const requirement = requirementById(TEMPLATE_INVERSION.requirement);
  if (!requirement) throw new Error(`${TEMPLATE_INVERSION.requirement} is not in the catalogue`);
  return judge(requirement, [e], target.capabilities).verdict;
}

describe('template inversion against the reference', () => {
  let clean: CertificationTarget;
  let flawed: CertificationTarget;
  beforeAll(async () => {
    clean = await startReferenceCertificationTarget({ seed: SEED });
    flawed = await startReferenceCertificationTarget({ seed: SEED, flaw: 'templates-unencrypted' });
  }, 400_000);
  afterAll(async () => {
    await clean?.close();
    await flawed?.close();
  });

  it('gets nothing from ciphertext, yet inverts the decrypted templates into accepted prints', async () => {
    const attacks: AttackFigure[] = [];
    const e = await runTemplateInversion(context(clean, attacks), 10);
    console.log(`clean reference: ${e.summary}`);
    expect(e.test).toBe(TEMPLATE_INVERSION.id);
    expect(e.outcome).toBe('measured');
    expect(e.reason).toBe('ciphertext');
    expect(e.measurements?.inversionSuccessRate).toMatchObject({ value: 0, errors: 0, trials: 10 });
    // The attack is real: with the key most reconstructions pass 1:1 verification at FMR 0.1 %.
    expect(e.measurements?.inversionSuccessRateWithKey?.trials).toBe(10);
    expect(e.measurements?.inversionSuccessRateWithKey?.value).toBeGreaterThanOrEqual(0.5);
    expect(attacks.map((a) => a.attack)).toEqual([
      TEMPLATE_INVERSION.id,
      `${TEMPLATE_INVERSION.id} (with storage key)`,
    ]);
    expect(JSON.stringify(e)).not.toMatch(/\b\d{12}\b/);
    expect(verdict(clean, e)).toBe('pass');
  }, 180_000);

  it('waits out a rate limit, and reports an error, never a rate, when the target keeps refusing', async () => {
    const patient = await runTemplateInversion(
      context(tamperedVerifications(flawed, rateLimitedFor(1)), []),
      5,
    );
    expect(patient.outcome).toBe('measured');
    expect(patient.measurements?.inversionSuccessRate?.trials).toBe(5);
    const refused = await runTemplateInversion(
      context(tamperedVerifications(flawed, rateLimitedFor(1e9)), []),
      5,
    );
    expect(refused.outcome).toBe('error');
    expect(refused.reason).toMatch(/HTTP 429 instead of a decision/);
    expect(refused.measurements).toBeUndefined();
  }, 180_000);

  it('reads the decision from an answer that breaks the contract with a score beside it', async () => {
    const scoring = tamperedVerifications(flawed, (res) =>
      res.status === 200 ? { ...res, body: JSON.stringify({ ...JSON.parse(res.body), score: 0.5 }) } : res,
    );
    const e = await runTemplateInversion(context(scoring, []), 5);
    expect(e.outcome).toBe('measured');
    expect(e.measurements?.inversionSuccessRate?.value).toBeGreaterThan(0.01);
  }, 180_000);

  it('inverts plain templates without any key when the vault stores them in the clear', async () => {
    const e = await runTemplateInversion(context(flawed, []), 10);
    console.log(`templates-unencrypted: ${e.summary}`);
    expect(e.reason).toBeUndefined();
    expect(e.measurements?.templatesReadableWithoutKey?.value).toBe(1);
    expect(e.measurements?.inversionSuccessRate?.value).toBeGreaterThan(0.01);
    expect(e.measurements?.inversionSuccessRateWithKey?.value).toBe(
      e.measurements?.inversionSuccessRate?.value,
    );
    expect(verdict(flawed, e)).toBe('fail');
  }, 180_000);
});
