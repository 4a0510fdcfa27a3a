import { base, en, Faker } from '@faker-js/faker';
import type { Random } from '../random/index.ts';
import { StreamRandomizer } from './faker-randomizer.ts';
import type { Sex } from './iin.ts';
import {
  KAZAKH_STYLE_PATRONYMICS,
  kazakhNamesLocale,
  russianKazakhstanNamesLocale,
} from './kazakh-locale.ts';
import { toDocumentLatin } from './transliteration.ts';
import { POPULATION_TUNING } from './tuning.ts';

export type NameConvention = 'kazakh' | 'russian';

export interface PersonName {
  surname: string;
  givenName: string;
  patronymic: string | null;
}

/**
 * Draws names through faker with the Kazakhstan locales, faker's randomness coming from the
 * resident's stream. One Faker per convention is built once and shared: building one per resident
 * costs milliseconds.
 */
export class NameDrawer {
  private readonly randomizer = new StreamRandomizer();
  private readonly fakers: Record<NameConvention, Faker> = {
    kazakh: new Faker({ locale: [kazakhNamesLocale, en, base], randomizer: this.randomizer }),
    russian: new Faker({ locale: [russianKazakhstanNamesLocale, en, base], randomizer: this.randomizer }),
  };

  name(random: Random, convention: NameConvention, sex: Sex, birthYear: number): PersonName {
    this.randomizer.use(random);
    const faker = this.fakers[convention];
    const fakerSex = sex === 'M' ? 'male' : 'female';
    return {
      surname: this.surname(faker, fakerSex),
      givenName: faker.person.firstName(fakerSex),
      patronymic: this.patronymic(random, faker, convention, fakerSex, birthYear),
    };
  }

  /** A new surname of the same convention, different from the current one (marriage). */
  otherSurname(random: Random, convention: NameConvention, sex: Sex, current: string): string {
    this.randomizer.use(random);
    const faker = this.fakers[convention];
    for (;;) {
      const s = this.surname(faker, sex === 'M' ? 'male' : 'female');
      if (s !== current) return s;
    }
  }

  /**
   * The locale's surname list by sex. person.lastName() would first resolve last_name_pattern through
   * faker's template parser, which costs more than the rest of the name; the pattern only picks the list.
   */
  private surname(faker: Faker, sex: 'male' | 'female'): string {
    const list = faker.definitions.person.last_name[sex];
    if (!list) throw new Error(`locale has no ${sex} surnames`);
    return faker.helpers.arrayElement(list);
  }

  private patronymic(
    random: Random,
    faker: Faker,
    convention: NameConvention,
    sex: 'male' | 'female',
    birthYear: number,
  ): string | null {
    if (random.bernoulli(POPULATION_TUNING.noPatronymicShare)) return null;
    if (convention === 'kazakh' && random.bernoulli(kazakhStyleShare(birthYear)))
      return faker.helpers.arrayElement(KAZAKH_STYLE_PATRONYMICS[sex]);
    return faker.person.middleName(sex);
  }
}

function kazakhStyleShare(birthYear: number): number {
  const s = POPULATION_TUNING.kazakhStylePatronymic;
  return birthYear >= 2000 ? s.from2000 : birthYear >= 1991 ? s.from1991 : s.before1991;
}

/** Surname and given name as printed in Latin on the resident's documents. */
export function documentLatin(name: PersonName): { surname: string; givenName: string } {
  return { surname: toDocumentLatin(name.surname), givenName: toDocumentLatin(name.givenName) };
}
