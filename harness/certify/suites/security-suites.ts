import { generateTlsMaterial, type TlsMaterial } from '../../../sim/services/tls-certificates.ts';
import { auditCompleteness } from '../../security/audit-completeness.ts';
import { auditNoPii } from '../../security/audit-no-pii.ts';
import { auditTamper } from '../../security/audit-tamper.ts';
import { bodyLimits } from '../../security/body-limits.ts';
import { idempotencyReplay } from '../../security/idempotency-replay.ts';
import { injectionProbe } from '../../security/injection-probe.ts';
import { JWT_FORGERY_TESTS, jwtForgery } from '../../security/jwt-forgery.ts';
import { jwtMissing } from '../../security/jwt-missing.ts';
import { keySeparation } from '../../security/key-separation.ts';
import { malformedImageProbe } from '../../security/malformed-image-probe.ts';
import { rateLimitProbe } from '../../security/rate-limit-probe.ts';
import { resolutionPurpose } from '../../security/resolution-purpose.ts';
import { responseMinimisation } from '../../security/response-minimisation.ts';
import { roleMatrix } from '../../security/role-matrix.ts';
import {
  enrolmentRequest,
  evidence,
  guarded,
  plainApplicant,
  probePrints,
  securityRun,
  withoutTokens,
} from '../../security/security-fixtures.ts';
import {
  enrolSubject,
  identifySubject,
  unknownDocumentNumber,
  unknownSubjectId,
} from '../../security/security-subjects.ts';
import { storageRoleSeparation } from '../../security/storage-role-separation.ts';
import { templateEncryption } from '../../security/template-encryption.ts';
import { templateSwap } from '../../security/template-swap.ts';
import { harnessCanOffer, type TlsVersion, tlsProbe } from '../../security/tls-probe.ts';
import type { CertificationContext, CertificationSuite, SuiteEvidence } from '../certification-suite.ts';

const STORAGE_TESTS = [
  'security/storage-role-separation',
  'inspection/template-encryption',
  'inspection/key-separation',
  'inspection/template-swap',
] as const;

/** Storage inspection: what a lab with read-only connections sees in the two databases. */
const storageSuite: CertificationSuite = {
  id: 'security-storage',
  title: 'Storage inspection: role separation, template encryption, key separation, template binding',
  produces: STORAGE_TESTS,
  requires: ['fingerprint-database'],
  async run(ctx) {
    const run = securityRun(ctx);
    const skipped = withoutTokens(ctx.target, ['psc-operator'], STORAGE_TESTS);
    if (skipped) return skipped;
    // Two subjects of our own, so that the vault holds cells of one finger of two people.
    for (const [i, r] of ctx.residents
      .take(2, plainApplicant(ctx.asOf), 'security: storage inspection')
      .entries())
      await enrolSubject(run, r, `storage-${i}`);
    ctx.progress('security: storage inspection');
    return [
      ...(await guarded([STORAGE_TESTS[0]], () => storageRoleSeparation(run))),
      ...(await guarded([STORAGE_TESTS[1]], () => templateEncryption(run))),
      ...(await guarded([STORAGE_TESTS[2]], () => keySeparation(run))),
      ...(await guarded([STORAGE_TESTS[3]], () => templateSwap(run))),
    ];
  },
};

const ACCESS_TESTS = [
  'security/role-matrix',
  'security/resolution-purpose',
  'security/response-minimisation',
  'security/jwt-missing',
  ...JWT_FORGERY_TESTS,
  'security/audit-completeness',
  'security/audit-tamper',
  'security/audit-no-pii',
] as const;

async function accessEvidence(ctx: CertificationContext): Promise<SuiteEvidence[]> {
  const run = securityRun(ctx);
  const needed = ['psc-operator', 'identification-officer', 'auditor'] as const;
  const skipped = withoutTokens(
    ctx.target,
    needed,
    ACCESS_TESTS.filter((t) => t !== 'security/jwt-missing'),
  );
  if (skipped) return [...(await guarded(['security/jwt-missing'], () => jwtMissing(run))), ...skipped];
  const [known, fresh] = ctx.residents.take(2, plainApplicant(ctx.asOf), 'security: access control');
  const subject = await enrolSubject(run, known, 'access');
  const subjectId = await identifySubject(run, subject, 'SEC-ID-1');
  const out: SuiteEvidence[] = [];
  ctx.progress('security: role × operation matrix');
  out.push(
    ...(await guarded(['security/role-matrix'], () =>
      roleMatrix(run, {
        known: subject,
        fresh: enrolmentRequest(fresh, ctx.seed, ctx.asOf),
        knownSubjectId: subjectId,
      }),
    )),
  );
  out.push(
    ...(await guarded(['security/resolution-purpose'], () => resolutionPurpose(run, subject, subjectId))),
  );
  out.push(
    ...(await guarded(['security/response-minimisation'], () =>
      responseMinimisation(run, subject, subjectId),
    )),
  );
  ctx.progress('security: tokens');
  out.push(...(await guarded(['security/jwt-missing'], () => jwtMissing(run))));
  out.push(...(await guarded(JWT_FORGERY_TESTS, () => jwtForgery(run))));
  ctx.progress('security: audit log');
  if (!subjectId)
    out.push(
      evidence.error(
        'security/audit-completeness',
        'no subject id to resolve',
        'a 1:N search for an enrolled subject returned no candidate',
      ),
    );
  else
    out.push(
      ...(await guarded(
        ['security/audit-completeness'],
        async () => (await auditCompleteness(run, subject, subjectId)).evidence,
      )),
    );
  out.push(...(await guarded(['security/audit-tamper'], () => auditTamper(run, 'SEC-AC-3'))));
  const documents = [subject.documentNumber].filter((d): d is string => d !== null);
  out.push(...(await guarded(['security/audit-no-pii'], () => auditNoPii(run, [known, fresh], documents))));
  return out;
}

/** Access control, tokens and the audit log, through the API. */
const accessSuite: CertificationSuite = {
  id: 'security-access',
  title: 'Access control, token validation and audit log',
  produces: ACCESS_TESTS,
  requires: ['api'],
  run: accessEvidence,
};

const INPUT_TESTS = [
  'security/injection',
  'security/oversized-body',
  'security/malformed-body',
  'security/malformed-image',
  'security/idempotency-replay',
] as const;

async function inputEvidence(ctx: CertificationContext): Promise<SuiteEvidence[]> {
  const run = securityRun(ctx);
  const skipped = withoutTokens(ctx.target, ['psc-operator', 'identification-officer'], INPUT_TESTS);
  if (skipped) return skipped;
  const [x, y, z, w] = ctx.residents.take(4, plainApplicant(ctx.asOf), 'security: hostile input');
  const probe = probePrints(x, ctx.seed, [x.fingers.available[0]]);
  const bases: Record<string, unknown> = {
    enrol: enrolmentRequest(x, ctx.seed, ctx.asOf),
    verify: { iin: x.iin, fingerprints: probe },
    identify: { purpose: 'injection check', caseReference: 'SEC-IN-1', fingerprints: probe },
    resolveSubject: {
      subjectId: unknownSubjectId(ctx.seed, 'injection'),
      purpose: 'injection check',
      caseReference: 'SEC-IN-2',
    },
    lookupResident: { iin: x.iin },
    getDocumentStatus: { documentNumber: unknownDocumentNumber(ctx.seed, 'injection') },
    reportDocument: {
      documentNumber: unknownDocumentNumber(ctx.seed, 'injection'),
      event: 'lost',
      date: ctx.asOf,
    },
  };
  ctx.progress(`security: injection (${ctx.quick ? 'one payload per family' : 'full corpus'})`);
  const out = [...(await guarded(['security/injection'], () => injectionProbe(run, bases)))];
  ctx.progress('security: malformed bodies and images');
  out.push(
    ...(await guarded(['security/oversized-body', 'security/malformed-body'], () =>
      bodyLimits(run, enrolmentRequest(y, ctx.seed, ctx.asOf)),
    )),
  );
  out.push(
    ...(await guarded(['security/malformed-image'], () =>
      malformedImageProbe(run, enrolmentRequest(z, ctx.seed, ctx.asOf), z.iin),
    )),
  );
  ctx.progress('security: idempotency replay');
  out.push(
    ...(await guarded(['security/idempotency-replay'], () =>
      idempotencyReplay(run, enrolmentRequest(w, ctx.seed, ctx.asOf)),
    )),
  );
  return out;
}

/** Hostile input: injection, bodies, images, idempotency. */
const inputSuite: CertificationSuite = {
  id: 'security-input',
  title: 'Hostile input: injection, malformed bodies and images, idempotency replay',
  produces: INPUT_TESTS,
  requires: ['api'],
  run: inputEvidence,
};

let tlsMaterial: Promise<TlsMaterial> | null = null;
const offered = new Map<TlsVersion, Promise<boolean>>();

/** Whether this Node can offer a TLS version at all (tried once per process on a local server). */
function canOffer(v: TlsVersion): Promise<boolean> {
  tlsMaterial ??= generateTlsMaterial('127.0.0.1');
  const known = offered.get(v);
  if (known) return known;
  const probe = tlsMaterial.then((m) => harnessCanOffer(v, m));
  offered.set(v, probe);
  return probe;
}

/** Transport: plain HTTP and old TLS versions refused. */
const transportSuite: CertificationSuite = {
  id: 'security-transport',
  title: 'Transport security: plain HTTP and TLS versions',
  produces: ['security/plain-http', 'security/tls-versions'],
  requires: ['api'],
  async run(ctx) {
    ctx.progress('security: TLS');
    return guarded(['security/plain-http', 'security/tls-versions'], () => tlsProbe(ctx.target, canOffer));
  },
};

/** Rate limits last: a burst must not starve the other security tests of their quota. */
const rateLimitSuite: CertificationSuite = {
  id: 'security-rate-limit',
  title: 'Rate limit and lock-out on 1:1 and 1:N',
  produces: ['security/rate-limit'],
  requires: ['api'],
  async run(ctx) {
    const skipped = withoutTokens(
      ctx.target,
      ['border-officer', 'identification-officer'],
      ['security/rate-limit'],
    );
    if (skipped) return skipped;
    const r = ctx.residents.one(plainApplicant(ctx.asOf), 'security: rate limit');
    ctx.progress('security: rate-limit bursts');
    return guarded(['security/rate-limit'], () =>
      rateLimitProbe(securityRun(ctx), r.iin, probePrints(r, ctx.seed, [r.fingers.available[0]])[0]),
    );
  },
};

export const SECURITY_SUITES: readonly CertificationSuite[] = [
  storageSuite,
  accessSuite,
  inputSuite,
  transportSuite,
  rateLimitSuite,
];
