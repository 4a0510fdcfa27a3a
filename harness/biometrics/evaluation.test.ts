import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertValid } from '../contract/validate.ts';
import { evaluate } from './evaluation.ts';
import type { MatcherAdapter } from './matcher-adapter.ts';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dactylo-eval-'));
  for (let f = 1; f <= 6; f++) for (let i = 1; i <= 4; i++) await writeFile(join(dir, `${f}_${i}.png`), '');
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

/** Template = [finger, impression]; 6_4 is refused; scores overlap a little between classes. */
function fakeMatcher(): MatcherAdapter {
  return {
    name: 'fake',
    async extractAll(paths, onDone) {
      return paths.map((p, i) => {
        const [f, imp] = basename(p, '.png').split('_').map(Number);
        const r = p.endsWith('6_4.png')
          ? { template: null, reason: 'too dry', ms: 1 }
          : { template: Uint8Array.from([f, imp]), ms: 1 };
        onDone(i, r);
        return r;
      });
    },
    async compare(a, b) {
      const jitter = ((a[0] * 7 + a[1] * 3 + b[0] * 5 + b[1] * 11) % 10) / 100;
      return a[0] === b[0] ? 0.5 + jitter : 0.42 + jitter;
    },
    async close() {},
  };
}

describe('evaluation', () => {
  it('makes the protocol’s comparisons, counts the refused image, and fills a valid report', async () => {
    const r = await evaluate({
      db: dir,
      protocol: 'all-pairs',
      matcher: fakeMatcher(),
      seed: 's',
      replicates: 50,
      workers: 2,
    });
    expect(r.counts).toEqual({
      genuine: 36,
      impostor: 240,
      enrolFailures: 1,
      genuineFailures: 3,
      impostorFailures: 20,
    });
    expect(r.fte).toBeCloseTo(1 / 24, 12);
    expect(r.fta).toBeCloseTo(23 / 276, 12);
    expect(r.enrolFailures).toEqual([{ image: '6_4', reason: 'too dry' }]);
    expect(r.eer).toBeGreaterThan(0);
    expect(r.eer).toBeLessThan(0.5);
    expect(r.lowestGenuine[0].score).toBeNull();
    assertValid('evaluation-report.schema.json', JSON.parse(JSON.stringify(r)));
  });

  it('gives identical figures for the same seed, whatever the parallelism', async () => {
    const run = (workers: number) =>
      evaluate({ db: dir, protocol: 'fvc2002', matcher: fakeMatcher(), seed: 's', replicates: 100, workers });
    const [a, b] = [await run(1), await run(3)];
    const strip = (r: typeof a) => ({ ...r, timing: null });
    expect(strip(b)).toEqual(strip(a));
    expect(a.confidenceIntervals?.eer.low).toBeLessThanOrEqual(a.eer);
  });
});
