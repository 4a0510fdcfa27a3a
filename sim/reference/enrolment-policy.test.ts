import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, birthday } from '../enrollment/age.ts';
import type { FingerPosition } from '../fingerprints/finger-position.ts';
import { templateOnlyImpression, templateOnlyMaster } from '../fingerprints/template-only.ts';
import { encodeIsoTemplate } from '../matcher/iso19794-2.ts';
import { formatIin } from '../population/iin.ts';
import {
  CONSULATE,
  count,
  PSC,
  startTestSystem,
  type TestSystem,
} from './reference-test-system.test-helper.ts';
import { syntheticPrints } from './synthetic-applicants.ts';
import type { EnrolRequest, FingerprintInput } from './types.ts';

const SEED = 'policy-boundaries';
const ALL: FingerPosition[] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
let registration = 1000;

/** An applicant born on `birthDate` (a fresh IIN each time), fingers of synthetic subject `subject`. */
function applicant(
  birthDate: string,
  applicationDate: string,
  subject: number,
  extra: Partial<EnrolRequest> = {},
): EnrolRequest {
  const [y, m, d] = birthDate.split('-').map(Number);
  let iin: string | null = null;
  while (!iin) iin = formatIin(y, m, d, 'F', registration++);
  return {
    applicant: {
      iin,
      surname: 'Testova',
      givenName: 'Aigerim',
      patronymic: null,
      birthDate,
      sex: 'F',
      citizenship: 'KAZ',
      status: 'citizen',
    },
    document: 'id-card',
    trigger: 'first-issue',
    channel: { kind: 'psc', office: 'PSC-AST-02' },
    applicationDate,
    fingerprints: syntheticPrints(SEED, subject, 0, ALL),
    missingFingers: [],
    ...extra,
  };
}

/** Prints of a subject with every finger's quality forced (a poor or an excellent capture). */
function printsWithQuality(subject: number, impression: number, quality: number): FingerprintInput[] {
  return ALL.map((position) => ({
    position,
    format: 'iso19794-2',
    data: encodeIsoTemplate({
      ...templateOnlyImpression(templateOnlyMaster(SEED, subject, position), impression),
      quality,
    }),
  }));
}

const BORN = '2009-02-28';
const APPLIED = '2025-06-01';

describe('enrolment policy at its boundaries, end to end', () => {
  let t: TestSystem;
  let key = 0;
  const enrol = (r: EnrolRequest, actor = PSC) =>
    t.system.enrol(r, actor, { idempotencyKey: `policy-${++key}-key` });
  const vaultRows = () => count(t, 'vault.templates');

  beforeAll(async () => {
    t = await startTestSystem();
  }, 300_000);
  afterAll(() => t.drop());

  it('POL-AGE-01: at 11 years 364 days nothing is stored, even prints offered (or malformed ones)', async () => {
    const before = await vaultRows();
    const offered = applicant(BORN, addDays(birthday(BORN, 12), -1), 1, { guardianConsent: true });
    offered.fingerprints[0] = { position: 1, format: 'png', data: new Uint8Array([1, 2, 3]) };
    const out = await enrol(offered);
    expect(out).toMatchObject({ status: 'exempt', decidedBy: 'POL-AGE-01', fingersCaptured: [] });
    expect(out.document?.status).toBe('valid');
    expect(await vaultRows()).toBe(before);
    expect(await count(t, 'registry.subject_links', `iin = '${offered.applicant.iin}'`)).toBe(0);
  });

  it('POL-AGE-02: from the 12th birthday capture is voluntary — consent enrols, none declines', async () => {
    const day = birthday(BORN, 12);
    const declined = await enrol(applicant(BORN, day, 2));
    expect(declined).toMatchObject({ status: 'voluntary-declined', decidedBy: 'POL-AGE-02' });
    expect(declined.document).toBeDefined();
    const before = await vaultRows();
    const consented = await enrol(applicant(BORN, day, 3, { guardianConsent: true }));
    expect(consented.status).toBe('enrolled');
    expect(await vaultRows()).toBe(before + 10);
  });

  it('voluntary the day before the 16th birthday; on it, refusal leaves a registry record only (Art. 443-1)', async () => {
    const eve = await enrol(applicant(BORN, addDays(birthday(BORN, 16), -1), 4, { refuses: true }));
    expect(eve.status).toBe('voluntary-declined');
    expect(eve.refusalId).toBeUndefined();
    const before = await vaultRows();
    const refusing = applicant(BORN, birthday(BORN, 16), 5, { refuses: true });
    const out = await enrol(refusing);
    expect(out).toMatchObject({ status: 'refused', decidedBy: 'POL-REF-01' });
    expect(out.document).toBeUndefined();
    expect(await vaultRows()).toBe(before);
    const [refusal] = await t.test.db.query<{ legal_basis: string; refused_on: string }>(
      'SELECT legal_basis, refused_on::text FROM registry.refusals WHERE id = $1',
      [out.refusalId!],
    );
    expect(refusal).toEqual({ legal_basis: 'CAO Article 443-1', refused_on: birthday(BORN, 16) });
    expect(await count(t, 'registry.documents', `iin = '${refusing.applicant.iin}'`)).toBe(0);
  });

  it('POL-MIS-01: enrols the fingers that exist and records the missing ones with their reason', async () => {
    const r = applicant('1980-01-01', APPLIED, 6, {
      missingFingers: [
        { position: 2, reason: 'amputation' },
        { position: 7, reason: 'bandage' },
      ],
    });
    r.fingerprints = r.fingerprints.filter((f) => f.position !== 2 && f.position !== 7);
    const out = await enrol(r);
    expect(out.status).toBe('enrolled');
    expect(out.fingersCaptured).toEqual([1, 3, 4, 5, 6, 8, 9, 10]);
    expect(out.missingFingers).toEqual(r.missingFingers);
    const [app] = await t.test.db.query<{ missing_fingers: unknown }>(
      'SELECT missing_fingers FROM registry.applications WHERE id = $1',
      [out.applicationId],
    );
    expect(app.missing_fingers).toEqual(r.missingFingers);
  });

  it('refuses a finger neither captured nor declared missing, and writes nothing', async () => {
    const r = applicant('1981-01-01', APPLIED, 7);
    r.fingerprints = r.fingerprints.slice(1);
    const apps = await count(t, 'registry.applications');
    await expect(enrol(r)).rejects.toMatchObject({ code: 'invalid-request' });
    expect(await count(t, 'registry.applications')).toBe(apps);
  });

  it('a document is valid on its expiry day and expired the day after', async () => {
    const out = await enrol(applicant('1975-05-05', APPLIED, 8));
    const number = out.document!.number;
    expect(out.document!.expiryDate).toBe('2035-05-31');
    t.clock.now = new Date('2035-05-31T23:00:00Z');
    expect((await t.system.documentStatus(number, PSC)).status).toBe('valid');
    t.clock.now = new Date('2035-06-01T00:30:00Z');
    expect((await t.system.documentStatus(number, PSC)).status).toBe('expired');
    t.clock.now = new Date(`${APPLIED}T09:00:00Z`);
  });

  it('POL-VER-01 + re-capture: poor prints are re-enrolled under the same subject; better prints update templates', async () => {
    const first = applicant('1970-03-03', APPLIED, 9);
    first.fingerprints = printsWithQuality(9, 0, 20);
    expect((await enrol(first)).status).toBe('enrolled');
    const link = async () =>
      (
        await t.test.db.query<{ subject_id: string; generation: number; quality: string }>(
          'SELECT subject_id, generation, quality FROM registry.subject_links WHERE iin = $1',
          [first.applicant.iin],
        )
      )[0];
    const poor = await link();
    expect(poor).toMatchObject({ generation: 1, quality: 'poor' });
    // Poor prints: the renewal re-enrols (deduplicated against everyone but themself).
    const renewal = { ...first, trigger: 'expiry' as const, fingerprints: printsWithQuality(9, 1, 60) };
    const renewed = await enrol(renewal);
    expect(renewed).toMatchObject({ status: 'enrolled', decidedBy: 'POL-ENR-01' });
    expect(await link()).toMatchObject({ subject_id: poor.subject_id, generation: 2, quality: 'good' });
    // Good prints now: the next application verifies 1:1; a better capture replaces the templates.
    const better = { ...first, trigger: 'name-change' as const, fingerprints: printsWithQuality(9, 2, 90) };
    expect((await enrol(better)).status).toBe('verified-existing');
    expect(await link()).toMatchObject({ subject_id: poor.subject_id, generation: 3 });
    expect(await count(t, 'vault.templates', `subject_id = '${poor.subject_id}'`)).toBe(10);
    expect(await count(t, 'vault.templates', `subject_id = '${poor.subject_id}' AND generation = 3`)).toBe(
      10,
    );
  });

  it('POL-WHO-01 and POL-PST-01: temporary residents are not covered; a hand injury postpones capture', async () => {
    const temp = applicant('1985-07-07', APPLIED, 10);
    temp.applicant.status = 'temporary-resident';
    expect((await enrol(temp)).status).toBe('not-covered');
    expect((await enrol(applicant('1986-07-07', APPLIED, 11, { handInjury: true }))).status).toBe(
      'postponed',
    );
  });

  it('POL-EXM-01: no papillary pattern on any finger exempts, and nothing is stored', async () => {
    const before = await vaultRows();
    const none = applicant('1987-08-08', APPLIED, 13, {
      missingFingers: ALL.map((position) => ({ position, reason: 'no-pattern' as const })),
      fingerprints: [],
    });
    expect(await enrol(none)).toMatchObject({ status: 'exempt', decidedBy: 'POL-EXM-01' });
    expect(await vaultRows()).toBe(before);
  });

  it('POL-REC-01: a stolen passport is re-issued through a consulate only after fresh prints verify', async () => {
    const r = applicant('1990-09-09', APPLIED, 12, { document: 'passport' });
    const issued = await enrol(r);
    await t.system.reportDocument(issued.document!.number, { kind: 'stolen', date: APPLIED }, PSC, {
      idempotencyKey: 'policy-stolen-report',
    });
    const abroad = { kind: 'consulate' as const, office: 'CONS-IST' };
    const impostor = {
      ...r,
      trigger: 'theft' as const,
      channel: abroad,
      fingerprints: syntheticPrints(SEED, 99, 1, ALL),
    };
    expect((await enrol(impostor, CONSULATE)).status).toBe('verification-failed');
    const owner = {
      ...r,
      trigger: 'theft' as const,
      channel: abroad,
      fingerprints: syntheticPrints(SEED, 12, 1, ALL),
    };
    const out = await enrol(owner, CONSULATE);
    expect(out.status).toBe('verified-existing');
    expect(out.document?.kind).toBe('passport');
    expect((await t.system.documentStatus(issued.document!.number, CONSULATE)).status).toBe('stolen');
  });
});
