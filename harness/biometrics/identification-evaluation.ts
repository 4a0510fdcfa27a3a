import { FINGER_POSITIONS, type FingerPosition } from '../../sim/fingerprints/finger-position.ts';
import { renderImpression } from '../../sim/fingerprints/impression/impression.ts';
import { generateMaster } from '../../sim/fingerprints/master/master.ts';
import { sensorProfile } from '../../sim/fingerprints/sensor-profile.ts';
import { templateOnlyImpression, templateOnlyMaster } from '../../sim/fingerprints/template-only.ts';
import { extract } from '../../sim/matcher/extract.ts';
import { Gallery, type GalleryEntry } from '../../sim/matcher/identification/gallery.ts';
import { Identifier } from '../../sim/matcher/identification/identify.ts';
import type { FingerTemplate } from '../../sim/matcher/template.ts';
import { DOCUMENTED_FMRS, thresholdAtFmr } from '../../sim/matcher/thresholds.ts';
import { DACTYLO_VERSION } from '../../sim/runtime/version.ts';
import { escapeXml, fmt, frame, plotX, plotY } from './svg-plot.ts';

/**
 * 1:N evaluation (ISO/IEC 19795-1 terms): mated searches (the probe's finger is enrolled) and
 * non-mated searches (it is not) against galleries of growing size, through the public identify
 * API (Identifier). Mated fingers are enrolled with one impression and searched with another;
 * the rest of each gallery is template-only fillers (sim/fingerprints/template-only.ts), so that
 * sizes of 10,000 and more cost no rendering. Reported per size: FNIR at rank 1 and rank k and
 * FPIR at each threshold, and the CMC curve (share of mated searches whose mate is within rank r).
 */
export interface IdentificationEvaluationOptions {
  seed: string;
  /** Gallery sizes, ascending; each at least `mated`. */
  gallerySizes: number[];
  mated: number;
  nonMated: number;
  /** Rank k of FNIR at rank k and the CMC's last rank. */
  rank: number;
  /** Decision thresholds (1:1 similarities); default: the documented FMR thresholds. */
  thresholds?: number[];
  /** How probes and their enrolments are made: rendered and extracted (default) or template-only. */
  probes?: 'rendered' | 'template-only';
  sensor?: string;
  workers?: number;
  onProgress?: (stage: string, done: number, total: number) => void;
}

export interface ThresholdFigures {
  threshold: number;
  /** Mated searches whose mate is not at rank 1 with a score ≥ threshold. */
  fnirRank1: number;
  fnirRankK: number;
  /** Non-mated searches returning any candidate ≥ threshold. */
  fpir: number;
}

export interface GallerySizeFigures {
  size: number;
  /** cmc[r − 1]: share of mated searches with the mate within rank r (no threshold). */
  cmc: number[];
  atThreshold: ThresholdFigures[];
  meanPenetration: number;
  meanSearchMs: number;
}

export interface IdentificationReport {
  schema: 'dactylo.identification-evaluation/1';
  version: string;
  seed: string;
  probes: 'rendered' | 'template-only';
  mated: number;
  nonMated: number;
  rank: number;
  sizes: GallerySizeFigures[];
}

interface Finger {
  subject: number;
  position: FingerPosition;
}

function fingerOf(i: number): Finger {
  return { subject: 1 + Math.floor(i / 10), position: FINGER_POSITIONS[i % 10] as FingerPosition };
}

/** Enrolment (impression 1) and probe (impression 2) templates of finger i of a seed. */
function printsOf(
  o: IdentificationEvaluationOptions,
  seed: string,
  i: number,
): [FingerTemplate, FingerTemplate] {
  const { subject, position } = fingerOf(i);
  if (o.probes === 'template-only') {
    const m = templateOnlyMaster(seed, subject, position);
    return [templateOnlyImpression(m, 1), templateOnlyImpression(m, 2)];
  }
  const sensor = sensorProfile(o.sensor ?? 'optical-fvc2002');
  const m = generateMaster(seed, subject, position);
  return [extract(renderImpression(m, 1, sensor).image), extract(renderImpression(m, 2, sensor).image)];
}

function validate(o: IdentificationEvaluationOptions): void {
  const sizes = o.gallerySizes;
  if (sizes.length === 0) throw new RangeError('give at least one gallery size');
  if (sizes.some((s, k) => !Number.isInteger(s) || s < o.mated || (k > 0 && s <= sizes[k - 1])))
    throw new RangeError(
      `gallery sizes must be ascending integers ≥ the ${o.mated} mated fingers, got ${sizes.join(', ')}`,
    );
  if (!(o.mated >= 1 && o.nonMated >= 0 && o.rank >= 1))
    throw new RangeError('need at least one mated search and a rank ≥ 1');
}

/** Figures of one gallery size from the candidate lists of its searches. */
function figures(
  size: number,
  matedRanks: { rank: number; score: number }[],
  nonMatedBest: number[],
  thresholds: number[],
  k: number,
): Omit<GallerySizeFigures, 'meanPenetration' | 'meanSearchMs'> {
  const n = matedRanks.length;
  const cmc = Array.from(
    { length: k },
    (_, r) => matedRanks.filter((m) => m.rank >= 1 && m.rank <= r + 1).length / n,
  );
  const atThreshold = thresholds.map((threshold) => ({
    threshold,
    fnirRank1: matedRanks.filter((m) => !(m.rank === 1 && m.score >= threshold)).length / n,
    fnirRankK: matedRanks.filter((m) => !(m.rank >= 1 && m.rank <= k && m.score >= threshold)).length / n,
    fpir: nonMatedBest.length ? nonMatedBest.filter((s) => s >= threshold).length / nonMatedBest.length : 0,
  }));
  return { size, cmc, atThreshold };
}

export async function evaluateIdentification(
  o: IdentificationEvaluationOptions,
): Promise<IdentificationReport> {
  validate(o);
  const thresholds = o.thresholds ?? DOCUMENTED_FMRS.map(thresholdAtFmr);
  const matedPrints: [FingerTemplate, FingerTemplate][] = [];
  for (let i = 0; i < o.mated; i++) {
    matedPrints.push(printsOf(o, `${o.seed}-mated`, i));
    o.onProgress?.('probes', i + 1, o.mated + o.nonMated);
  }
  const nonMatedProbes: FingerTemplate[] = [];
  for (let i = 0; i < o.nonMated; i++) {
    nonMatedProbes.push(printsOf(o, `${o.seed}-non-mated`, i)[1]);
    o.onProgress?.('probes', o.mated + i + 1, o.mated + o.nonMated);
  }
  const entries: GalleryEntry[] = matedPrints.map(([enrolled], i) => ({
    subjectId: `mated-${i}`,
    position: fingerOf(i).position,
    template: enrolled,
  }));
  const sizes: GallerySizeFigures[] = [];
  for (const size of o.gallerySizes) {
    for (let i = entries.length; i < size; i++) {
      const f = fingerOf(i - o.mated);
      const template = templateOnlyImpression(
        templateOnlyMaster(`${o.seed}-filler`, f.subject, f.position),
        1,
      );
      entries.push({ subjectId: `filler-${i - o.mated}`, position: f.position, template });
    }
    const identifier = await Identifier.open(Gallery.build(entries), { workers: o.workers });
    try {
      let penetration = 0;
      const start = performance.now();
      const matedRanks: { rank: number; score: number }[] = [];
      for (const [i, [, probe]] of matedPrints.entries()) {
        const r = await identifier.identify(probe, { topK: o.rank, threshold: 0 });
        penetration += r.penetration;
        const hit = r.candidates.find((c) => c.subjectId === `mated-${i}`);
        matedRanks.push(hit ? { rank: hit.rank, score: hit.score } : { rank: 0, score: 0 });
        o.onProgress?.(`search ${size}`, i + 1, o.mated + o.nonMated);
      }
      const nonMatedBest: number[] = [];
      for (const [i, probe] of nonMatedProbes.entries()) {
        const r = await identifier.identify(probe, { topK: 1, threshold: 0 });
        penetration += r.penetration;
        nonMatedBest.push(r.candidates[0]?.score ?? 0);
        o.onProgress?.(`search ${size}`, o.mated + i + 1, o.mated + o.nonMated);
      }
      const searches = o.mated + o.nonMated;
      sizes.push({
        ...figures(size, matedRanks, nonMatedBest, thresholds, o.rank),
        meanPenetration: penetration / searches,
        meanSearchMs: (performance.now() - start) / searches,
      });
    } finally {
      await identifier.close();
    }
  }
  return {
    schema: 'dactylo.identification-evaluation/1',
    version: DACTYLO_VERSION,
    seed: o.seed,
    probes: o.probes ?? 'rendered',
    mated: o.mated,
    nonMated: o.nonMated,
    rank: o.rank,
    sizes,
  };
}

const COLOURS = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#8c564b'];

/** CMC curves, one per gallery size: identification rate against rank. */
export function cmcSvg(report: IdentificationReport): string {
  const k = report.rank;
  const x = (r: number) => (k === 1 ? 0.5 : (r - 1) / (k - 1));
  const low = Math.min(...report.sizes.flatMap((s) => s.cmc), 1);
  const floor = Math.max(0, Math.floor(low * 10) / 10 - 0.1);
  const y = (v: number) => (v - floor) / (1 - floor);
  const body = report.sizes
    .map((s, i) => {
      const points = s.cmc.map((v, r) => `${fmt(plotX(x(r + 1)))},${fmt(plotY(y(v)))}`).join(' ');
      return `<polyline fill="none" stroke="${COLOURS[i % COLOURS.length]}" stroke-width="2" points="${points}"/>`;
    })
    .join('');
  const xTicks = Array.from({ length: k }, (_, r) => r + 1)
    .filter((r) => r === 1 || r === k || r % Math.max(1, Math.ceil(k / 10)) === 0)
    .map((r) => ({ at: x(r), label: String(r) }));
  const yTicks = Array.from({ length: 6 }, (_, i) => floor + ((1 - floor) * i) / 5).map((v) => ({
    at: y(v),
    label: `${(100 * v).toFixed(0)} %`,
  }));
  return frame(
    escapeXml(`CMC, ${report.mated} mated searches (${report.probes} probes)`),
    'rank',
    'identification rate',
    xTicks,
    yTicks,
    body,
    report.sizes.map((s, i) => ({
      label: `gallery ${s.size.toLocaleString('en')}`,
      colour: COLOURS[i % COLOURS.length],
    })),
  );
}

/** The figures as text: one block per gallery size. */
export function identificationSummary(r: IdentificationReport): string {
  const pct = (v: number) => `${(100 * v).toFixed(2)} %`;
  const lines = [
    `1:N evaluation, seed ${r.seed}: ${r.mated} mated and ${r.nonMated} non-mated searches (${r.probes} probes), template-only fillers`,
  ];
  for (const s of r.sizes) {
    lines.push(
      `gallery ${s.size}: CMC rank 1 ${pct(s.cmc[0])}, rank ${r.rank} ${pct(s.cmc[r.rank - 1])}; penetration ${pct(s.meanPenetration)}; ${s.meanSearchMs.toFixed(0)} ms per search`,
    );
    for (const t of s.atThreshold)
      lines.push(
        `  threshold ${t.threshold.toFixed(4)}: FNIR rank 1 ${pct(t.fnirRank1)}, rank ${r.rank} ${pct(t.fnirRankK)}, FPIR ${pct(t.fpir)}`,
      );
  }
  return `${lines.join('\n')}\n`;
}
