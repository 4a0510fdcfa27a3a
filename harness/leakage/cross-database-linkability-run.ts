import type { Evidence } from '../requirements/evidence.ts';
import type { CertificationTarget } from '../targets/certification-target.ts';
import { type AttackOutcome, attackError, attackOutcome, attackSkipped } from './attack.ts';
import { CROSS_DATABASE_LINKABILITY, globalLinkability, linkabilityEvidence } from './linkability.ts';
import type { SecondDeploymentCampaign } from './second-deployment-campaign.ts';
import { byteSimilarity, readStoredReferences, type StoredReference } from './stored-references.ts';
import { normaliseKey } from './vault-attributes.ts';

/** Few scores per bin keep D↔sys from reading sampling noise as linkability. */
const BINS = 10;

type Person = { refs: StoredReference[]; plain: Uint8Array[] | null };

async function references(target: CertificationTarget, ids: readonly string[]) {
  const fdb = target.fingerprintDatabase;
  if (!fdb) return null;
  return readStoredReferences(fdb.db, fdb.schemas, ids);
}

/** The reference decrypted with the deployment's own key, where the adapter offers the hook. */
function decrypt(target: CertificationTarget, r: StoredReference): Uint8Array | null {
  if (!target.hooks || r.position === null) return null;
  const cell = r.nonce ? Buffer.concat([r.nonce, r.stored]) : r.stored;
  return target.hooks.decryptTemplate(cell, { subjectId: r.subjectId, position: r.position });
}

function scores(a: Person[], b: Person[], plain: boolean): { mated: number[]; nonMated: number[] } {
  const mated: number[] = [];
  const nonMated: number[] = [];
  for (const [i, x] of a.entries())
    for (const [j, y] of b.entries()) {
      const s = plain
        ? byteSimilarity(x.plain!, y.plain!)
        : byteSimilarity(
            x.refs.map((r) => r.stored),
            y.refs.map((r) => r.stored),
            { a: x.refs.map((r) => r.position), b: y.refs.map((r) => r.position) },
          );
      (i === j ? mated : nonMated).push(s);
    }
  return { mated, nonMated };
}

/**
 * DEP-LNK-01: D↔sys (Gomez-Barrero et al. 2018) between the two deployments' stored references of
 * the same and of different people, scored on what a stolen copy of each database shows (the stored
 * bytes). Where both deployments offer the key hook, the same is measured on the decrypted
 * templates and reported beside it (`dSysWithKeys`): encrypted but not cancelable references are
 * fully linkable to whoever holds both keys, which the verdict, about stolen storage, does not use.
 */
export async function runCrossDatabaseLinkability(
  target: CertificationTarget,
  c: SecondDeploymentCampaign,
): Promise<{ evidence: Evidence; outcome?: AttackOutcome }> {
  const pairs = c.first.flatMap((a, i) =>
    a.subjectId && c.other[i]?.subjectId ? [[a.subjectId, c.other[i].subjectId!] as const] : [],
  );
  const ra = await references(
    target,
    pairs.map((p) => p[0]),
  );
  const rb = await references(
    c.second,
    pairs.map((p) => p[1]),
  );
  if (!ra || !rb)
    return {
      evidence: attackSkipped(
        CROSS_DATABASE_LINKABILITY,
        'a deployment gives no read access to its fingerprint database',
      ),
    };
  const people = pairs.flatMap(([x, y]) => {
    const a = ra.get(normaliseKey(x)) ?? [];
    const b = rb.get(normaliseKey(y)) ?? [];
    return a.length > 0 && b.length > 0 ? [[a, b] as const] : [];
  });
  if (people.length < 4)
    return {
      evidence: attackError(
        CROSS_DATABASE_LINKABILITY,
        `stored references of only ${people.length} people were found in both deployments; at least 4 are needed`,
      ),
    };
  const withPlain = (refs: readonly StoredReference[], t: CertificationTarget): Person => {
    const plain = refs.map((r) => decrypt(t, r));
    return { refs: [...refs], plain: plain.every((p) => p !== null) ? (plain as Uint8Array[]) : null };
  };
  const a = people.map(([x]) => withPlain(x, target));
  const b = people.map(([, y]) => withPlain(y, c.second));
  const stored = scores(a, b, false);
  const l = globalLinkability(stored.mated, stored.nonMated, { bins: BINS });
  const keyed = [...a, ...b].every((p) => p.plain) ? scores(a, b, true) : null;
  const withKeys = keyed ? globalLinkability(keyed.mated, keyed.nonMated, { bins: BINS }) : null;
  const e = linkabilityEvidence(l);
  const evidence: Evidence = {
    ...e,
    summary: `${e.summary}, on the stored bytes${withKeys ? `; with both deployments' keys D↔sys = ${withKeys.dSys.toFixed(3)}` : ''}`,
    measurements: {
      ...e.measurements,
      ...(withKeys ? { dSysWithKeys: { value: withKeys.dSys } } : {}),
    },
    details: { ...(e.details as object), people: people.length, keyHook: withKeys !== null },
  };
  const linked = stored.mated.filter((s) => s > Math.max(...stored.nonMated)).length;
  return { evidence, outcome: attackOutcome(CROSS_DATABASE_LINKABILITY, linked, stored.mated.length) };
}
