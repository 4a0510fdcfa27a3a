import type { Random } from '../../random/random.ts';
import { type FingerPosition, fingerNameOf, handOf } from '../finger-position.ts';
import type { PatternClass } from '../master-fingerprint.ts';
import { CLASS_PERCENT_RIGHT_HAND, TWIN_LOOP_SHARE } from './synthesis-parameters.ts';

export const PATTERN_CLASSES: readonly PatternClass[] = [
  'arch',
  'tented-arch',
  'left-loop',
  'right-loop',
  'whorl',
  'twin-loop',
];

/**
 * Target frequency (percent) of each class on a finger position. A loop is ulnar when it opens
 * towards the little finger; in a print (as seen, finger pad towards the viewer mirrored by the
 * platen) the little finger lies to the right for the right hand, so an ulnar loop is a right
 * loop on the right hand and a left loop on the left hand.
 */
export function classPercent(position: FingerPosition): Record<PatternClass, number> {
  const p = CLASS_PERCENT_RIGHT_HAND[fingerNameOf(position)];
  const right = handOf(position) === 'right';
  return {
    arch: p.arch,
    'tented-arch': p.tented,
    'left-loop': right ? p.radial : p.ulnar,
    'right-loop': right ? p.ulnar : p.radial,
    whorl: p.whorl * (1 - TWIN_LOOP_SHARE),
    'twin-loop': p.whorl * TWIN_LOOP_SHARE,
  };
}

/** Stage 2: draws the pattern class of a finger. */
export function drawPatternClass(position: FingerPosition, random: Random): PatternClass {
  const percent = classPercent(position);
  return PATTERN_CLASSES[random.weightedIndex(PATTERN_CLASSES.map((c) => percent[c]))];
}
