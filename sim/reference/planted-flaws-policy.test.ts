import { afterAll, describe, expect, it } from 'vitest';
import { addDays, birthday } from '../enrollment/age.ts';
import {
  a,
  agedApplicant,
  b,
  CHILD_BORN,
  c,
  d,
  flawedSystems,
  key,
  linkOf,
  request,
  TEEN_BORN,
} from './planted-flaws.test-helper.ts';
import { count, PSC } from './reference-test-system.test-helper.ts';

/** Flaws in the enrolment policy: prints stored that the rules forbid, or duplicates let through. */
const { system, dropAll } = flawedSystems();
afterAll(dropAll, 300_000);

describe('flaws in the enrolment policy', () => {
  it('under-12-prints-stored: an exempt child’s offered prints are enrolled', async () => {
    const applied = addDays(birthday(CHILD_BORN, 12), -30);
    const child = agedApplicant(d, CHILD_BORN, { applicationDate: applied });
    const t = await system('under-12-prints-stored');
    const out = await t.system.enrol(child, PSC, { idempotencyKey: key() });
    expect(out.status).toBe('exempt');
    expect(out.fingersCaptured).toHaveLength(10);
    const subject = await linkOf(t, child.applicant.iin);
    expect(subject).toBeDefined();
    expect(await count(t, 'vault.templates', `subject_id = '${subject}'`)).toBe(10);

    const clean = await system('clean');
    const before = await count(clean, 'vault.templates');
    const exempt = await clean.system.enrol(child, PSC, { idempotencyKey: key() });
    expect(exempt).toMatchObject({ status: 'exempt', fingersCaptured: [] });
    expect(await count(clean, 'vault.templates')).toBe(before);
    expect(await linkOf(clean, child.applicant.iin)).toBeUndefined();
  }, 600_000);

  it('no-consent-12-16: a 13-year-old without a guardian’s consent is enrolled', async () => {
    const applied = addDays(birthday(TEEN_BORN, 13), 10);
    const teen = agedApplicant(c, TEEN_BORN, { applicationDate: applied, guardianConsent: false });
    const t = await system('no-consent-12-16');
    const out = await t.system.enrol(teen, PSC, { idempotencyKey: key() });
    expect(out.status).toBe('enrolled');
    expect(await count(t, 'vault.templates', `subject_id = '${await linkOf(t, teen.applicant.iin)}'`)).toBe(
      10,
    );

    const clean = await system('clean');
    const declined = await clean.system.enrol(teen, PSC, { idempotencyKey: key() });
    expect(declined).toMatchObject({ status: 'voluntary-declined', fingersCaptured: [] });
  }, 600_000);

  it('deduplication-off: a second identity with the same fingers under another IIN is enrolled', async () => {
    const fake = request(b, { fingersOf: a.index, impression: 2 });
    const t = await system('deduplication-off');
    await t.system.enrol(request(a), PSC, { idempotencyKey: key() });
    expect((await t.system.enrol(fake, PSC, { idempotencyKey: key() })).status).toBe('enrolled');
    expect(await count(t, 'registry.subject_links')).toBe(2);
    expect(t.system.metrics().dedup_searches_total ?? 0).toBe(0);

    const clean = await system('clean');
    await clean.system.enrol(request(a), PSC, { idempotencyKey: key() });
    const blocked = await clean.system.enrol(request(d, { fingersOf: a.index, impression: 2 }), PSC, {
      idempotencyKey: key(),
    });
    expect(blocked.status).toBe('blocked-duplicate');
  }, 600_000);
});
