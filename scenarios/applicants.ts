import type { CertificationContext } from '../harness/certify/certification-suite.ts';
import type { Canary } from '../harness/leakage/canary.ts';
import { fingerprintBody } from '../harness/targets/enrolment-body.ts';
import type { EnrolmentRequest, FingerprintBody } from '../harness/targets/reference-api-types.ts';
import { ageOn } from '../sim/enrollment/age.ts';
import type { FingerPosition } from '../sim/fingerprints/finger-position.ts';
import { formatIin, type LegalStatus, type Resident } from '../sim/population/index.ts';
import { syntheticEnrolRequest, syntheticPrints } from '../sim/reference/synthetic-applicants.ts';

export const ALL_FINGERS: readonly FingerPosition[] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

/** Citizens of working age with all ten fingers: the people most stories are about. */
export function adults(ctx: CertificationContext, n: number, purpose: string): Resident[] {
  return ctx.residents.take(
    n,
    (r) => {
      const age = ageOn(r.birthDate, ctx.asOf);
      return r.status === 'citizen' && age >= 20 && age <= 65 && r.fingers.available.length === 10;
    },
    purpose,
  );
}

export function adult(ctx: CertificationContext, purpose: string): Resident {
  return adults(ctx, 1, purpose)[0];
}

/**
 * The same person (names, fingers) born on another day. The IIN encodes the birth date, so it is
 * recomputed: same sex, the resident's own registration number (the next issuable one if that
 * yields no check digit), so it stays deterministic and almost surely unique.
 */
export function bornOn(r: Resident, birthDate: string): Resident {
  const [y, m, d] = birthDate.split('-').map(Number);
  const registration = Number(r.iin.slice(7, 11));
  for (let k = 0; k < 10_000; k++) {
    const iin = formatIin(y, m, d, r.sex, (registration + k) % 10_000);
    if (iin) return { ...r, iin, birthDate };
  }
  throw new RangeError(`no issuable IIN for ${birthDate}`);
}

/** The same person under another legal status (their prints and identity otherwise kept). */
export function withStatus(r: Resident, status: LegalStatus, citizenship: string | null): Resident {
  return { ...r, status, citizenship };
}

/** The person with every finger but those listed, recorded missing for `reason`. */
export function withMissingFingers(
  r: Resident,
  missing: readonly FingerPosition[],
  reason: 'amputation' | 'no-papillary-pattern' | 'bandage' | 'scar',
): Resident {
  return {
    ...r,
    fingers: {
      available: ALL_FINGERS.filter((p) => !missing.includes(p)),
      unavailable: missing.map((position) => ({ position, reason })),
    },
  };
}

/**
 * The person's prints as a capture device sends them: ISO 19794-2 records of the template-only
 * synthesis. Another `impression` is the same fingers touched again (a mated probe).
 */
export function prints(
  ctx: CertificationContext,
  r: Resident,
  impression: number,
  positions: readonly FingerPosition[] = r.fingers.available,
): FingerprintBody[] {
  return syntheticPrints(ctx.seed, r.index, impression, positions).map(fingerprintBody);
}

export interface ApplicationOptions {
  applicationDate: string;
  impression?: number;
  trigger?: EnrolmentRequest['trigger'];
  document?: EnrolmentRequest['document'];
  /** Whose fingers are presented (another resident's: an impostor or a double registration). */
  fingersOf?: Resident;
  guardianConsent?: boolean;
  refuses?: boolean;
  handInjury?: boolean;
  /** The status the applicant declares, where it is one the population does not hold. */
  status?: EnrolmentRequest['applicant']['status'];
}

/** The contract's enrolment body for a resident applying at a desk on `applicationDate`. */
export function application(ctx: CertificationContext, r: Resident, o: ApplicationOptions): EnrolmentRequest {
  const d = syntheticEnrolRequest(r, {
    seed: ctx.seed,
    applicationDate: o.applicationDate,
    impression: o.impression,
    trigger: o.trigger,
    document: o.document,
  });
  const fingersOf = o.fingersOf ?? r;
  const body: EnrolmentRequest = {
    applicationDate: d.applicationDate,
    document: d.document,
    trigger: d.trigger,
    applicant: {
      iin: d.applicant.iin,
      surname: d.applicant.surname,
      givenName: d.applicant.givenName,
      patronymic: d.applicant.patronymic ?? null,
      status: o.status ?? d.applicant.status,
      citizenship: d.applicant.citizenship,
    },
    fingerprints: prints(ctx, fingersOf, o.impression ?? 0, r.fingers.available),
    missingFingers: d.missingFingers,
  };
  if (o.guardianConsent !== undefined) body.guardianConsent = o.guardianConsent;
  if (o.refuses !== undefined) body.refuses = o.refuses;
  if (o.handInjury !== undefined) body.handInjury = o.handInjury;
  return body;
}

/** What identifies the person, for searching storage and answers: one canary per document number. */
export function canariesOf(r: Resident, documentNumbers: readonly string[] = []): Canary[] {
  const base = {
    surname: r.surname,
    givenName: r.givenName,
    patronymic: r.patronymic,
    iin: r.iin,
    birthDate: r.birthDate,
  };
  const numbers = [...new Set([...documentNumbers, ...r.documents.map((d) => d.number)])];
  return numbers.length === 0
    ? [{ ...base, documentNumber: '' }]
    : numbers.map((documentNumber) => ({ ...base, documentNumber }));
}
