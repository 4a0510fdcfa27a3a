import type { LocaleDefinition } from '@faker-js/faker';
import {
  feminineSurname,
  KAZAKH_FEMALE_NAMES,
  KAZAKH_MALE_NAMES,
  KAZAKH_SURNAMES,
  kazakhPatronymic,
  RUSSIAN_FEMALE_NAMES,
  RUSSIAN_MALE_NAMES,
  RUSSIAN_SURNAMES,
  russianPatronymic,
} from './kazakhstan-names.ts';

/**
 * Custom @faker-js/faker locales for Kazakhstan's residents: use as
 * `new Faker({ locale: [kazakhNamesLocale, en, base] })`. Kazakhstan's residents carry either Kazakh
 * names (Kazakhs and most Turkic peoples) or Russian ones (Russians, Ukrainians, Germans, Koreans), so
 * the two conventions are two locales and the population chooses between them in realistic proportion
 * (names.ts); mixing both in one list would pair a Kazakh given name with a Russian surname.
 *
 * middle_name holds the Russian-style patronymic (-ович/-овна), which most documents still carry;
 * KAZAKH_STYLE_PATRONYMICS the Kazakh style (-ұлы/-қызы). last_name.female is derived from last_name.male
 * so that female surnames always agree in gender.
 */

function personDefinition(
  male: readonly string[],
  female: readonly string[],
  surnames: readonly string[],
  fathers: readonly string[],
) {
  return {
    sex: ['Ер', 'Әйел'],
    first_name: { male: [...male], female: [...female] },
    last_name: { male: [...surnames], female: surnames.map(feminineSurname) },
    last_name_pattern: {
      male: [{ weight: 1, value: '{{person.last_name.male}}' }],
      female: [{ weight: 1, value: '{{person.last_name.female}}' }],
    },
    middle_name: {
      male: fathers.map((f) => russianPatronymic(f)[0]),
      female: fathers.map((f) => russianPatronymic(f)[1]),
    },
  };
}

const metadata = (code: string, title: string) => ({
  title,
  code,
  country: 'KZ',
  language: code.slice(0, 2),
  endonym: title,
  dir: 'ltr' as const,
  script: 'Cyrl' as const,
});

/** Kazakh names in Kazakh Cyrillic, as written in Kazakhstan's documents. */
export const kazakhNamesLocale: LocaleDefinition = {
  metadata: metadata('kk_KZ', 'Қазақ тілі (Қазақстан)'),
  person: personDefinition(KAZAKH_MALE_NAMES, KAZAKH_FEMALE_NAMES, KAZAKH_SURNAMES, KAZAKH_MALE_NAMES),
};

/** Russian names as borne by Kazakhstan's residents of Slavic and European descent. */
export const russianKazakhstanNamesLocale: LocaleDefinition = {
  metadata: metadata('ru_KZ', 'Русский (Казахстан)'),
  person: personDefinition(RUSSIAN_MALE_NAMES, RUSSIAN_FEMALE_NAMES, RUSSIAN_SURNAMES, RUSSIAN_MALE_NAMES),
};

/** Kazakh-style patronymics (-ұлы/-қызы) for the Kazakh locale, by sex. */
export const KAZAKH_STYLE_PATRONYMICS = {
  male: KAZAKH_MALE_NAMES.map((f) => kazakhPatronymic(f)[0]),
  female: KAZAKH_MALE_NAMES.map((f) => kazakhPatronymic(f)[1]),
} as const;
