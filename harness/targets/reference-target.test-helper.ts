import type { FastifyInstance } from 'fastify';
import type { ReferenceSystemOptions } from '../../sim/reference/reference-system.ts';
import { startTestSystem, type TestSystem } from '../../sim/reference/reference-test-system.test-helper.ts';
import { ROLES, type Role } from '../../sim/reference/types.ts';
import { redactingLogger } from '../../sim/services/redacting-logger.ts';
import { createReferenceServer } from '../../sim/services/reference-server.ts';
import { createTokenIssuer, type TokenIssuer } from '../../sim/services/token-issuer.ts';
import { tokenVerifier } from '../../sim/services/token-verifier.ts';
import { referenceApiContract } from '../contract/reference-api.ts';
import { injectTransport } from './http-transport.ts';
import { ReferenceApiClient } from './reference-api-client.ts';

export { base64, enrolmentBody } from './enrolment-body.ts';

export const OFFICES: Partial<Record<Role, string>> = {
  'psc-operator': 'PSC-ALM-01',
  'consulate-officer': 'CONS-BER',
};

export interface ReferenceTarget {
  t: TestSystem;
  app: FastifyInstance;
  issuer: TokenIssuer;
  tokens: Record<Role, string>;
  /** Every line the server and the domain logged (through the redacting logger). */
  logLines: string[];
  client(role?: Role): ReferenceApiClient;
  close(): Promise<void>;
}

export interface TargetOptions {
  rateLimitPerMinute?: number;
  bodyLimit?: number;
  system?: Partial<ReferenceSystemOptions>;
}

/** The reference system behind its HTTP server, in-process, with a token per role. */
export async function startReferenceTarget(o: TargetOptions = {}): Promise<ReferenceTarget> {
  const logLines: string[] = [];
  const logger = redactingLogger((l) => logLines.push(l));
  const t = await startTestSystem({ logger, ...o.system });
  const issuer = await createTokenIssuer();
  const auth = tokenVerifier({ issuer: issuer.issuer, audience: issuer.audience, keys: issuer.publicKeys });
  const app = await createReferenceServer({
    system: t.system,
    contract: referenceApiContract(),
    auth,
    logger,
    rateLimitPerMinute: o.rateLimitPerMinute ?? 0,
    bodyLimit: o.bodyLimit,
  });
  const tokens = {} as Record<Role, string>;
  for (const role of ROLES)
    tokens[role] = await issuer.mint({ role, subject: `${role}-7`, office: OFFICES[role] });
  const transport = injectTransport(app);
  return {
    t,
    app,
    issuer,
    tokens,
    logLines,
    client: (role) => new ReferenceApiClient({ transport, token: role ? tokens[role] : undefined }),
    async close() {
      await app.close();
      await t.drop();
    },
  };
}
