/**
 * Finger positions as ISO/IEC 19794-2 and ANSI/NIST-ITL number them:
 * 1 right thumb, 2 right index, 3 right middle, 4 right ring, 5 right little,
 * 6 left thumb, 7 left index, 8 left middle, 9 left ring, 10 left little.
 */
export type FingerPosition = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10;

export const FINGER_POSITIONS: readonly FingerPosition[] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

export type Hand = 'right' | 'left';
export type FingerName = 'thumb' | 'index' | 'middle' | 'ring' | 'little';

const NAMES: readonly FingerName[] = ['thumb', 'index', 'middle', 'ring', 'little'];

export function handOf(position: FingerPosition): Hand {
  return position <= 5 ? 'right' : 'left';
}

export function fingerNameOf(position: FingerPosition): FingerName {
  return NAMES[(position - 1) % 5];
}

export function isFingerPosition(n: number): n is FingerPosition {
  return Number.isInteger(n) && n >= 1 && n <= 10;
}
