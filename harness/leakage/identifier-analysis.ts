import { createHash } from 'node:crypto';
import type { Random } from '../../sim/random/index.ts';
import type { Evidence } from '../requirements/evidence.ts';
import type { LeakageAttack } from './attack.ts';
import { digestKeys } from './iin-hash-reversal.ts';

export const IDENTIFIER_ANALYSIS: LeakageAttack = {
  id: 'leakage/identifier-analysis',
  requirement: 'DEP-IID-02',
  title: 'Entropy and independence of subject identifiers',
};
export const IDENTIFIER_CROSS_DEPLOYMENT: LeakageAttack = {
  id: 'leakage/identifier-cross-deployment',
  requirement: 'DEP-IID-03',
  title: 'Identifiers of the same people in two deployments',
};

/** A subject identifier with what the attacker knows of the enrolment it came from (from the registry). */
export interface EnrolledIdentifier {
  subjectId: string;
  /** Position in enrolment order, 0-based. */
  order: number;
  /** Enrolment time, ms since the epoch. */
  enrolledAt: number;
  iin: string;
  birthDate: string;
  sex: 'M' | 'F';
}

/** |z| above this flags a dependence: p ≈ 6·10⁻⁵ two-sided, so a clean system is flagged by chance almost never. */
export const Z_LIMIT = 4;
export const PERMUTATIONS = 999;
// A uniformity test per position; 1e-6 so that 32 positions of a true UUIDv4 are all credited (false alarm ≈ 3·10⁻⁵).
const CHI_SQUARE_P = 1e-6;

function normalise(id: string): string {
  return id.trim().toLowerCase().replace(/[{}-]/g, '');
}

/** Upper-tail probability of χ² with k degrees of freedom (Wilson–Hilferty normal approximation). */
function chiSquareTail(x: number, k: number): number {
  if (k <= 0) return 1;
  const z = ((x / k) ** (1 / 3) - (1 - 2 / (9 * k))) / Math.sqrt(2 / (9 * k));
  return 0.5 * erfc(z / Math.SQRT2);
}

function erfc(x: number): number {
  // Numerical Recipes erfcc, fractional error < 1.2e-7.
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t *
                      (-0.18628806 +
                        t *
                          (0.27886807 +
                            t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? r : 2 - r;
}

/** Miller–Madow estimate of the entropy of observed category counts, at most log2 of their number. */
function millerMadow(counts: readonly number[], n: number): number {
  let h = 0;
  for (const c of counts) if (c > 0) h -= (c / n) * Math.log2(c / n);
  const k = counts.filter((c) => c > 0).length;
  return Math.min(h + (k - 1) / (2 * n * Math.LN2), Math.log2(k));
}

/**
 * Bit by bit, for identifiers that are hex strings of one length (UUIDs, hashes, counters in hex):
 * a bit that never changes is fixed (a UUID's version and variant bits), a bit whose ones and zeros
 * are balanced (a binomial test does not reject ½ at 10⁻⁶) is credited one bit, any other bit its
 * Miller–Madow estimate. A random UUIDv4 is credited exactly its 122 random bits from a few dozen
 * samples on, where a per-character count would need hundreds to see every hex digit at every place.
 */
function hexBitEntropy(norm: readonly string[]): number {
  const n = norm.length;
  const width = norm[0].length * 4;
  let total = 0;
  for (let b = 0; b < width; b++) {
    const shift = 3 - (b % 4);
    let ones = 0;
    for (const s of norm) ones += (Number.parseInt(s[b >> 2], 16) >> shift) & 1;
    if (ones === 0 || ones === n) continue;
    const z = Math.abs(ones - n / 2) / Math.sqrt(n / 4);
    total += erfc(z / Math.SQRT2) > CHI_SQUARE_P ? 1 : millerMadow([ones, n - ones], n);
  }
  return total;
}

/**
 * Entropy credited to identifiers. Hex identifiers of one length are analysed bit by bit
 * (hexBitEntropy); any others position by position: a position whose observed symbols are uniformly
 * used (χ² does not reject at 10⁻⁶) is credited log2 of their number, any other position its
 * Miller–Madow estimate. An upper bound for structured identifiers, exact for random ones.
 */
export function entropyBits(ids: readonly string[]): number {
  const norm = ids.map(normalise);
  const n = norm.length;
  if (n < 2) return Number.NaN;
  if (norm[0].length >= 8 && norm.every((s) => s.length === norm[0].length && /^[0-9a-f]+$/.test(s)))
    return hexBitEntropy(norm);
  const width = Math.max(...norm.map((s) => s.length));
  let total = 0;
  for (let p = 0; p < width; p++) {
    const counts = new Map<string, number>();
    for (const s of norm) counts.set(s[p] ?? '∅', (counts.get(s[p] ?? '∅') ?? 0) + 1);
    const k = counts.size;
    if (k === 1) continue;
    const expected = n / k;
    let chi = 0;
    for (const c of counts.values()) chi += (c - expected) ** 2 / expected;
    total += chiSquareTail(chi, k - 1) > CHI_SQUARE_P ? Math.log2(k) : millerMadow([...counts.values()], n);
  }
  return total;
}

/** Ranks with ties averaged. */
function ranks(values: readonly (number | string)[]): number[] {
  const idx = values
    .map((_, i) => i)
    .sort((a, b) => (values[a] < values[b] ? -1 : values[a] > values[b] ? 1 : 0));
  const r = new Array<number>(values.length);
  for (let i = 0; i < idx.length; ) {
    let j = i;
    while (j + 1 < idx.length && values[idx[j + 1]] === values[idx[i]]) j++;
    for (let k = i; k <= j; k++) r[idx[k]] = (i + j) / 2;
    i = j + 1;
  }
  return r;
}

/** Spearman's ρ and its z = ρ·√(n−1) under independence. */
export function spearman(
  a: readonly (number | string)[],
  b: readonly (number | string)[],
): { rho: number; z: number } {
  const ra = ranks(a);
  const rb = ranks(b);
  const n = ra.length;
  const mean = (n - 1) / 2;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    sab += (ra[i] - mean) * (rb[i] - mean);
    saa += (ra[i] - mean) ** 2;
    sbb += (rb[i] - mean) ** 2;
  }
  const rho = saa > 0 && sbb > 0 ? sab / Math.sqrt(saa * sbb) : 0;
  return { rho, z: rho * Math.sqrt(Math.max(0, n - 1)) };
}

/** Plug-in mutual information (bits) of two categorical variables coded as small integers. */
export function mutualInformation(x: readonly number[], y: readonly number[]): number {
  const n = x.length;
  const joint = new Map<number, number>();
  const px = new Map<number, number>();
  const py = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const k = x[i] * 65536 + y[i];
    joint.set(k, (joint.get(k) ?? 0) + 1);
    px.set(x[i], (px.get(x[i]) ?? 0) + 1);
    py.set(y[i], (py.get(y[i]) ?? 0) + 1);
  }
  let mi = 0;
  for (const [k, c] of joint) {
    const a = px.get(Math.floor(k / 65536))!;
    const b = py.get(k % 65536)!;
    mi += (c / n) * Math.log2((c * n) / (a * b));
  }
  return mi;
}

function codes(values: readonly string[]): number[] {
  const dict = new Map<string, number>();
  return values.map((v) => {
    let c = dict.get(v);
    if (c === undefined) {
      c = dict.size;
      dict.set(v, c);
    }
    return c;
  });
}

/**
 * Largest mutual information between an identifier character (first 8 positions) and an attribute
 * the registry knows (sex, birth decade, month, tens of the day; categories kept few because plug-in MI is biased by them), with a max-statistic permutation test over all
 * pairs at once, so that testing 32 pairs does not multiply false alarms.
 */
export function attributeDependence(
  ids: readonly EnrolledIdentifier[],
  random: Random,
  permutations = PERMUTATIONS,
): { maxMi: number; pair: string; pValue: number } {
  const norm = ids.map((e) => normalise(e.subjectId));
  const features = Array.from({ length: 8 }, (_, p) => ({
    name: `id[${p}]`,
    codes: codes(norm.map((s) => s[p] ?? '∅')),
  }));
  const attributes = [
    { name: 'sex', codes: codes(ids.map((e) => e.sex)) },
    { name: 'birth decade', codes: codes(ids.map((e) => e.birthDate.slice(0, 3))) },
    { name: 'birth month', codes: codes(ids.map((e) => e.birthDate.slice(5, 7))) },
    { name: 'birth day (tens)', codes: codes(ids.map((e) => e.birthDate.slice(8, 9))) },
  ];
  // Plug-in MI grows with the number of categories; the Miller–Madow term puts pairs on one footing.
  const bias = (x: number[], y: number[]) =>
    ((new Set(x).size - 1) * (new Set(y).size - 1)) / (2 * x.length * Math.LN2);
  const maxOver = (attrs: number[][]) => {
    let best = { mi: Number.NEGATIVE_INFINITY, pair: '' };
    for (const f of features)
      for (const [j, a] of attrs.entries()) {
        const mi = mutualInformation(f.codes, a) - bias(f.codes, a);
        if (mi > best.mi) best = { mi, pair: `${f.name} × ${attributes[j].name}` };
      }
    return best;
  };
  const observed = maxOver(attributes.map((a) => a.codes));
  let atLeast = 0;
  const perm = ids.map((_, i) => i);
  for (let r = 0; r < permutations; r++) {
    for (let i = perm.length - 1; i > 0; i--) {
      const j = random.int(i + 1);
      [perm[i], perm[j]] = [perm[j], perm[i]];
    }
    // One permutation of the people, applied to every attribute: their joint structure is kept.
    const shuffled = attributes.map((a) => perm.map((i) => a.codes[i]));
    if (maxOver(shuffled).mi >= observed.mi - 1e-12) atLeast++;
  }
  return { maxMi: observed.mi, pair: observed.pair, pValue: (atLeast + 1) / (permutations + 1) };
}

const UUID = /^[0-9a-f]{8}-?[0-9a-f]{4}-?([0-9a-f])[0-9a-f]{3}-?([0-9a-f])[0-9a-f]{3}-?[0-9a-f]{12}$/;
const UUID_DERIVED: Record<string, string> = {
  '1': 'time and MAC based (UUIDv1)',
  '2': 'DCE security (UUIDv2)',
  '3': 'name-based MD5 (UUIDv3)',
  '5': 'name-based SHA-1 (UUIDv5)',
  '6': 'time-ordered (UUIDv6)',
  '7': 'time-ordered (UUIDv7)',
  '8': 'custom (UUIDv8)',
};

export interface IdentifierAnalysis {
  n: number;
  entropyBits: number;
  uuidVersions: Record<string, number>;
  order: { rho: number; z: number };
  time: { rho: number; z: number };
  dependence: { maxMi: number; pair: string; pValue: number };
  /** Identifiers that are a hash of the person's IIN, or contain the IIN or birth date. */
  derivedFromIin: number;
  flags: string[];
}

function yymmdd(iso: string): string {
  return iso.slice(2, 4) + iso.slice(5, 7) + iso.slice(8, 10);
}

/** All tests on one deployment's identifiers; each failed test adds a flag saying what it found. */
export function analyseIdentifiers(
  ids: readonly EnrolledIdentifier[],
  random: Random,
  permutations = PERMUTATIONS,
  /** Every identifier the target stores, when they can be read: entropy is estimated on all of them. */
  stored: readonly string[] = [],
): IdentifierAnalysis {
  const subjectIds = ids.map((e) => e.subjectId);
  const uuidVersions: Record<string, number> = {};
  for (const s of subjectIds) {
    const m = UUID.exec(s.trim().toLowerCase());
    const v = m ? (['8', '9', 'a', 'b'].includes(m[2]) ? `v${m[1]}` : 'uuid-other-variant') : 'not-uuid';
    uuidVersions[v] = (uuidVersions[v] ?? 0) + 1;
  }
  // Decimal identifiers sort as numbers (9 before 10), all others as normalised text.
  const numeric = subjectIds.every((s) => /^\d{1,15}$/.test(s.trim()));
  const keys = subjectIds.map((s) => (numeric ? Number(s) : normalise(s)));
  const order = spearman(
    keys,
    ids.map((e) => e.order),
  );
  const time = spearman(
    keys,
    ids.map((e) => e.enrolledAt),
  );
  const dependence = attributeDependence(ids, random, permutations);
  let derived = 0;
  for (const e of ids) {
    const n = normalise(e.subjectId);
    // The attacker knows each person's IIN from the registry: hash it and compare, no enumeration needed.
    const own = new Set(
      (['md5', 'sha1', 'sha256'] as const).flatMap((a) =>
        digestKeys(createHash(a).update(e.iin).digest('hex')),
      ),
    );
    const hashed = /^[0-9a-f]{32,}$/.test(n) && digestKeys(n).some((k) => own.has(k));
    if (hashed || n.includes(e.iin) || n.includes(yymmdd(e.birthDate))) derived++;
  }
  const flags: string[] = [];
  for (const [v, count] of Object.entries(uuidVersions)) {
    const why = UUID_DERIVED[v.slice(1)];
    if (why) flags.push(`${count} identifiers are ${why}`);
  }
  if (Math.abs(order.z) > Z_LIMIT)
    flags.push(`identifier order follows enrolment order (ρ = ${order.rho.toFixed(3)})`);
  if (Math.abs(time.z) > Z_LIMIT)
    flags.push(`identifier order follows enrolment time (ρ = ${time.rho.toFixed(3)})`);
  if (dependence.pValue <= 1 / (permutations + 1))
    flags.push(
      `identifiers depend on ${dependence.pair} (MI ${dependence.maxMi.toFixed(3)} bits, p ≤ ${dependence.pValue.toFixed(4)})`,
    );
  if (derived > 0) flags.push(`${derived} identifiers are derived from the person's IIN or birth date`);
  return {
    n: ids.length,
    entropyBits: entropyBits([...new Set([...subjectIds, ...stored].map(normalise))]),
    uuidVersions,
    order,
    time,
    dependence,
    derivedFromIin: derived,
    flags,
  };
}

export function identifierEvidence(a: IdentifierAnalysis): Evidence {
  return {
    test: IDENTIFIER_ANALYSIS.id,
    outcome: 'measured',
    summary:
      a.flags.length === 0
        ? `${a.n} identifiers: ${a.entropyBits.toFixed(1)} bits, independent of order, time, IIN and birth date`
        : `${a.n} identifiers: ${a.flags.join('; ')}`,
    measurements: {
      entropyBits: { value: a.entropyBits, unit: 'bits' },
      dependenceFlags: { value: a.flags.length, unit: 'flags' },
    },
    details: a,
  };
}

export interface CrossDeployment {
  pairs: number;
  equal: number;
  /** Share of agreeing bits over the bit positions that vary in deployment A. */
  bitAgreement: number;
  z: number;
  flags: string[];
}

function hexBits(id: string): number[] | null {
  const n = normalise(id);
  if (!/^[0-9a-f]+$/.test(n)) return null;
  return [...n].flatMap((c) => {
    const v = Number.parseInt(c, 16);
    return [(v >> 3) & 1, (v >> 2) & 1, (v >> 1) & 1, v & 1];
  });
}

/** The same people's identifiers in two deployments: any equality, or bit agreement beyond chance. */
export function compareDeployments(pairs: readonly [string, string][]): CrossDeployment {
  const equal = pairs.filter(([a, b]) => normalise(a) === normalise(b)).length;
  const bits = pairs.map(([a, b]) => [hexBits(a), hexBits(b)] as const);
  const comparable = bits.filter(
    (p): p is readonly [number[], number[]] => !!p[0] && !!p[1] && p[0].length === p[1].length,
  );
  let agree = 0;
  let total = 0;
  if (comparable.length > 1) {
    const width = comparable[0][0].length;
    for (let k = 0; k < width; k++) {
      const first = comparable[0][0][k];
      if (comparable.every(([a]) => a[k] === first)) continue; // fixed bits (UUID version) agree by design
      for (const [a, b] of comparable) {
        total++;
        if (a[k] === b[k]) agree++;
      }
    }
  }
  const bitAgreement = total > 0 ? agree / total : Number.NaN;
  const z = total > 0 ? (agree - total / 2) / Math.sqrt(total / 4) : 0;
  const flags: string[] = [];
  if (equal > 0)
    flags.push(`${equal} of ${pairs.length} people have the same identifier in both deployments`);
  if (Math.abs(z) > Z_LIMIT)
    flags.push(
      `paired identifiers agree on ${(bitAgreement * 100).toFixed(1)} % of bits (z = ${z.toFixed(1)})`,
    );
  return { pairs: pairs.length, equal, bitAgreement, z, flags };
}

export function crossDeploymentEvidence(c: CrossDeployment): Evidence {
  return {
    test: IDENTIFIER_CROSS_DEPLOYMENT.id,
    outcome: 'measured',
    summary:
      c.flags.length === 0
        ? `${c.pairs} people: unrelated identifiers in the two deployments`
        : c.flags.join('; '),
    measurements: { dependenceFlags: { value: c.flags.length, unit: 'flags' } },
    details: c,
  };
}
