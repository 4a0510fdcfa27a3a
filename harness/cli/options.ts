import { InvalidArgumentError } from 'commander';
import { canonicalSeed } from '../../sim/random/index.ts';

/** commander parser for a whole number within [min, max]. */
export function integerOption(name: string, min: number, max = Number.MAX_SAFE_INTEGER) {
  return (value: string): number => {
    if (!/^[+-]?\d+$/.test(value.trim()))
      throw new InvalidArgumentError(`${name} must be a whole number, got '${value}'`);
    const n = Number(value);
    if (!Number.isSafeInteger(n) || n < min || n > max) {
      const range = max === Number.MAX_SAFE_INTEGER ? `at least ${min}` : `between ${min} and ${max}`;
      throw new InvalidArgumentError(`${name} must be ${range}, got ${value}`);
    }
    return n;
  };
}

export function seedOption(value: string): string {
  try {
    return canonicalSeed(value);
  } catch (e) {
    throw new InvalidArgumentError((e as Error).message);
  }
}

/** A calendar date YYYY-MM-DD that really exists (no 2023-02-30). */
export function dateOption(name: string) {
  return (value: string): string => {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
    const d = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : null;
    if (!m || !d || d.toISOString().slice(0, 10) !== value) {
      throw new InvalidArgumentError(`${name} must be a date YYYY-MM-DD, got '${value}'`);
    }
    return value;
  };
}

/** An inclusive integer range "a-b" or a single "a", within [min, max]; returns the members. */
export function rangeOption(name: string, min: number, max: number) {
  return (value: string): number[] => {
    const m = /^(\d+)(?:-(\d+))?$/.exec(value.trim());
    const lo = m ? Number(m[1]) : Number.NaN;
    const hi = m ? Number(m[2] ?? m[1]) : Number.NaN;
    if (!m || lo < min || hi > max || lo > hi) {
      throw new InvalidArgumentError(
        `${name} must be a range within ${min}-${max} such as '1-10' or '3', got '${value}'`,
      );
    }
    return Array.from({ length: hi - lo + 1 }, (_, i) => lo + i);
  };
}
