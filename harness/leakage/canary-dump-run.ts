import type { CertificationTarget } from '../targets/certification-target.ts';
import { attackSkipped } from './attack.ts';
import type { Canary } from './canary.ts';
import { CANARY_DUMP, type CanaryResult, textCanaries } from './canary-leakage.ts';

/** DEP-PII-03: the canaries searched in a dump of the fingerprint database (plain SQL or archive bytes). */
export async function runCanaryDump(
  target: CertificationTarget,
  canaries: readonly Canary[],
): Promise<Pick<CanaryResult, 'evidence'> & Partial<CanaryResult>> {
  if (!target.readDump)
    return {
      evidence: attackSkipped(CANARY_DUMP, 'the target gives no dump or backup of its fingerprint database'),
    };
  const dump = await target.readDump();
  if (dump.length === 0)
    return { evidence: { ...attackSkipped(CANARY_DUMP, 'the dump is empty'), outcome: 'error' } };
  return textCanaries([{ name: 'dump', content: dump }], canaries, CANARY_DUMP);
}
