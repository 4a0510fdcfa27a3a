import { canonicalSeed, type Random, stream } from '../random/index.ts';
import { MAX_AGE } from './age-pyramid.ts';
import { civilOf, isoOf, parseIso } from './calendar.ts';
import { DOCUMENT_NUMBER_CAPACITY, DocumentNumbers, type IdentityDocument } from './documents.ts';
import { drawFingerAvailability, type FingerAvailability } from './finger-availability.ts';
import type { Sex } from './iin.ts';
import { type IdentitySlot, IinAllocator } from './iin-allocation.ts';
import {
  FOREIGN_CITIZENSHIP_WEIGHTS,
  FOREIGN_CITIZENSHIPS,
  LEGAL_STATUS_WEIGHTS,
  LEGAL_STATUSES,
  type LegalStatus,
  SLAVIC_NAMED_CITIZENSHIPS,
} from './legal-status.ts';
import { type Life, type LifeEvent, liveLife } from './life-events.ts';
import { documentLatin, type NameConvention, NameDrawer, type PersonName } from './names.ts';
import { REGION_WEIGHTS, REGIONS } from './regions.ts';
import { POPULATION_TUNING } from './tuning.ts';
import { WeightedTable } from './weighted-table.ts';

/** Sees each stage's result while a resident is made (see ResidentFactory.resident). */
export type ResidentObserver = (
  stage: 'identity' | 'status' | 'name' | 'region' | 'fingers' | 'life',
  data: unknown,
) => void;

/** One synthetic resident of Kazakhstan as of a date. Carries PII: keep it in the registry's vault. */
export interface Resident {
  /** Position k in the population of its seed: the resident is regenerated from (seed, as-of, k). */
  index: number;
  iin: string;
  surname: string;
  givenName: string;
  patronymic: string | null;
  /** Names as printed in Latin on the documents. */
  latin: { surname: string; givenName: string };
  sex: Sex;
  birthDate: string;
  /** ISO 3166-2:KZ code of the region or city of republican significance of residence. */
  region: string;
  status: LegalStatus;
  /** ISO 3166-1 alpha-3 citizenship; null for stateless persons. */
  citizenship: string | null;
  documents: IdentityDocument[];
  /** Which ISO/IEC 19794-2 finger positions can be captured, and why the others cannot. */
  fingers: FingerAvailability;
  events: LifeEvent[];
}

/**
 * Makes residents of one (seed, as-of) population. Resident k depends only on the seed, the as-of date
 * and k: its own stream (seed, "resident", k) for everything but the identity slot, which comes from
 * the IIN allocator's per-window streams (see iin-allocation.ts). Any k, in any order, on any worker.
 */
export class ResidentFactory {
  readonly seed: string;
  readonly asOf: string;
  /** How many residents this population can hold with unique IINs and document numbers. */
  readonly capacity: number;
  private readonly asOfDay: number;
  private readonly iins: IinAllocator;
  private readonly numbers: DocumentNumbers;
  private readonly names = new NameDrawer();

  constructor(seed: string | number, asOf: string = POPULATION_TUNING.defaultAsOf) {
    this.seed = canonicalSeed(seed);
    this.asOf = asOf;
    this.asOfDay = parseIso(asOf);
    const year = civilOf(this.asOfDay)[0];
    // IIN century digits cover births 1800–2099, and residents are up to MAX_AGE years old.
    if (year < 1800 + MAX_AGE + 1 || year > 2099)
      throw new RangeError(`as-of date must fall in ${1800 + MAX_AGE + 1}–2099, got ${asOf}`);
    this.iins = new IinAllocator(this.seed, this.asOfDay);
    this.numbers = new DocumentNumbers(this.seed);
    this.capacity = Math.min(this.iins.capacity, DOCUMENT_NUMBER_CAPACITY);
  }

  /**
   * Resident k, stage by stage. `observe`, when given, sees every intermediate (the identity slot,
   * status, names, region, fingers, life) as it is made, so that a stage can be inspected or tested.
   */
  resident(k: number, observe?: ResidentObserver): Resident {
    const identity = this.iins.slot(k);
    observe?.('identity', identity);
    const random = stream(this.seed, 'resident', k);
    const status = LEGAL_STATUSES[STATUS_TABLE.draw(random)];
    const citizenship = this.citizenship(random, status);
    observe?.('status', { status, citizenship });
    const convention = nameConvention(random, citizenship);
    const name = this.names.name(random, convention, identity.sex, civilOf(identity.birthDay)[0]);
    observe?.('name', { convention, ...name });
    const region = REGIONS[REGION_TABLE.draw(random)].code;
    observe?.('region', region);
    const fingers = drawFingerAvailability(random);
    observe?.('fingers', fingers);
    const life = liveLife(
      random,
      {
        index: k,
        birthDay: identity.birthDay,
        sex: identity.sex,
        status,
        asOfDay: this.asOfDay,
        surnameAtBirth: name.surname,
      },
      this.numbers,
      () => this.names.otherSurname(random, convention, identity.sex, name.surname),
    );
    observe?.('life', life);
    return assemble(
      k,
      identity,
      { ...name, surname: life.surname },
      { region, status, citizenship, fingers, life },
    );
  }

  private citizenship(random: Random, status: LegalStatus): string | null {
    if (status === 'citizen') return 'KAZ';
    if (status === 'stateless') return null;
    return FOREIGN_CITIZENSHIPS[CITIZENSHIP_TABLE.draw(random)];
  }
}

function assemble(
  index: number,
  identity: IdentitySlot,
  name: PersonName,
  rest: {
    region: string;
    status: LegalStatus;
    citizenship: string | null;
    fingers: FingerAvailability;
    life: Life;
  },
): Resident {
  return {
    index,
    iin: identity.iin,
    surname: name.surname,
    givenName: name.givenName,
    patronymic: name.patronymic,
    latin: documentLatin(name),
    sex: identity.sex,
    birthDate: isoOf(identity.birthDay),
    region: rest.region,
    status: rest.status,
    citizenship: rest.citizenship,
    documents: rest.life.documents,
    fingers: rest.fingers,
    events: rest.life.events,
  };
}

function nameConvention(random: Random, citizenship: string | null): NameConvention {
  if (citizenship !== null && citizenship !== 'KAZ')
    return SLAVIC_NAMED_CITIZENSHIPS.has(citizenship) ? 'russian' : 'kazakh';
  return random.bernoulli(POPULATION_TUNING.russianNameShare) ? 'russian' : 'kazakh';
}

const STATUS_TABLE = new WeightedTable(LEGAL_STATUS_WEIGHTS);
const CITIZENSHIP_TABLE = new WeightedTable(FOREIGN_CITIZENSHIP_WEIGHTS);
const REGION_TABLE = new WeightedTable(REGION_WEIGHTS);

let lastFactory: ResidentFactory | undefined;

/** Resident k of the population (seed, as-of), generated alone. */
export function generateResident(
  seed: string | number,
  k: number,
  asOf: string = POPULATION_TUNING.defaultAsOf,
): Resident {
  // One factory is kept, for the last (seed, as-of): callers asking for many residents reuse it.
  if (lastFactory?.seed !== canonicalSeed(seed) || lastFactory.asOf !== asOf)
    lastFactory = new ResidentFactory(seed, asOf);
  return lastFactory.resident(k);
}
