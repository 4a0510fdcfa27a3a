import { describe, expect, it } from 'vitest';
import {
  KAZAKH_FEMALE_NAMES,
  KAZAKH_MALE_NAMES,
  KAZAKH_SURNAMES,
  RUSSIAN_SURNAMES,
} from './kazakhstan-names.ts';
import { toDocumentLatin } from './transliteration.ts';

describe('document transliteration', () => {
  it.each([
    ['Ерлан', 'YERLAN'],
    ['Жұлдыз', 'ZHULDYZ'],
    ['Әйгерім', 'AYGERIM'],
    ['Қайрат', 'KAYRAT'],
    ['Шыңғыс', 'SHYNGYS'],
    ['Үміт', 'UMIT'],
    ['Щукин', 'SHCHUKIN'],
    ['Юлия', 'YULIYA'],
    ['Соловьёв', 'SOLOVEV'],
    ['Цой', 'TSOY'],
    ['Хасенов', 'KHASENOV'],
    ['Анна-Мария', 'ANNA-MARIYA'],
  ])('writes %s as %s', (cyrillic, latin) => {
    expect(toDocumentLatin(cyrillic)).toBe(latin);
  });

  it('covers every letter of the name lists', () => {
    for (const name of [
      ...KAZAKH_MALE_NAMES,
      ...KAZAKH_FEMALE_NAMES,
      ...KAZAKH_SURNAMES,
      ...RUSSIAN_SURNAMES,
    ])
      expect(toDocumentLatin(name)).toMatch(/^[A-Z-]+$/);
  });

  it('refuses letters it has no rule for', () => {
    expect(() => toDocumentLatin('Smith')).toThrow(RangeError);
  });
});
