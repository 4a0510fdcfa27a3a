import { type Resident, ResidentFactory } from '../../sim/population/index.ts';

/** The population is too small for what the suites ask: the user raises --population. */
export class PopulationExhausted extends Error {
  override name = 'PopulationExhausted';
}

/**
 * Synthetic residents of one (seed, as-of) population, handed out in index order, each at most once
 * per run, so that suites never enrol the same person twice by accident. Suites ask in a fixed order
 * (the runner's), so the same seed gives every suite the same people.
 */
export class ResidentPool {
  private readonly factory: ResidentFactory;
  private readonly used = new Set<number>();
  private cursor = 0;

  constructor(
    seed: string,
    readonly asOf: string,
    /** How many residents of the population may be looked at (`--population`). */
    readonly size: number,
  ) {
    this.factory = new ResidentFactory(seed, asOf);
  }

  /** `n` unused residents matching `accept`, in population order; `purpose` names the asker in errors. */
  take(n: number, accept: (r: Resident) => boolean, purpose: string): Resident[] {
    const out: Resident[] = [];
    for (let k = this.cursor; k < this.size && out.length < n; k++) {
      if (this.used.has(k)) continue;
      const r = this.factory.resident(k);
      if (!accept(r)) continue;
      this.used.add(k);
      out.push(r);
    }
    while (this.used.has(this.cursor)) this.cursor++;
    if (out.length < n)
      throw new PopulationExhausted(
        `${purpose} needs ${n} residents of its kind but the population of ${this.size} has only ${out.length} unused: raise --population`,
      );
    return out;
  }

  /** One unused resident matching `accept`. */
  one(accept: (r: Resident) => boolean, purpose: string): Resident {
    return this.take(1, accept, purpose)[0];
  }
}
