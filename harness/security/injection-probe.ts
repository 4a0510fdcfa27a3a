import type { SuiteEvidence } from '../certify/certification-suite.ts';
import type { Role } from '../targets/reference-api-types.ts';
import { contractAccess } from './contract-access.ts';
import {
  INJECTION_PAYLOADS,
  type InjectionPayload,
  injectionVariants,
  vulnerabilityIndicators,
} from './injection-payloads.ts';
import {
  answer,
  changedTables,
  evidence,
  idempotencyKey,
  rawClient,
  type SecurityRun,
  storageDigest,
} from './security-fixtures.ts';

const TEST = 'security/injection';

/** Quick runs send one payload of each family; full runs the whole corpus. */
export function injectionCorpus(quick: boolean): readonly InjectionPayload[] {
  if (!quick) return INJECTION_PAYLOADS;
  const seen = new Set<string>();
  return INJECTION_PAYLOADS.filter((p) => !seen.has(p.family) && seen.add(p.family));
}

/** Base64 prints are not text fields, and one finger stands for the other nine. */
const NOT_TEXT = /^\/fingerprints\/(\d+\/data|[1-9]\d*\/format)$/;

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

interface Hit {
  operation: string;
  field: string;
  payload: string;
  answer: string;
  why: string;
}

function problemOf(status: number, text: string, p: InjectionPayload): string | null {
  if (status >= 500) return `server error ${status}`;
  const indicators = vulnerabilityIndicators(text.replace(UUID, '<uuid>')).filter(
    (i) => i !== 'template-evaluated' || p.family === 'template',
  );
  return indicators.length > 0 ? `response shows ${indicators.join(', ')}` : null;
}

/**
 * The payload corpus (SQL, command, template, markup, header, log, unicode…) in every string field
 * of every JSON request of the contract, one field at a time, each as a role that may call the
 * operation: a correct target answers 4xx with a machine-readable code or stores the text as data;
 * a 5xx, an engine error, an evaluated expression or a reflected payload fails. Storage is compared
 * around the run: requests that were all refused must have written nothing.
 */
export async function injectionProbe(
  run: SecurityRun,
  bases: Record<string, unknown>,
): Promise<SuiteEvidence[]> {
  const corpus = injectionCorpus(run.ctx.quick);
  const ops = contractAccess().filter((o) => o.access !== 'public' && bases[o.operationId] !== undefined);
  const before = await storageDigest(run.target);
  const hits: Hit[] = [];
  const statuses: Record<string, number> = {};
  let sent = 0;
  let accepted = 0;
  for (const op of ops) {
    const role = (op.access as Role[])[0];
    const client = rawClient(run.target, role);
    const variants = injectionVariants(bases[op.operationId], corpus).filter((v) => !NOT_TEXT.test(v.path));
    for (const [i, v] of variants.entries()) {
      const r = await client.call(
        op.operationId,
        v.body,
        op.write ? { idempotencyKey: idempotencyKey(run.seed, 'injection', op.operationId, i) } : undefined,
      );
      sent++;
      statuses[String(r.status)] = (statuses[String(r.status)] ?? 0) + 1;
      if (r.status < 300) accepted++;
      const why = problemOf(r.status, `${r.raw}\n${JSON.stringify(r.headers)}`, v.payload);
      if (why)
        hits.push({
          operation: op.operationId,
          field: v.path,
          payload: v.payload.id,
          answer: answer(r),
          why,
        });
    }
  }
  const written = changedTables(before, await storageDigest(run.target));
  const details = {
    payloads: corpus.map((p) => p.id),
    requests: sent,
    statuses,
    accepted,
    hits: hits.slice(0, 50),
    tablesChanged: written,
  };
  if (hits.length > 0)
    return [
      evidence.fail(
        TEST,
        `${hits.length} of ${sent} injected requests show a vulnerability: ${hits
          .slice(0, 4)
          .map((h) => `${h.operation} ${h.field} ← ${h.payload}: ${h.why}`)
          .join('; ')}`,
        { details },
      ),
    ];
  if (accepted === 0 && written.length > 0)
    return [
      evidence.fail(
        TEST,
        `every injected request was refused, yet ${written.join(', ')} changed (half-written)`,
        {
          details,
        },
      ),
    ];
  return [
    evidence.pass(
      TEST,
      `${sent} requests (${corpus.length} payloads × every text field of ${ops.length} operations): no 5xx, no engine error, no evaluation; ${sent - accepted} refused with 4xx, ${accepted} stored as data`,
      { details },
    ),
  ];
}
