export { AGE_BAND_TARGETS, AGE_PYRAMID, MAX_AGE } from './age-pyramid.ts';
export { ageOn, isoOf, parseIso } from './calendar.ts';
export {
  type DocumentKind,
  type DocumentStatus,
  type IdentityDocument,
  isDocumentNumber,
  PRIMARY_DOCUMENT,
} from './documents.ts';
export type { FingerAvailability, FingerUnavailability } from './finger-availability.ts';
export {
  centuryDigit,
  formatIin,
  type IinFailure,
  type IinValidation,
  iinCheckDigit,
  type Sex,
  validateIin,
} from './iin.ts';
export { kazakhNamesLocale, russianKazakhstanNamesLocale } from './kazakh-locale.ts';
export { LEGAL_STATUS_SHARES, LEGAL_STATUSES, type LegalStatus } from './legal-status.ts';
export type { LifeEvent } from './life-events.ts';
export {
  type PopulationHeader,
  type PopulationOptions,
  population,
  populationCapacity,
  populationHeader,
  populationNdjson,
} from './population.ts';
export {
  type AgeBand,
  ageBandOf,
  PopulationSummarizer,
  type PopulationSummary,
} from './population-summary.ts';
export { REGIONS, type Region } from './regions.ts';
export { generateResident, type Resident, ResidentFactory, type ResidentObserver } from './resident.ts';
export { POPULATION_TUNING } from './tuning.ts';
