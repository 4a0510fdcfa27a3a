import { describe, expect, it } from 'vitest';
import { DOCUMENT_NUMBER_CAPACITY, DocumentNumbers, isDocumentNumber } from './documents.ts';

describe('document numbers', () => {
  const numbers = new DocumentNumbers('docs');

  it('have the real formats: ID card and permits 9 digits, passport N + 8 digits', () => {
    expect(numbers.number('id-card', 0, 0)).toMatch(/^\d{9}$/);
    expect(numbers.number('residence-permit', 5, 1)).toMatch(/^\d{9}$/);
    expect(numbers.number('stateless-certificate', 5, 2)).toMatch(/^\d{9}$/);
    expect(numbers.number('passport', 7, 0)).toMatch(/^N\d{8}$/);
    expect(isDocumentNumber('passport', 'N01234567')).toBe(true);
    expect(isDocumentNumber('passport', '012345678')).toBe(false);
    expect(isDocumentNumber('id-card', '01234567')).toBe(false);
  });

  it('never repeat across residents and ordinals, up to the last resident of the capacity', () => {
    const cards = new Set<string>();
    const passports = new Set<string>();
    const residents = [...Array(5000).keys()].concat([DOCUMENT_NUMBER_CAPACITY - 1]);
    for (const k of residents)
      for (let j = 0; j < 4; j++) {
        cards.add(numbers.number('id-card', k, j));
        passports.add(numbers.number('passport', k, j));
      }
    expect(cards.size).toBe(residents.length * 4);
    expect(passports.size).toBe(residents.length * 4);
  });

  it('depend on the seed', () => {
    expect(new DocumentNumbers('other').number('id-card', 0, 0)).not.toBe(numbers.number('id-card', 0, 0));
  });
});
