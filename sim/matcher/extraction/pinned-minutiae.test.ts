import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fvcMissingReason } from '../../runtime/shared-data.ts';
import {
  extractedJson,
  PINNED_IMAGES,
  PINNED_MINUTIAE_FILE,
  pinnedImage,
} from './pinned-minutiae.fixture.ts';

// Speed work on extraction must keep its output bit-identical: each image's template (every
// minutia's raw coordinates, angle, type, quality; singular points) equals the pinned one.
const pinned = JSON.parse(readFileSync(PINNED_MINUTIAE_FILE, 'utf8')) as Record<
  string,
  { minutiae: unknown[] }
>;

describe('pinned extraction outputs', () => {
  for (const p of PINNED_IMAGES) {
    const key = `${p.set}/${p.file}`;
    const image = pinnedImage(p);
    it.skipIf(image === null)(
      `${key} extracts to its pinned template${image ? '' : ` (${fvcMissingReason(p.set as never)})`}`,
      () => {
        expect(pinned[key].minutiae.length).toBeGreaterThanOrEqual(5);
        expect(extractedJson(image as NonNullable<typeof image>)).toEqual(pinned[key]);
      },
    );
  }
});
