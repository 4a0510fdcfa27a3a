import { createHash } from 'node:crypto';
import { decodeJwt } from 'jose';
import type { FingerPosition } from '../../sim/fingerprints/finger-position.ts';
import type { Resident } from '../../sim/population/index.ts';
import { syntheticPrints } from '../../sim/reference/synthetic-applicants.ts';
import type { CertificationContext, SuiteEvidence } from '../certify/certification-suite.ts';
import type { CertificationTarget, DatabaseAccess } from '../targets/certification-target.ts';
import { enrolmentBody, fingerprintBody } from '../targets/enrolment-body.ts';
import { type ApiResponse, isApiError, ReferenceApiClient } from '../targets/reference-api-client.ts';
import type { EnrolmentRequest, FingerprintBody, Role } from '../targets/reference-api-types.ts';

/**
 * A client of the target that never throws on a contract violation: attack tests judge the answer
 * themselves, and a target that answers outside the contract is evidence, not a crash.
 */
export function rawClient(target: CertificationTarget, as?: Role | { token: string }): ReferenceApiClient {
  const token = as === undefined ? undefined : typeof as === 'string' ? target.token(as) : as.token;
  return new ReferenceApiClient({ transport: target.transport, token, validate: false });
}

/** An Idempotency-Key that is the same for the same seed and purpose (16–128 of [A-Za-z0-9_-]). */
export function idempotencyKey(seed: string, ...parts: (string | number)[]): string {
  return `sec-${createHash('sha256')
    .update([seed, ...parts].join('\u0000'))
    .digest('hex')
    .slice(0, 40)}`;
}

/** Adults with ten capturable fingers and a citizen's or resident's document: the plain case. */
export function plainApplicant(asOf: string): (r: Resident) => boolean {
  const adultBy = `${Number(asOf.slice(0, 4)) - 20}${asOf.slice(4)}`;
  return (r) =>
    r.status !== 'stateless' &&
    r.birthDate <= adultBy &&
    r.birthDate >= '1950-01-01' &&
    r.fingers.available.length === 10;
}

/** The contract's enrolment body for a synthetic resident (template-only prints, impression 0). */
export function enrolmentRequest(r: Resident, seed: string, applicationDate: string): EnrolmentRequest {
  return enrolmentBody(r, { seed, applicationDate });
}

/** A fresh touch (another impression) of some of a resident's fingers, as a probe for 1:1 or 1:N. */
export function probePrints(
  r: Resident,
  seed: string,
  positions: readonly FingerPosition[],
  impression = 2,
): FingerprintBody[] {
  return syntheticPrints(seed, r.index, impression, positions).map(fingerprintBody);
}

/** The personal data of residents, as canaries to search for where it must not be. */
export function canaryValues(residents: readonly Resident[]): string[] {
  return residents.flatMap((r) =>
    [r.iin, r.surname, r.givenName, r.patronymic, r.birthDate, r.birthDate.replaceAll('-', '')].filter(
      (v): v is string => typeof v === 'string' && v.length >= 4,
    ),
  );
}

export function errorCode(r: ApiResponse<unknown>): string | null {
  return isApiError(r.body) ? r.body.code : null;
}

/** `status code` of a response, for evidence details. */
export function answer(r: ApiResponse<unknown>): string {
  const code = errorCode(r);
  return code ? `${r.status} ${code}` : String(r.status);
}

/** The `sub` claim of a bearer token, or null when it is not a readable JWT. */
export function tokenSubject(token: string | undefined): string | null {
  if (!token) return null;
  try {
    const sub = decodeJwt(token).sub;
    return typeof sub === 'string' ? sub : null;
  } catch {
    return null;
  }
}

const QUOTED = /^[a-z_][a-z0-9_$]*$/;

export function qualified(schema: string, table: string): string {
  const q = (s: string) => (QUOTED.test(s) ? s : `"${s.replaceAll('"', '""')}"`);
  return `${q(schema)}.${q(table)}`;
}

/** Every base table of the given schemas that the connection's catalogue shows (not only readable ones). */
export async function tablesOf(access: DatabaseAccess): Promise<{ schema: string; table: string }[]> {
  const rows = await access.db.query<{ schema: string; table: string }>(
    `SELECT n.nspname AS schema, c.relname AS table FROM pg_catalog.pg_class c
       JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relkind IN ('r', 'p') AND n.nspname = ANY($1::text[]) ORDER BY 1, 2`,
    [access.schemas],
  );
  return rows.map((r) => ({ schema: String(r.schema), table: String(r.table) }));
}

/**
 * A digest of every row of every table (audit tables left out: a target may well audit refused
 * requests): "nothing written" means the digests did not change. Updates show, not only inserts.
 */
export async function storageDigest(target: CertificationTarget): Promise<Record<string, string> | null> {
  const stores = [target.fingerprintDatabase, target.identityRegistry].filter(
    (s): s is DatabaseAccess => s !== undefined,
  );
  if (stores.length === 0) return null;
  const out: Record<string, string> = {};
  for (const store of stores) {
    for (const { schema, table } of await tablesOf(store)) {
      if (/audit/i.test(schema) || /audit/i.test(table)) continue;
      const name = qualified(schema, table);
      try {
        const [row] = await store.db.query<{ n: number; d: string | null }>(
          `SELECT count(*)::int AS n, md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS d FROM ${name} t`,
        );
        out[name] = `${row.n}:${row.d}`;
      } catch {
        // A table this connection may not read (the other domain's): the other connection covers it.
      }
    }
  }
  return out;
}

/** Tables whose content differs between two digests. */
export function changedTables(
  before: Record<string, string> | null,
  after: Record<string, string> | null,
): string[] {
  if (!before || !after) return [];
  const names = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...names].filter((n) => before[n] !== after[n]).sort();
}

type Verdictless = Omit<SuiteEvidence, 'test' | 'outcome' | 'summary'>;

export const evidence = {
  pass: (test: string, summary: string, more: Verdictless = {}): SuiteEvidence => ({
    test,
    outcome: 'pass',
    summary,
    ...more,
  }),
  fail: (test: string, summary: string, more: Verdictless = {}): SuiteEvidence => ({
    test,
    outcome: 'fail',
    summary,
    ...more,
  }),
  skipped: (test: string, summary: string, reason: string, more: Verdictless = {}): SuiteEvidence => ({
    test,
    outcome: 'skipped',
    summary,
    reason,
    ...more,
  }),
  error: (test: string, summary: string, reason: string, more: Verdictless = {}): SuiteEvidence => ({
    test,
    outcome: 'error',
    summary,
    reason,
    ...more,
  }),
};

/** Runs one test; an exception becomes `error` evidence for every ID it produces, with the reason. */
export async function guarded(
  tests: readonly string[],
  run: () => Promise<SuiteEvidence[]>,
): Promise<SuiteEvidence[]> {
  try {
    return await run();
  } catch (e) {
    const reason = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    return tests.map((t) => evidence.error(t, 'the test could not run to the end', reason));
  }
}

/**
 * Skipped evidence for `tests` when the target gives no token for one of `roles` (a vendor config
 * may leave roles out): acting without the token would turn every answer into a 401, which an
 * attack test would misread as a refusal.
 */
export function withoutTokens(
  target: CertificationTarget,
  roles: readonly Role[],
  tests: readonly string[],
): SuiteEvidence[] | null {
  const missing = roles.filter((r) => !target.token(r));
  if (missing.length === 0) return null;
  return tests.map((t) =>
    evidence.skipped(
      t,
      `no token for ${missing.join(', ')}`,
      `the test acts as ${roles.join(', ')}; the target config gives no token for ${missing.join(', ')}`,
    ),
  );
}

/** What the suites share: the context and the target, with the seed's date. */
export interface SecurityRun {
  ctx: CertificationContext;
  target: CertificationTarget;
  seed: string;
  day: string;
}

export function securityRun(ctx: CertificationContext): SecurityRun {
  return { ctx, target: ctx.target, seed: ctx.seed, day: ctx.asOf };
}
