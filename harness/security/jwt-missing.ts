import type { SuiteEvidence } from '../certify/certification-suite.ts';
import { contractAccess } from './contract-access.ts';
import { answer, evidence, rawClient, type SecurityRun } from './security-fixtures.ts';

const TEST = 'security/jwt-missing';

/**
 * Every protected operation of the contract without a token, and with a bearer value that is not a
 * JWT at all: 401 each time (SEC-AUT-01). Bodies are left out: authentication comes before parsing,
 * and a target that answers 400 first has told an anonymous caller about its validation.
 */
export async function jwtMissing(run: SecurityRun): Promise<SuiteEvidence[]> {
  const ops = contractAccess().filter((o) => o.access !== 'public');
  const seen: { operation: string; token: string; answer: string; ok: boolean }[] = [];
  for (const op of ops)
    for (const [label, client] of [
      ['none', rawClient(run.target)],
      ['not-a-jwt', rawClient(run.target, { token: 'not-a-jwt' })],
    ] as const) {
      const r = await client.call(op.operationId, op.method === 'GET' ? undefined : {});
      seen.push({ operation: op.operationId, token: label, answer: answer(r), ok: r.status === 401 });
    }
  const wrong = seen.filter((s) => !s.ok);
  const details = { requests: seen };
  if (wrong.length > 0)
    return [
      evidence.fail(
        TEST,
        `${wrong.length} of ${seen.length} unauthenticated requests not answered 401: ${wrong
          .slice(0, 5)
          .map((w) => `${w.operation} (${w.token}): ${w.answer}`)
          .join('; ')}`,
        { details },
      ),
    ];
  return [
    evidence.pass(TEST, `${ops.length} protected operations answer 401 without a token and to a non-JWT`, {
      details,
    }),
  ];
}
