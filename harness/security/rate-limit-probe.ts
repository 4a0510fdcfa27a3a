import { decodeJwt, importJWK, SignJWT } from 'jose';
import { decodeIsoTemplate, encodeIsoTemplate } from '../../sim/matcher/iso19794-2.ts';
import type { SuiteEvidence } from '../certify/certification-suite.ts';
import type { ApiResponse } from '../targets/reference-api-client.ts';
import type { FingerprintBody, Role } from '../targets/reference-api-types.ts';
import { tokenKeysOf } from './jwt-forgery.ts';
import { malformedImages } from './malformed-images.ts';
import { answer, evidence, rawClient, type SecurityRun } from './security-fixtures.ts';

const TEST = 'security/rate-limit';
/** The certification bound: an operator account may not get this many 1:1 or 1:N answers in a burst. */
export const BURST_LIMIT = 1000;
/** After the first 429, this many more requests must be refused too (the lock holds). */
export const LOCKOUT_PROBES = 10;
/** How long the harness waits for a limit to lift when it had to use the shared role token. */
const MAX_WAIT_MS = 65_000;

interface Burst {
  operation: string;
  role: Role;
  limitedAfter: number | null;
  retryAfter: string | null;
  lockHeld: boolean;
  lockAnswers: string[];
}

/**
 * A token for an actor nobody else uses, when the harness holds a key the target trusts (the
 * in-process reference): the burst then cannot rate-limit the role tokens other suites use.
 */
async function probeToken(run: SecurityRun, role: Role): Promise<string | null> {
  const jwk = tokenKeysOf(run.target)?.signingJwk;
  const base = run.target.token(role);
  if (!jwk || !base) return null;
  const claims = decodeJwt(base);
  const alg = jwk.alg ?? 'EdDSA';
  const now = typeof claims.iat === 'number' ? claims.iat : Math.floor(Date.now() / 1000);
  return new SignJWT({ ...claims, sub: `${claims.sub ?? role}-rate-limit-probe` })
    .setProtectedHeader({ alg, typ: 'JWT', ...(jwk.kid ? { kid: jwk.kid } : {}) })
    .setIssuedAt(now)
    .setExpirationTime(now + 3600)
    .sign(await importJWK(jwk, alg));
}

/** A real ISO/IEC 19794-2 probe cut to its first minutiae: valid, and cheap for any matcher to search. */
export function sparseProbe(print: FingerprintBody, minutiae = 6): FingerprintBody {
  const t = decodeIsoTemplate(Buffer.from(print.data, 'base64'));
  const sparse = encodeIsoTemplate({ ...t, minutiae: t.minutiae.slice(0, minutiae) });
  return { ...print, data: Buffer.from(sparse).toString('base64') };
}

async function burst(
  operation: string,
  role: Role,
  send: () => Promise<ApiResponse<unknown>>,
): Promise<Burst> {
  let limitedAfter: number | null = null;
  let retryAfter: string | null = null;
  for (let i = 1; i <= BURST_LIMIT; i++) {
    const r = await send();
    if (r.status === 429) {
      limitedAfter = i - 1;
      retryAfter = r.headers['retry-after'] ?? null;
      break;
    }
  }
  const lockAnswers: string[] = [];
  if (limitedAfter !== null) for (let i = 0; i < LOCKOUT_PROBES; i++) lockAnswers.push(answer(await send()));
  return {
    operation,
    role,
    limitedAfter,
    retryAfter,
    lockHeld: limitedAfter !== null && lockAnswers.every((a) => a.startsWith('429')),
    lockAnswers: [...new Set(lockAnswers)],
  };
}

/** Polls until the shared token is served again (or gives up): later suites need it. */
async function waitForRelease(send: () => Promise<ApiResponse<unknown>>): Promise<boolean> {
  const until = Date.now() + MAX_WAIT_MS;
  while (Date.now() < until) {
    if ((await send()).status !== 429) return true;
    await new Promise((r) => setTimeout(r, 2000));
  }
  return false;
}

/** A body in two forms: cheap for the target to refuse (a corrupt template), and a realistic probe. */
type Plan = [
  string,
  Role,
  (c: ReturnType<typeof rawClient>, print: FingerprintBody) => Promise<ApiResponse<unknown>>,
];

/** An ISO record whose header claims more minutiae than it holds: refused by the target's parser. */
function corruptPrint(like: FingerprintBody): FingerprintBody {
  const bad = malformedImages().find((m) => m.id === 'corrupt-template');
  if (!bad) throw new Error('the malformed-input corpus lost its corrupt template');
  return { position: like.position, format: 'iso19794-2', data: bad.bytes.toString('base64') };
}

/**
 * SEC-RTL-01: a burst of 1:1 verifications (for a person not enrolled) and of 1:N searches from one
 * operator account; each must be cut off with 429 and a Retry-After within BURST_LIMIT requests and
 * stay cut off for the next LOCKOUT_PROBES. The burst is first sent with a corrupt template (cheap
 * to refuse, as a brute-force script's junk is); a target whose limiter counts only well-formed
 * requests gets a second burst of real probes before it is judged.
 */
export async function rateLimitProbe(
  run: SecurityRun,
  notEnrolledIin: string,
  probe: FingerprintBody,
): Promise<SuiteEvidence[]> {
  const forms: [string, FingerprintBody][] = [
    ['corrupt template', corruptPrint(probe)],
    ['sparse real probe', sparseProbe(probe)],
  ];
  const plans: Plan[] = [
    ['verify', 'border-officer', (c, p) => c.verify({ iin: notEnrolledIin, fingerprints: [p] })],
    [
      'identify',
      'identification-officer',
      (c, p) => c.identify({ purpose: 'rate limit check', caseReference: 'SEC-RL-1', fingerprints: [p] }),
    ],
  ];
  const bursts: (Burst & { probe: string })[] = [];
  const started = Date.now();
  let released = true;
  for (const [op, role, call] of plans) {
    const own = await probeToken(run, role);
    const client = own ? rawClient(run.target, { token: own }) : rawClient(run.target, role);
    for (const [form, print] of forms) {
      const b = await burst(op, role, () => call(client, print));
      bursts.push({ ...b, probe: form });
      if (!own && b.limitedAfter !== null)
        released = (await waitForRelease(() => call(client, print))) && released;
      if (b.limitedAfter !== null) break;
    }
  }
  const decisive = plans.map(
    ([op]) => bursts.filter((b) => b.operation === op).at(-1) as Burst & { probe: string },
  );
  const volatile = {
    burstSeconds: (Date.now() - started) / 1000,
    ...Object.fromEntries(decisive.map((b) => [`${b.operation}LimitedAfter`, b.limitedAfter ?? -1])),
  };
  const details = {
    burstLimit: BURST_LIMIT,
    lockoutProbes: LOCKOUT_PROBES,
    bursts: bursts.map((b) => ({
      operation: b.operation,
      role: b.role,
      probe: b.probe,
      limited: b.limitedAfter !== null,
      retryAfter: b.retryAfter !== null,
      lockHeld: b.lockHeld,
      lockAnswers: b.lockAnswers,
    })),
    sharedTokenReleased: released,
  };
  const problems = decisive.flatMap((b) => {
    if (b.limitedAfter === null)
      return [
        `${b.operation}: ${BURST_LIMIT} requests from one account (junk and real probes alike), never 429`,
      ];
    const p: string[] = [];
    if (!b.retryAfter) p.push(`${b.operation}: 429 without Retry-After`);
    if (!b.lockHeld)
      p.push(`${b.operation}: after the first 429 the next requests got ${b.lockAnswers.join(', ')}`);
    return p;
  });
  if (problems.length > 0) return [{ ...evidence.fail(TEST, problems.join('; '), { details }), volatile }];
  return [
    {
      ...evidence.pass(
        TEST,
        `1:1 and 1:N bursts from one account were cut off with 429 and Retry-After within ${BURST_LIMIT} requests; the next ${LOCKOUT_PROBES} stayed refused`,
        { details },
      ),
      volatile,
    },
  ];
}
