import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import type { Resident } from '../population/index.ts';
import type { PlantedFlaw } from '../reference/planted-flaws.ts';
import {
  AS_OF,
  startTestSystem,
  TEST_SEED,
  type TestSystem,
} from '../reference/reference-test-system.test-helper.ts';
import { syntheticEnrolRequest } from '../reference/synthetic-applicants.ts';
import type { FingerprintInput, Role } from '../reference/types.ts';
import { redactingLogger } from './redacting-logger.ts';
import { createReferenceServer } from './reference-server.ts';
import { createTokenIssuer } from './token-issuer.ts';
import { tokenVerifier } from './token-verifier.ts';

/** The reference behind its HTTP server in-process, for sim's own API-level tests. */
export const CONTRACT = JSON.parse(
  readFileSync(new URL('../../harness/contract/reference-api.openapi.json', import.meta.url), 'utf8'),
) as { components: { schemas: Record<string, { additionalProperties?: boolean }> } };
export const PER_MINUTE = 10;
export const OFFICES: Partial<Record<Role, string>> = { 'psc-operator': 'PSC-ALM-01' };

export interface Server {
  t: TestSystem;
  app: FastifyInstance;
  lines: string[];
  call(
    role: Role,
    path: string,
    body: unknown,
    idempotencyKey?: string,
  ): Promise<{ status: number; body: Record<string, unknown> }>;
}

export async function startServer(
  flaw: PlantedFlaw | null,
  rateLimitPerMinute = PER_MINUTE,
): Promise<Server> {
  const lines: string[] = [];
  const logger = redactingLogger((l) => lines.push(l));
  const flaws: ReadonlySet<PlantedFlaw> = new Set(flaw ? [flaw] : []);
  const t = await startTestSystem({ logger, flaws });
  const issuer = await createTokenIssuer();
  const auth = tokenVerifier({ issuer: issuer.issuer, audience: issuer.audience, keys: issuer.publicKeys });
  const app = await createReferenceServer({
    system: t.system,
    contract: CONTRACT,
    auth,
    logger,
    rateLimitPerMinute,
    flaws,
  });
  const tokens = new Map<Role, string>();
  const token = async (role: Role) => {
    if (!tokens.has(role))
      tokens.set(role, await issuer.mint({ role, subject: `${role}-1`, office: OFFICES[role] }));
    return tokens.get(role) as string;
  };
  return {
    t,
    app,
    lines,
    async call(role, path, body, idempotencyKey) {
      const r = await app.inject({
        method: 'POST',
        url: path,
        headers: {
          authorization: `Bearer ${await token(role)}`,
          ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}),
        },
        payload: body as object,
      });
      return { status: r.statusCode, body: r.body ? r.json() : {} };
    },
  };
}

export const prints = (list: readonly FingerprintInput[]) =>
  list.map((f) => ({ position: f.position, format: f.format, data: Buffer.from(f.data).toString('base64') }));

export function enrolment(r: Resident, applicationDate = AS_OF) {
  const q = syntheticEnrolRequest(r, { seed: TEST_SEED, applicationDate });
  const { iin, surname, givenName, patronymic, status, citizenship } = q.applicant;
  return {
    applicationDate: q.applicationDate,
    document: q.document,
    trigger: q.trigger,
    applicant: { iin, surname, givenName, patronymic: patronymic ?? null, status, citizenship },
    fingerprints: prints(q.fingerprints),
    missingFingers: q.missingFingers,
  };
}
