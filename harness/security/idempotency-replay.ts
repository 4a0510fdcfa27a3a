import { isDeepStrictEqual } from 'node:util';
import type { SuiteEvidence } from '../certify/certification-suite.ts';
import type { DatabaseAccess } from '../targets/certification-target.ts';
import type { EnrolmentRequest } from '../targets/reference-api-types.ts';
import {
  answer,
  evidence,
  idempotencyKey,
  qualified,
  rawClient,
  type SecurityRun,
  tablesOf,
} from './security-fixtures.ts';

const TEST = 'security/idempotency-replay';

/** Row counts of every table but audit ones: a replay that enrols again adds rows somewhere. */
async function rowCounts(stores: DatabaseAccess[]): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const s of stores)
    for (const { schema, table } of await tablesOf(s)) {
      if (/audit/i.test(schema) || /audit/i.test(table)) continue;
      try {
        const [r] = await s.db.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM ${qualified(schema, table)}`,
        );
        out[qualified(schema, table)] = Number(r.n);
      } catch {
        // Not readable by this connection: the other store's connection covers it.
      }
    }
  return out;
}

/**
 * SEC-IDM-01: an enrolment sent again with the same Idempotency-Key and the same body returns the
 * first response (status and body) and adds no row; with the same key and another body it is
 * refused with 409 or 422 and adds no row either. Row counts need a storage connection; without
 * one the API answers alone decide.
 */
export async function idempotencyReplay(run: SecurityRun, body: EnrolmentRequest): Promise<SuiteEvidence[]> {
  const psc = rawClient(run.target, 'psc-operator');
  const key = { idempotencyKey: idempotencyKey(run.seed, 'idempotency-replay') };
  const stores = [run.target.fingerprintDatabase, run.target.identityRegistry].filter(
    (s): s is DatabaseAccess => s !== undefined,
  );
  const first = await psc.enrol(body, key);
  if (first.status !== 201)
    return [
      evidence.error(
        TEST,
        'the first enrolment did not succeed',
        `a plain adult enrolment answered ${answer(first)}; a replay of a failure proves nothing`,
      ),
    ];
  const afterFirst = await rowCounts(stores);
  const same = await psc.enrol(body, key);
  const afterSame = await rowCounts(stores);
  const changed = { ...body, handInjury: !body.handInjury };
  const other = await psc.enrol(changed, key);
  const afterOther = await rowCounts(stores);
  const grew = (a: Record<string, number>, b: Record<string, number>) =>
    Object.keys(b).filter((t) => (b[t] ?? 0) !== (a[t] ?? 0));
  const problems: string[] = [];
  if (same.status !== first.status || !isDeepStrictEqual(same.body, first.body))
    problems.push(
      `same key, same body: answered ${answer(same)} ${JSON.stringify(same.body).slice(0, 80)} instead of the first response`,
    );
  const sameGrew = grew(afterFirst, afterSame);
  if (sameGrew.length > 0) problems.push(`same key, same body wrote again (${sameGrew.join(', ')})`);
  if (other.status !== 409 && other.status !== 422)
    problems.push(`same key, other body: answered ${answer(other)} instead of 409/422`);
  const otherGrew = grew(afterSame, afterOther);
  if (otherGrew.length > 0) problems.push(`same key, other body wrote (${otherGrew.join(', ')})`);
  const details = {
    first: answer(first),
    sameBody: answer(same),
    otherBody: answer(other),
    storageCompared: stores.length > 0,
    tablesGrownBySameBody: sameGrew,
    tablesGrownByOtherBody: otherGrew,
  };
  if (problems.length > 0) return [evidence.fail(TEST, problems.join('; '), { details })];
  return [
    evidence.pass(
      TEST,
      `replay with the same body returned the first response${stores.length > 0 ? ' and wrote nothing' : ''}; another body under the same key answered ${answer(other)}`,
      { details },
    ),
  ];
}
