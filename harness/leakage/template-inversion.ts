import type { FingerPosition } from '../../sim/fingerprints/finger-position.ts';
import { encodeGrayPng } from '../../sim/image/png-encode.ts';
import { ageOn, parseIso, type Resident } from '../../sim/population/index.ts';
import type { CertificationContext, SuiteEvidence } from '../certify/certification-suite.ts';
import { rate } from '../requirements/evidence.ts';
import { enrolmentBody } from '../targets/enrolment-body.ts';
import { ContractViolation } from '../targets/reference-api-client.ts';
import type { EnrolmentRequest, VerificationRequest } from '../targets/reference-api-types.ts';
import { attackError, attackOutcome, type LeakageAttack } from './attack.ts';
import {
  carriesTemplate,
  clearTemplates,
  decryptedTemplates,
  rowDigests,
  rowsAdded,
  type StolenTemplate,
  type StoredRow,
} from './inversion/stolen-templates.ts';
import { reconstructFromIsoRecord } from './inversion/template-reconstruction.ts';

export const TEMPLATE_INVERSION: LeakageAttack = {
  id: 'leakage/template-inversion',
  requirement: 'DEP-TPL-02',
  title: 'Template inversion',
};

/** The same attack with the storage key, reported beside the verdict's figure. */
export const TEMPLATE_INVERSION_WITH_KEY: LeakageAttack = {
  id: 'leakage/template-inversion (with storage key)',
  requirement: 'DEP-TPL-02',
  title: 'Template inversion with the storage key',
};

export const TEMPLATE_INVERSION_SAMPLE = {
  /** Stolen templates attacked: quick and full runs. */
  quick: 10,
  full: 100,
  /** Fingers attacked per enrolled victim (the first by finger position). */
  fingersPerVictim: 5,
  /** Victims are adults with at least that many fingers, so enrolment stores them without exception. */
  minimumAge: 18,
  /** The verifying role: a border officer checks a traveller against their document's person. */
  verifier: 'border-officer',
  /** Presentations retried after a rate limit (429) before the trial counts as not presented. */
  rateLimitRetries: 2,
  /** Wait before a retry when the target does not say (Retry-After), s. */
  defaultRetryAfter: 60,
} as const;

/**
 * Answers that decide a trial: a decision (200) or the image rejected as a fingerprint (422). Any
 * other status (rate limit, lock-out, server error) means the attack could not be measured.
 */
const DECIDING = new Set([200, 422]);

interface Victim {
  /** Victim number in this run (the report names no person). */
  number: number;
  iin: string;
  rows: StoredRow[];
}

interface Presentation {
  victim: number;
  position: number | null;
  status: number;
  accepted: boolean;
}

function contractEnrolment(r: Resident, seed: string, applicationDate: string): EnrolmentRequest {
  return enrolmentBody(r, { seed, applicationDate });
}

/**
 * Enrols victims through the API one at a time and keeps, for each, the rows of the fingerprint
 * database that appeared with them: the templates a thief of that database holds for the person.
 */
async function enrolVictims(ctx: CertificationContext, count: number): Promise<Victim[]> {
  const access = ctx.target.fingerprintDatabase;
  if (!access) throw new Error('the target gives no access to its fingerprint database');
  const { fingersPerVictim, minimumAge } = TEMPLATE_INVERSION_SAMPLE;
  const asOf = parseIso(ctx.asOf);
  const residents = ctx.residents.take(
    count,
    (r) =>
      r.status === 'citizen' &&
      r.fingers.available.length >= fingersPerVictim &&
      ageOn(parseIso(r.birthDate), asOf) >= minimumAge,
    'template inversion',
  );
  const operator = ctx.target.client('psc-operator');
  let known = await rowDigests(access);
  const victims: Victim[] = [];
  for (const [k, r] of residents.entries()) {
    const res = await operator.enrol(contractEnrolment(r, ctx.seed, ctx.asOf), {
      idempotencyKey: `template-inversion-${ctx.seed.replace(/[^A-Za-z0-9_-]/g, '')}-${r.index}`.slice(
        0,
        128,
      ),
    });
    const status =
      res.status === 201 || res.status === 200 ? (res.body as { status?: string }).status : undefined;
    if (status !== 'enrolled')
      throw new Error(`victim ${k + 1} was not enrolled (HTTP ${res.status}, status ${status ?? 'none'})`);
    const now = await rowDigests(access);
    const fresh = (await rowsAdded(access, known, now)).filter(carriesTemplate);
    known = now;
    victims.push({ number: k + 1, iin: r.iin, rows: fresh });
  }
  return victims;
}

/** The victim's first template rows by finger position, the ones attacked. */
function attackedRows(v: Victim): StoredRow[] {
  const pos = (row: StoredRow) =>
    Number(Object.entries(row.cells).find(([n]) => /position|finger/i.test(n))?.[1] ?? 0);
  return [...v.rows].sort((a, b) => pos(a) - pos(b)).slice(0, TEMPLATE_INVERSION_SAMPLE.fingersPerVictim);
}

/**
 * A verification's status and decision. A response that breaks the contract (a score beside the
 * decision, say) still carries the decision the attack measures: DEP-TPL-02 judges acceptance, and
 * the contract breach is other requirements' evidence.
 */
async function decisionOf(
  ctx: CertificationContext,
  body: VerificationRequest,
): Promise<{ status: number; headers: Record<string, string>; decision: string | undefined }> {
  try {
    const res = await ctx.target.client(TEMPLATE_INVERSION_SAMPLE.verifier).verify(body);
    return {
      status: res.status,
      headers: res.headers,
      decision: (res.body as { decision?: string }).decision,
    };
  } catch (e) {
    if (!(e instanceof ContractViolation)) throw e;
    let decision: string | undefined;
    try {
      decision = (JSON.parse(e.response.body) as { decision?: string }).decision;
    } catch {
      decision = undefined;
    }
    return { status: e.response.status, headers: e.response.headers, decision };
  }
}

/**
 * Presents the image reconstructed from a stolen template as the probe of a 1:1 verification of its
 * owner, at the target's own operating threshold (the API answers match or no-match, nothing else).
 * Reconstruction is deterministic, so a record already presented is not sent twice.
 */
async function present(
  ctx: CertificationContext,
  v: Victim,
  t: StolenTemplate,
  seen: Map<string, Presentation>,
): Promise<Presentation> {
  const key = `${v.number}:${Buffer.from(t.record).toString('hex')}`;
  const known = seen.get(key);
  if (known) return known;
  const png = encodeGrayPng(reconstructFromIsoRecord(t.record));
  const position = (t.position ?? 1) as FingerPosition;
  const verify = () =>
    decisionOf(ctx, {
      iin: v.iin,
      fingerprints: [{ position, format: 'png', data: png.toString('base64') }],
    });
  let res = await verify();
  for (let retry = 0; res.status === 429 && retry < TEMPLATE_INVERSION_SAMPLE.rateLimitRetries; retry++) {
    const header = Number(res.headers['retry-after'] ?? Number.NaN);
    const after = Number.isFinite(header) ? header : TEMPLATE_INVERSION_SAMPLE.defaultRetryAfter;
    ctx.progress(`rate-limited by the target: waiting ${after} s`);
    await new Promise((resolve) => setTimeout(resolve, after * 1000));
    res = await verify();
  }
  const accepted = res.status === 200 && res.decision === 'match';
  const p = { victim: v.number, position: t.position, status: res.status, accepted };
  seen.set(key, p);
  return p;
}

interface AttackResult {
  trials: number;
  successes: number;
  presentations: Presentation[];
  /** Templates the attacker could read at all. */
  readable: number;
  /** HTTP statuses of presentations the target neither decided nor rejected as a fingerprint. */
  undecided: number[];
}

async function attack(
  ctx: CertificationContext,
  victims: readonly Victim[],
  steal: (row: StoredRow) => StolenTemplate[],
  seen: Map<string, Presentation>,
  label: string,
): Promise<AttackResult> {
  const r: AttackResult = { trials: 0, successes: 0, presentations: [], readable: 0, undecided: [] };
  for (const v of victims) {
    for (const row of attackedRows(v)) {
      r.trials++;
      const stolen = steal(row)[0];
      if (!stolen) continue;
      r.readable++;
      ctx.progress(`${label}: template ${r.trials}`);
      const p = await present(ctx, v, stolen, seen);
      r.presentations.push(p);
      if (p.accepted) r.successes++;
      if (!DECIDING.has(p.status)) r.undecided.push(p.status);
    }
  }
  return r;
}

/**
 * DEP-TPL-02's evidence: stored templates stolen from the fingerprint database, inverted into
 * fingerprint images (harness/leakage/inversion/) and presented to the target's verification.
 * The requirement protects templates at rest, so the verdict's `inversionSuccessRate` is the
 * attack WITHOUT the storage key (templates parsed straight from storage; ciphertext yields
 * nothing). With the key (in-process reference only) the same attack gives
 * `inversionSuccessRateWithKey`: what a key compromise would cost, and proof the attack works.
 */
export async function runTemplateInversion(
  ctx: CertificationContext,
  templates: number,
): Promise<SuiteEvidence> {
  let victims: Victim[];
  try {
    victims = await enrolVictims(ctx, Math.ceil(templates / TEMPLATE_INVERSION_SAMPLE.fingersPerVictim));
  } catch (e) {
    return attackError(
      TEMPLATE_INVERSION,
      `could not enrol the victims whose templates are stolen: ${(e as Error).message}`,
    );
  }
  const stored = victims.reduce((n, v) => n + attackedRows(v).length, 0);
  if (stored === 0)
    return attackError(
      TEMPLATE_INVERSION,
      'no row of the fingerprint database appeared when the victims were enrolled: cannot tell where templates are stored',
    );
  const seen = new Map<string, Presentation>();
  const clear = await attack(ctx, victims, clearTemplates, seen, 'template inversion without key');
  const decrypt = ctx.target.hooks?.decryptTemplate;
  const keyed = decrypt
    ? await attack(
        ctx,
        victims,
        // The key holder also reads whatever is stored in the clear.
        (row) => [...decryptedTemplates(row, decrypt), ...clearTemplates(row)],
        seen,
        'template inversion with key',
      )
    : null;
  if (clear.undecided.length > 0)
    return attackError(
      TEMPLATE_INVERSION,
      `the target answered ${clear.undecided.length} of ${clear.readable} presentations with HTTP ${[...new Set(clear.undecided)].join(', ')} instead of a decision: the success rate cannot be measured`,
    );
  const keyedMeasured = keyed !== null && keyed.undecided.length === 0;
  ctx.figures.attack(attackOutcome(TEMPLATE_INVERSION, clear.successes, clear.trials));
  if (keyed && keyedMeasured)
    ctx.figures.attack(attackOutcome(TEMPLATE_INVERSION_WITH_KEY, keyed.successes, keyed.trials));
  const measurements: NonNullable<SuiteEvidence['measurements']> = {
    inversionSuccessRate: rate(clear.successes, clear.trials),
    templatesReadableWithoutKey: rate(clear.readable, clear.trials),
  };
  if (keyed && keyedMeasured) measurements.inversionSuccessRateWithKey = rate(keyed.successes, keyed.trials);
  const withoutKey =
    clear.readable === 0
      ? `0 of ${clear.trials} stored templates parse without the key (ciphertext)`
      : `${clear.readable} of ${clear.trials} stored templates parse without the key; ${clear.successes} reconstructions accepted`;
  const withKey = !keyed
    ? '; the target offers no storage key hook, so the attack with the key was not run'
    : !keyedMeasured
      ? `; with the storage key the target answered HTTP ${[...new Set(keyed.undecided)].join(', ')} instead of decisions, so that rate is not reported`
      : `; with the storage key ${keyed.successes} of ${keyed.trials} reconstructions accepted`;
  return {
    test: TEMPLATE_INVERSION.id,
    outcome: 'measured',
    summary: `Template inversion at the operating threshold: ${withoutKey}${withKey}`,
    ...(clear.readable === 0 ? { reason: 'ciphertext' } : {}),
    measurements,
    details: {
      victims: victims.length,
      templatesPerVictim: TEMPLATE_INVERSION_SAMPLE.fingersPerVictim,
      verifier: TEMPLATE_INVERSION_SAMPLE.verifier,
      method:
        'FM-model reconstruction (Feng & Jain 2011): orientation from minutiae, continuous phase, minutia spirals',
      withoutKey: clear.presentations,
      withKey: keyed?.presentations ?? null,
      storedIn: [...new Set(victims.flatMap((v) => v.rows.map((r) => r.table)))],
    },
  };
}
