import type { SuiteEvidence } from '../certify/certification-suite.ts';
import type { EnrolmentRequest } from '../targets/reference-api-types.ts';
import { statedBodyLimit } from './contract-access.ts';
import { malformedBodies, oversizedBody } from './malformed-bodies.ts';
import {
  answer,
  changedTables,
  errorCode,
  evidence,
  idempotencyKey,
  rawClient,
  type SecurityRun,
  storageDigest,
} from './security-fixtures.ts';

/**
 * Bodies RFC 8259 lets a parser accept: duplicate members with the same values ("names should be
 * unique", and these are unambiguous) and a leading byte-order mark (§8.1: parsers MAY ignore it).
 * They are sent, but only a 5xx counts against the target.
 */
const MAY_BE_PROCESSED = new Set(['duplicate-keys', 'bom']);

interface Sent {
  body: string;
  answer: string;
  ok: boolean;
}

/**
 * SEC-INP-02 on the enrolment endpoint (the biggest write): one byte over the body limit the
 * contract states gives 413; truncated, deeply nested, non-UTF-8, non-object, empty, mislabelled
 * and BOM-prefixed bodies give 4xx with a machine-readable code; nothing is written by any of them.
 */
export async function bodyLimits(run: SecurityRun, valid: EnrolmentRequest): Promise<SuiteEvidence[]> {
  const psc = rawClient(run.target, 'psc-operator');
  const send = (bytes: Buffer, contentType: string, label: string) =>
    psc.call('enrol', undefined, { idempotencyKey: idempotencyKey(run.seed, 'body', label) }, '', {
      text: bytes,
      contentType,
    });
  const before = await storageDigest(run.target);
  const limit = statedBodyLimit();
  let oversized: SuiteEvidence;
  if (limit === null)
    oversized = evidence.skipped(
      'security/oversized-body',
      'the contract states no body limit',
      'without a stated limit "one byte over" is undefined',
    );
  else {
    const big = oversizedBody(valid as unknown as Record<string, unknown>, limit);
    const r = await send(big.bytes, big.contentType, 'oversized');
    const details = { limitBytes: limit, sentBytes: big.bytes.length, answer: answer(r) };
    oversized =
      r.status === 413 && errorCode(r)
        ? evidence.pass('security/oversized-body', `${limit + 1} bytes (limit + 1) answered ${answer(r)}`, {
            details,
          })
        : evidence.fail(
            'security/oversized-body',
            `${limit + 1} bytes (limit + 1) answered ${answer(r)}, not 413 with a code`,
            { details },
          );
  }
  const sent: Sent[] = [];
  for (const b of malformedBodies(valid as unknown as Record<string, unknown>)) {
    const r = await send(b.bytes, b.contentType, b.id);
    const ok = MAY_BE_PROCESSED.has(b.id)
      ? r.status < 500
      : r.status >= 400 && r.status < 500 && errorCode(r) !== null;
    sent.push({ body: `${b.id} (${b.description})`, answer: answer(r), ok });
  }
  const written = changedTables(before, await storageDigest(run.target));
  const processed = sent.filter((s) => s.answer.startsWith('2')).length;
  const wrong = sent.filter((s) => !s.ok);
  const details = { bodies: sent, tablesChanged: written };
  let malformed: SuiteEvidence;
  if (wrong.length > 0)
    malformed = evidence.fail(
      'security/malformed-body',
      `${wrong.length} of ${sent.length} malformed bodies not refused with a 4xx code: ${wrong.map((w) => `${w.body}: ${w.answer}`).join('; ')}`,
      { details },
    );
  else if (processed === 0 && written.length > 0)
    malformed = evidence.fail('security/malformed-body', `refused bodies changed ${written.join(', ')}`, {
      details,
    });
  else
    malformed = evidence.pass(
      'security/malformed-body',
      `${sent.length - processed} malformed bodies refused with a 4xx code${written.length === 0 ? ', nothing written' : ''}`,
      { details },
    );
  if (oversized.outcome === 'pass' && processed === 0 && written.length > 0)
    oversized = evidence.fail('security/oversized-body', `refused bodies changed ${written.join(', ')}`, {
      details: oversized.details,
    });
  return [oversized, malformed];
}
