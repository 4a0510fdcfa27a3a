import type { SuiteEvidence } from '../certify/certification-suite.ts';
import type { EnrolmentRequest, FingerprintBody } from '../targets/reference-api-types.ts';
import { malformedImages } from './malformed-images.ts';
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

const TEST = 'security/malformed-image';

interface Sent {
  image: string;
  operation: string;
  answer: string;
  ok: boolean;
}

/**
 * SEC-INP-03: truncated, 16-bit, colour, bad-CRC and decompression-bomb PNGs, a non-image and a
 * corrupt ISO/IEC 19794-2 record, each in place of the first finger of an otherwise valid enrolment
 * and of a 1:1 probe: 4xx with a machine-readable code, never a 5xx or a hang, nothing written.
 */
export async function malformedImageProbe(
  run: SecurityRun,
  valid: EnrolmentRequest,
  verifyIin: string,
): Promise<SuiteEvidence[]> {
  const psc = rawClient(run.target, 'psc-operator');
  const before = await storageDigest(run.target);
  const sent: Sent[] = [];
  for (const img of malformedImages()) {
    const print: FingerprintBody = {
      position: valid.fingerprints[0].position,
      format: img.id === 'corrupt-template' ? 'iso19794-2' : 'png',
      data: img.bytes.toString('base64'),
    };
    const enrol = await psc.enrol(
      { ...valid, fingerprints: [print, ...valid.fingerprints.slice(1)] },
      { idempotencyKey: idempotencyKey(run.seed, 'malformed-image', img.id) },
    );
    const verify = await psc.verify({ iin: verifyIin, fingerprints: [print] });
    for (const [operation, r] of [
      ['enrol', enrol],
      ['verify', verify],
    ] as const)
      sent.push({
        image: `${img.id} (${img.description})`,
        operation,
        answer: answer(r),
        ok: r.status >= 400 && r.status < 500 && errorCode(r) !== null,
      });
  }
  const written = changedTables(before, await storageDigest(run.target));
  const wrong = sent.filter((s) => !s.ok);
  const details = { requests: sent, tablesChanged: written };
  if (wrong.length > 0 || written.length > 0)
    return [
      evidence.fail(
        TEST,
        [
          ...wrong.slice(0, 5).map((w) => `${w.operation} with ${w.image}: ${w.answer}`),
          ...(written.length > 0 ? [`refused images changed ${written.join(', ')}`] : []),
        ].join('; '),
        { details },
      ),
    ];
  return [
    evidence.pass(
      TEST,
      `${sent.length} requests with malformed images or templates refused with a 4xx code, nothing written`,
      {
        details,
      },
    ),
  ];
}
