import type { CertificationTarget } from '../targets/certification-target.ts';
import { ContractViolation } from '../targets/reference-api-client.ts';

/**
 * Asks the target who it is (getContractInfo, public) before any suite runs. Null when it answers
 * as the contract says; else one sentence saying why nothing can be tested through its API — it is
 * unreachable, answers garbage, or answers something the contract does not allow.
 */
export async function probeTarget(target: CertificationTarget): Promise<string | null> {
  try {
    const res = await target.client().getContractInfo();
    if (res.status !== 200)
      return `the target's API answered GET /v1/contract with HTTP ${res.status} instead of 200 (${snippet(res.raw)})`;
    return null;
  } catch (e) {
    if (e instanceof ContractViolation)
      return `the target's API answers outside the contract: ${e.problems.slice(0, 3).join('; ')}`;
    const cause = (e as Error & { cause?: { code?: string; message?: string } }).cause;
    const detail = cause?.code ?? cause?.message ?? (e as Error).message;
    return `the target's API did not answer: ${(e as Error).message}${detail && detail !== (e as Error).message ? ` (${detail})` : ''}`;
  }
}

function snippet(raw: string): string {
  const one = raw.replace(/\s+/g, ' ').trim();
  return one.length > 120 ? `${one.slice(0, 120)}…` : one || 'empty body';
}
