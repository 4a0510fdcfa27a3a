import { describe, expect, it } from 'vitest';
import { population } from '../../sim/population/index.ts';
import { describeErrors, schemaValidator } from './validate.ts';

const validate = schemaValidator('resident.schema.json');
const residents = [...population({ seed: 'schema', count: 3000 })];

describe('resident.schema.json', () => {
  it('accepts generated residents', () => {
    const bad = residents.filter((r) => !validate(r)).map(() => describeErrors(validate.errors));
    expect(bad.slice(0, 3)).toEqual([]);
  });

  it('covers every optional shape: documents of all statuses, events of all kinds, missing fingers', () => {
    const statuses = new Set(residents.flatMap((r) => r.documents.map((d) => d.status)));
    const events = new Set(residents.flatMap((r) => r.events.map((e) => e.type)));
    expect(statuses.size).toBeGreaterThanOrEqual(5);
    expect(events.size).toBeGreaterThanOrEqual(4);
    expect(residents.some((r) => r.fingers.unavailable.length > 0)).toBe(true);
    expect(residents.some((r) => r.patronymic === null)).toBe(true);
  });

  it.each([
    ['a short IIN', { iin: '12345' }],
    ['an unknown field', { nickname: 'x' }],
    ['a Latin name in lower case', { latin: { surname: 'ahmetov', givenName: 'NURLAN' } }],
    ['an unknown status', { status: 'tourist' }],
    ['a finger position 11', { fingers: { available: [11], unavailable: [] } }],
    ['an impossible birth date', { birthDate: '2001-02-30' }],
    [
      'a passport number in ID card format',
      {
        documents: [
          {
            kind: 'passport',
            number: '012345678',
            issued: '2020-01-01',
            expires: '2029-12-31',
            status: 'valid',
          },
        ],
      },
    ],
    ['an event of unknown type', { events: [{ type: 'abducted', date: '2020-01-01' }] }],
  ])('rejects %s', (_, change) => {
    expect(validate({ ...residents[0], ...change })).toBe(false);
  });
});
