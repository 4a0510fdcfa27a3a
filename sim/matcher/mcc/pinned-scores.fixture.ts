/**
 * Pinned 1:1 scores: a fixed set of templates (FVC extractions, synthetic impressions, synthetic
 * minutiae sets and their mates) with the score of every ordered pair, stored as JSON so that an
 * optimisation of the comparison cannot change a score unnoticed (pinned-scores.test.ts). The
 * templates are stored with full-precision coordinates, so the pins do not move when extraction or
 * synthesis does. Regenerate (only when a score change is intended):
 *
 *   node harness/cli/run-ts.mjs sim/matcher/mcc/pinned-scores.fixture.ts --write
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderImpression } from '../../fingerprints/impression/impression.ts';
import { generateMaster } from '../../fingerprints/master/master.ts';
import { DEFAULT_SENSOR, sensorProfile } from '../../fingerprints/sensor-profile.ts';
import { decodeImage } from '../../image/decode-image.ts';
import { stream } from '../../random/index.ts';
import { type FvcSetName, fvcSetDir } from '../../runtime/shared-data.ts';
import { extract } from '../extract.ts';
import type { FingerTemplate, MinutiaType } from '../template.ts';
import { comparePrepared, prepare } from './comparison.ts';
import { BIT_CYLINDER, COMPACT_CYLINDER } from './mcc-parameters.ts';
import { genuineMate, syntheticFinger } from './synthetic-minutiae.ts';

export const PINNED_SCORES_FILE = fileURLToPath(new URL('./pinned-scores.fixture.json', import.meta.url));

/** [x, y, angle, type (0 ending, 1 bifurcation, 2 other), quality] */
type PinnedMinutia = [number, number, number, number, number];
export interface PinnedTemplate {
  name: string;
  width: number;
  height: number;
  ppi: number;
  minutiae: PinnedMinutia[];
}
export interface PinnedScores {
  templates: PinnedTemplate[];
  /** Scores of every ordered pair (i, j), i ≠ j, row-major, per cylinder configuration. */
  scores: { default: number[]; compact: number[] };
}

const TYPES: MinutiaType[] = ['ending', 'bifurcation', 'other'];

export function templateOf(p: PinnedTemplate): FingerTemplate {
  return {
    width: p.width,
    height: p.height,
    ppi: p.ppi,
    quality: 0,
    minutiae: p.minutiae.map(([x, y, angle, type, quality]) => ({ x, y, angle, type: TYPES[type], quality })),
  };
}

function pin(name: string, t: FingerTemplate): PinnedTemplate {
  return {
    name,
    width: t.width,
    height: t.height,
    ppi: t.ppi,
    minutiae: t.minutiae.map((m) => [m.x, m.y, m.angle, TYPES.indexOf(m.type), m.quality]),
  };
}

const FVC_PICKS: [FvcSetName, string[], number][] = [
  ['fvc2002-db1b', ['101_1', '101_2', '101_5', '102_1', '102_3', '104_2', '104_7', '110_1'], 500],
  ['fvc2002-db2b', ['101_1', '101_4', '103_1', '103_2', '109_3'], 569],
  ['fvc2000-db4b', ['101_1', '101_2', '106_1'], 500],
];

function fvcTemplates(): PinnedTemplate[] {
  const out: PinnedTemplate[] = [];
  for (const [set, names, ppi] of FVC_PICKS) {
    const dir = fvcSetDir(set);
    if (!dir) throw new Error(`${set} is needed to build the pinned scores`);
    const files = readdirSync(dir);
    for (const n of names) {
      const file = files.find((f) => f.startsWith(`${n}.`));
      if (!file) throw new Error(`${set}/${n} not found`);
      out.push(pin(`${set}/${n}`, extract(decodeImage(readFileSync(join(dir, file)), ppi))));
    }
  }
  return out;
}

function syntheticTemplates(): PinnedTemplate[] {
  const out: PinnedTemplate[] = [];
  const sensor = sensorProfile(DEFAULT_SENSOR);
  for (let subject = 1; subject <= 3; subject++)
    for (const impression of [0, 1]) {
      const imp = renderImpression(generateMaster('pinned-scores', subject, 2), impression, sensor);
      out.push(pin(`impression/${subject}/${impression}`, extract(imp.image)));
    }
  for (let i = 0; i < 4; i++) {
    const finger = syntheticFinger(stream('pinned-scores', i));
    const r = stream('pinned-scores', 'mate', i);
    const mate = genuineMate(r, finger, {
      rotation: r.uniform(-0.5, 0.5),
      shiftX: r.uniform(-40, 40),
      shiftY: r.uniform(-40, 40),
      crop: i % 2 === 0,
    });
    out.push(pin(`minutiae/${i}`, finger), pin(`minutiae/${i}/mate`, mate));
  }
  // Degenerate templates: empty, a single minutia, two (cylinders need neighbours).
  out.push({ name: 'empty', width: 300, height: 300, ppi: 500, minutiae: [] });
  out.push({ name: 'one', width: 300, height: 300, ppi: 500, minutiae: [[150, 150, 1, 0, 50]] });
  out.push({
    name: 'two',
    width: 300,
    height: 300,
    ppi: 500,
    minutiae: [
      [150, 150, 1, 0, 50],
      [170, 140, 2, 1, 50],
    ],
  });
  return out;
}

/** Scores of every ordered pair of distinct templates, row-major. */
export function pairScores(templates: readonly FingerTemplate[], compact: boolean): number[] {
  const cylinder = compact ? COMPACT_CYLINDER : BIT_CYLINDER;
  const prepared = templates.map((t) => prepare(t, { cylinder }));
  const scores: number[] = [];
  for (let i = 0; i < prepared.length; i++)
    for (let j = 0; j < prepared.length; j++)
      if (i !== j) scores.push(comparePrepared(prepared[i], prepared[j]));
  return scores;
}

function build(): PinnedScores {
  const templates = [...fvcTemplates(), ...syntheticTemplates()];
  const plain = templates.map(templateOf);
  return { templates, scores: { default: pairScores(plain, false), compact: pairScores(plain, true) } };
}

if (process.argv.includes('--write')) {
  writeFileSync(PINNED_SCORES_FILE, `${JSON.stringify(build())}\n`);
  process.stdout.write(`wrote ${PINNED_SCORES_FILE}\n`);
}
