import type { Randomizer } from '@faker-js/faker';
import { type Random, stream } from '../random/index.ts';

/**
 * A faker Randomizer that draws from our current stream, so that faker's choices come from the
 * resident's own addressable stream: deterministic, independent of generation order, and cheap
 * (faker's own seed() rebuilds a Mersenne Twister: about 40 µs, too slow per resident).
 */
export class StreamRandomizer implements Randomizer {
  private current: Random = stream('faker', 'unset');

  /** Makes faker draw from `random` until the next call. */
  use(random: Random): void {
    this.current = random;
  }

  // Arrow properties: faker calls these detached from the object.
  next = (): number => this.current.float();

  seed = (seed: number | number[]): void => {
    this.current = stream('faker', ...(Array.isArray(seed) ? seed : [seed]).map((s) => Math.trunc(s)));
  };
}
