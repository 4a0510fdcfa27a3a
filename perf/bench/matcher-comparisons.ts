import { comparePrepared, type PreparedTemplate } from '../../sim/matcher/mcc/comparison.ts';

/**
 * The 1:1 workload of the matcher benchmark, shared by the main thread and its workers: every ordered
 * pair of distinct templates, `rounds` times. Returns the comparisons made and a checksum of one round's scores
 * (so that the work cannot be optimised away, and every worker can be checked to do the same).
 * `compare` is the WebAssembly-kernel comparison by default; the benchmark also times the plain
 * JavaScript reference (comparePreparedReference) on the same pairs, as its in-process baseline.
 */
export function comparisonRounds(
  templates: readonly PreparedTemplate[],
  rounds: number,
  compare: (a: PreparedTemplate, b: PreparedTemplate) => number = comparePrepared,
) {
  let count = 0;
  let checksum = 0;
  for (let r = 0; r < rounds; r++) {
    checksum = 0;
    for (let i = 0; i < templates.length; i++)
      for (let j = 0; j < templates.length; j++) {
        if (i === j) continue;
        checksum += compare(templates[i], templates[j]);
        count++;
      }
  }
  return { count, checksum };
}
