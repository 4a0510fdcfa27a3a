import { DACTYLO_VERSION } from '../runtime/version.ts';
import { type Resident, ResidentFactory } from './resident.ts';
import { POPULATION_TUNING } from './tuning.ts';

export interface PopulationOptions {
  seed: string | number;
  count: number;
  asOf?: string;
  /** First resident index (for splitting a population across workers); default 0. */
  start?: number;
}

/** First NDJSON line of a population file: what generated it, so that it can be regenerated. */
export interface PopulationHeader {
  kind: 'dactylo-population';
  version: string;
  seed: string;
  asOf: string;
  count: number;
}

/**
 * Streams residents start..start+count-1 one at a time: memory stays flat however many are asked for.
 * The sequence is the same whatever the chunking, since each resident depends on its index alone.
 */
export function* population(options: PopulationOptions): Generator<Resident> {
  const factory = new ResidentFactory(options.seed, options.asOf ?? POPULATION_TUNING.defaultAsOf);
  const start = options.start ?? 0;
  checkCount(factory, start, options.count);
  for (let k = start; k < start + options.count; k++) yield factory.resident(k);
}

export function populationHeader(options: PopulationOptions): PopulationHeader {
  const factory = new ResidentFactory(options.seed, options.asOf ?? POPULATION_TUNING.defaultAsOf);
  return {
    kind: 'dactylo-population',
    version: DACTYLO_VERSION,
    seed: factory.seed,
    asOf: factory.asOf,
    count: options.count,
  };
}

/** The population as NDJSON lines: the header, then one resident per line. */
export function* populationNdjson(options: PopulationOptions): Generator<string> {
  yield `${JSON.stringify(populationHeader(options))}\n`;
  for (const r of population(options)) yield `${JSON.stringify(r)}\n`;
}

/** Largest population a seed and as-of date can hold with unique IINs and document numbers. */
export function populationCapacity(
  seed: string | number,
  asOf: string = POPULATION_TUNING.defaultAsOf,
): number {
  return new ResidentFactory(seed, asOf).capacity;
}

function checkCount(factory: ResidentFactory, start: number, count: number): void {
  if (!(Number.isSafeInteger(start) && start >= 0 && Number.isSafeInteger(count) && count >= 0))
    throw new RangeError(`population range needs whole numbers >= 0, got start ${start}, count ${count}`);
  if (start + count > factory.capacity)
    throw new RangeError(`population of ${start + count} exceeds the capacity of ${factory.capacity}`);
}
