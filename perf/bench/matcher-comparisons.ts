import { comparePrepared, type PreparedTemplate } from '../../sim/matcher/mcc/comparison.ts';

/**
 * The 1:1 workload of the matcher benchmark, shared by the main thread and its workers: every ordered
 * pair of distinct templates, `rounds` times. Returns the comparisons made and a checksum of the scores
 * (so that the work cannot be optimised away, and every worker can be checked to do the same).
 */
export function comparisonRounds(templates: readonly PreparedTemplate[], rounds: number) {
  let count = 0;
  let checksum = 0;
  for (let r = 0; r < rounds; r++)
    for (let i = 0; i < templates.length; i++)
      for (let j = 0; j < templates.length; j++) {
        if (i === j) continue;
        checksum += comparePrepared(templates[i], templates[j]);
        count++;
      }
  return { count, checksum };
}
