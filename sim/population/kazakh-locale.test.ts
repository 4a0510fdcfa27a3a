import { base, en, Faker } from '@faker-js/faker';
import { describe, expect, it } from 'vitest';
import {
  KAZAKH_STYLE_PATRONYMICS,
  kazakhNamesLocale,
  russianKazakhstanNamesLocale,
} from './kazakh-locale.ts';
import { feminineSurname, KAZAKH_SURNAMES, RUSSIAN_SURNAMES, russianPatronymic } from './kazakhstan-names.ts';

describe('Kazakhstan faker locales', () => {
  it('work as faker locales in front of en and base, without English names leaking in', () => {
    const faker = new Faker({ locale: [kazakhNamesLocale, en, base] });
    faker.seed(7);
    const cyrillic = /^[А-ЯЁӘҒҚҢӨҰҮҺІа-яёәғқңөұүһі-]+$/;
    for (let i = 0; i < 200; i++) {
      expect(faker.person.lastName('female')).toMatch(cyrillic);
      expect(faker.person.firstName('male')).toMatch(cyrillic);
      expect(faker.person.middleName('female')).toMatch(/овна$|евна$/);
    }
  });

  it('makes female surnames agree in gender', () => {
    expect(feminineSurname('Нұрланов')).toBe('Нұрланова');
    expect(feminineSurname('Ғабдуллин')).toBe('Ғабдуллина');
    expect(feminineSurname('Соловьёв')).toBe('Соловьёва');
    expect(feminineSurname('Вишневский')).toBe('Вишневская');
    expect(feminineSurname('Шевченко')).toBe('Шевченко');
    const female = new Faker({ locale: [russianKazakhstanNamesLocale, en, base] });
    female.seed(3);
    for (let i = 0; i < 200; i++)
      expect(female.person.lastName('female')).toMatch(/(ова|ева|ёва|ина|ская|енко|чук|мидт|гнер)$/);
    expect(KAZAKH_SURNAMES.map(feminineSurname).every((s) => s.endsWith('а'))).toBe(true);
    expect(RUSSIAN_SURNAMES.length).toBeGreaterThan(50);
  });

  it('forms patronymics in both conventions', () => {
    expect(russianPatronymic('Нұрлан')).toEqual(['Нұрланович', 'Нұрлановна']);
    expect(russianPatronymic('Сергей')).toEqual(['Сергеевич', 'Сергеевна']);
    expect(russianPatronymic('Евгений')).toEqual(['Евгеньевич', 'Евгеньевна']);
    expect(russianPatronymic('Игорь')).toEqual(['Игоревич', 'Игоревна']);
    expect(russianPatronymic('Михаил')).toEqual(['Михайлович', 'Михайловна']);
    expect(KAZAKH_STYLE_PATRONYMICS.male).toContain('Нұрланұлы');
    expect(KAZAKH_STYLE_PATRONYMICS.female).toContain('Нұрланқызы');
  });
});
