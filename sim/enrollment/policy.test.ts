import { describe, expect, it } from 'vitest';
import { addDays, birthday } from './age.ts';
import type { Application } from './application.ts';
import { decide } from './policy.ts';
import { POLICY_RULES } from './rules.ts';

const BORN = '2008-02-29';

function application(
  overrides: Partial<Application> = {},
  applicant: Partial<Application['applicant']> = {},
): Application {
  return {
    applicationDate: '2025-06-01',
    channel: 'psc',
    document: 'id-card',
    trigger: 'first-issue',
    existingEnrolment: null,
    ...overrides,
    applicant: { birthDate: '1990-05-05', status: 'citizen', missingFingers: [], ...applicant },
  };
}

const on = (date: string, extra: Partial<Application> = {}) =>
  decide(application({ applicationDate: date, ...extra }, { birthDate: BORN }));

describe('age boundaries (POL-AGE-01, POL-AGE-02)', () => {
  it('exempts a child the day before the 12th birthday (11 years 364 days) and stores nothing', () => {
    const d = on(addDays(birthday(BORN, 12), -1), { guardianConsent: true });
    expect(d.outcome).toBe('exempt-age');
    expect(d.capture).toBe(false);
    expect(d.storePrints).toBe(false);
    expect(d.documentProceeds).toBe(true);
  });

  it('makes capture voluntary from the 12th birthday: consent ⇒ enrol, none ⇒ declined', () => {
    expect(on(birthday(BORN, 12), { guardianConsent: true }).outcome).toBe('enrol');
    const declined = on(birthday(BORN, 12));
    expect(declined.outcome).toBe('voluntary-declined');
    expect(declined.storePrints).toBe(false);
    expect(declined.refusalRecord).toBe(false);
    expect(declined.documentProceeds).toBe(true);
  });

  it('keeps it voluntary the day before the 16th birthday and mandatory on it', () => {
    expect(on(addDays(birthday(BORN, 16), -1)).outcome).toBe('voluntary-declined');
    expect(on(birthday(BORN, 16)).outcome).toBe('enrol');
    const refused = on(birthday(BORN, 16), { refuses: true });
    expect(refused.outcome).toBe('refused');
    expect(refused.refusalRecord).toBe(true);
    expect(refused.documentProceeds).toBe(false);
    expect(refused.storePrints).toBe(false);
  });

  it('lets a 15-year-old with consent still refuse without liability', () => {
    const d = on(addDays(birthday(BORN, 16), -1), { guardianConsent: true, refuses: true });
    expect(d.outcome).toBe('voluntary-declined');
    expect(d.refusalRecord).toBe(false);
  });
});

describe('who is covered (POL-WHO-01)', () => {
  it('fingerprints citizens, permanent residents and stateless persons, not temporary residents', () => {
    expect(decide(application({}, { status: 'citizen' })).outcome).toBe('enrol');
    expect(
      decide(application({ document: 'residence-permit' }, { status: 'permanent-resident' })).outcome,
    ).toBe('enrol');
    expect(decide(application({ document: 'stateless-certificate' }, { status: 'stateless' })).outcome).toBe(
      'enrol',
    );
    expect(decide(application({}, { status: 'temporary-resident' })).outcome).toBe('not-covered');
  });
});

describe('fingers (POL-MIS-01, POL-EXM-01) and injuries (POL-PST-01)', () => {
  it('enrols the fingers that exist and records the missing ones with their reason', () => {
    const d = decide(
      application(
        {},
        {
          missingFingers: [
            { position: 2, reason: 'amputation' },
            { position: 7, reason: 'bandage' },
          ],
        },
      ),
    );
    expect(d.outcome).toBe('enrol');
    expect(d.fingersToCapture).toEqual([1, 3, 4, 5, 6, 8, 9, 10]);
    expect(d.missingFingers.map((m) => m.reason)).toEqual(['amputation', 'bandage']);
    expect(d.rules).toContain('POL-MIS-01');
  });

  it('exempts a person with no papillary pattern on any finger', () => {
    const missingFingers = Array.from({ length: 10 }, (_, i) => ({
      position: (i + 1) as 1,
      reason: 'no-pattern' as const,
    }));
    expect(decide(application({}, { missingFingers })).outcome).toBe('exempt-no-patterns');
  });

  it('postpones capture for a temporary hand injury', () => {
    const d = decide(application({}, { handInjury: true }));
    expect(d.outcome).toBe('postponed');
    expect(d.capture).toBe(false);
  });
});

describe('already enrolled (POL-VER-01) and recovery (POL-REC-01)', () => {
  it('verifies 1:1 instead of re-enrolling when good prints exist', () => {
    const d = decide(application({ trigger: 'expiry', existingEnrolment: { quality: 'good' } }));
    expect(d.outcome).toBe('verify');
    expect(d.verify).toBe(true);
    expect(d.deduplicate).toBe(false);
  });

  it('re-enrols with deduplication when the stored prints are poor', () => {
    const d = decide(application({ trigger: 'name-change', existingEnrolment: { quality: 'poor' } }));
    expect(d.outcome).toBe('enrol');
    expect(d.deduplicate).toBe(true);
  });

  it('re-issues a lost or stolen document only after a 1:1 verification, also at a consulate', () => {
    for (const trigger of ['loss', 'theft'] as const) {
      const d = decide(
        application({ trigger, channel: 'consulate', existingEnrolment: { quality: 'poor' } }),
      );
      expect(d.verify).toBe(true);
      expect(d.rules).toContain('POL-REC-01');
    }
  });

  it('deduplicates every new enrolment', () => {
    expect(decide(application()).rules).toContain('POL-DUP-01');
  });
});

describe('rule catalogue', () => {
  it('has unique IDs and ends with a rule that applies to everything', () => {
    const ids = POLICY_RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(POLICY_RULES.at(-1)?.applies(application())).toBe(true);
  });
});
