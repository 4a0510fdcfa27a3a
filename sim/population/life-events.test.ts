import { describe, expect, it } from 'vitest';
import { addYears, isoOf, parseIso } from './calendar.ts';
import type { LegalStatus } from './legal-status.ts';
import { type Resident, ResidentFactory } from './resident.ts';

const AS_OF = '2025-01-01';
const factory = new ResidentFactory('life', AS_OF);
const residents: Resident[] = Array.from({ length: 20_000 }, (_, k) => factory.resident(k));

/** Residents (by index) for which `broken` names a problem; expect() per item would be too slow. */
function violations(check: (r: Resident) => string | undefined): string[] {
  const found: string[] = [];
  for (const r of residents) {
    const problem = check(r);
    if (problem) found.push(`${r.index}: ${problem}`);
  }
  return found.slice(0, 5);
}

const eventDate = (r: Resident, type: string) => r.events.find((e) => e.type === type)?.date;
const KINDS: Record<LegalStatus, string[]> = {
  citizen: ['id-card', 'passport'],
  'foreign-permanent-resident': ['residence-permit'],
  stateless: ['stateless-certificate'],
};

describe('life events and documents', () => {
  it('happen after birth and no later than the as-of date, in order', () => {
    expect(
      violations((r) => {
        const dates = r.events.map((e) => e.date);
        if (dates.join() !== [...dates].sort().join()) return 'events out of order';
        return dates.find((d) => d <= r.birthDate || d > AS_OF);
      }),
    ).toEqual([]);
  });

  it('give 10-year documents, ID cards from 16 only, none after death or moving abroad', () => {
    expect(
      violations((r) => {
        const died = eventDate(r, 'died');
        const left = eventDate(r, 'moved-abroad');
        const sixteen = isoOf(addYears(parseIso(r.birthDate), 16));
        for (const d of r.documents) {
          if (d.expires !== isoOf(addYears(parseIso(d.issued), 10) - 1)) return `${d.number} validity`;
          if (d.issued > AS_OF) return `${d.number} issued after as-of`;
          if (d.kind === 'id-card' && d.issued < sixteen) return `${d.number} ID card before 16`;
          if ((died && d.issued >= died) || (left && d.issued >= left))
            return `${d.number} issued after leaving`;
          if (!KINDS[r.status].includes(d.kind)) return `${d.kind} for ${r.status}`;
        }
      }),
    ).toEqual([]);
  });

  it('records a status consistent with the events: lost, stolen, expired, invalidated on death', () => {
    const has = (r: Resident, type: string, date: string | undefined, number: string) =>
      r.events.some((e) => e.type === type && e.date === date && 'document' in e && e.document === number);
    expect(
      violations((r) => {
        for (const d of r.documents) {
          if (
            (d.status === 'lost' || d.status === 'stolen') &&
            !has(r, `document-${d.status}`, d.statusDate, d.number)
          )
            return `${d.number} ${d.status} without event`;
          if (d.status === 'expired' && !has(r, 'document-expired', isoOf(parseIso(d.expires) + 1), d.number))
            return `${d.number} expired without event`;
          if (d.status === 'invalidated' && d.statusDate !== eventDate(r, 'died'))
            return `${d.number} invalidated alive`;
          if (d.status === 'valid' && d.expires < AS_OF) return `${d.number} valid after expiry`;
        }
      }),
    ).toEqual([]);
  });

  it('changes surnames on marriage for women only, recording the old one', () => {
    const married = residents.filter((r) => r.events.some((e) => e.type === 'name-changed'));
    expect(married.length).toBeGreaterThan(1000);
    expect(
      violations((r) => {
        const e = r.events.find((x) => x.type === 'name-changed');
        if (e?.type !== 'name-changed') return undefined;
        if (r.sex !== 'F') return 'a man changed name';
        if (e.surname !== r.surname || e.previousSurname === r.surname) return 'surnames do not follow';
      }),
    ).toEqual([]);
  });

  it('includes every kind of event somewhere in the population', () => {
    const kinds = new Set(residents.flatMap((r) => r.events.map((e) => e.type)));
    expect([...kinds].sort()).toEqual([
      'died',
      'document-expired',
      'document-lost',
      'document-stolen',
      'moved-abroad',
      'name-changed',
    ]);
  });

  it('leaves most adult citizens with a valid ID card and children under 16 without one', () => {
    const asOf = parseIso(AS_OF);
    const here = (r: Resident) => r.events.every((e) => e.type !== 'died' && e.type !== 'moved-abroad');
    const adults = residents.filter(
      (r) => r.status === 'citizen' && addYears(parseIso(r.birthDate), 17) <= asOf && here(r),
    );
    const withId = adults.filter((r) =>
      r.documents.some((d) => d.kind === 'id-card' && d.status === 'valid'),
    );
    expect(withId.length / adults.length).toBeGreaterThan(0.85);
    const children = residents.filter((r) => addYears(parseIso(r.birthDate), 16) > asOf);
    expect(children.length).toBeGreaterThan(5000);
    expect(children.filter((r) => r.documents.some((d) => d.kind === 'id-card'))).toEqual([]);
  });
});
