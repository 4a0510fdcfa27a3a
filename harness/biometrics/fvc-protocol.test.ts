import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FvcDatabase, readFvcDatabase } from './fvc-database.ts';
import { protocolPairs } from './fvc-protocol.ts';

let dir: string;
let db: FvcDatabase;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dactylo-fvc-'));
  for (let f = 101; f <= 110; f++)
    for (let i = 1; i <= 8; i++) await writeFile(join(dir, `${f}_${i}.tif`), '');
  await writeFile(join(dir, 'README.txt'), 'not an image');
  db = await readFvcDatabase(dir);
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

describe('FVC protocols on 10 fingers × 8 impressions', () => {
  it('reads 80 images in finger, impression order and ignores other files', () => {
    expect(db.images.length).toBe(80);
    expect(db.fingers).toEqual([101, 102, 103, 104, 105, 106, 107, 108, 109, 110]);
    expect(db.images[9]).toMatchObject({ finger: 102, impression: 2, index: 9 });
  });

  it('FVC2002: 280 genuine and 45 impostor comparisons, none symmetric', () => {
    const p = protocolPairs(db, 'fvc2002');
    expect(p.genuine.length).toBe(280);
    expect(p.impostor.length).toBe(45);
    const keys = new Set(
      [...p.genuine, ...p.impostor].map((q) => `${Math.min(q.a, q.b)}-${Math.max(q.a, q.b)}`),
    );
    expect(keys.size).toBe(325);
    for (const q of p.impostor) {
      expect(db.images[q.a].impression).toBe(1);
      expect(db.images[q.b].impression).toBe(1);
    }
  });

  it('FVC2006 selects the same pairs', () => {
    const p = protocolPairs(db, 'fvc2006');
    expect([p.genuine.length, p.impostor.length]).toEqual([280, 45]);
  });

  it('all-pairs: 280 genuine and 2,880 impostor comparisons', () => {
    const p = protocolPairs(db, 'all-pairs');
    expect(p.genuine.length).toBe(280);
    expect(p.impostor.length).toBe(2880);
    for (const q of p.impostor) expect(db.images[q.a].finger).not.toBe(db.images[q.b].finger);
  });
});

describe('FVC database folder', () => {
  it('refuses a missing folder and one without FVC-named images', async () => {
    await expect(readFvcDatabase(join(dir, 'nope'))).rejects.toThrow(/cannot read database folder/);
    const empty = await mkdtemp(join(tmpdir(), 'dactylo-fvc-empty-'));
    await expect(readFvcDatabase(empty)).rejects.toThrow(/no images named/);
    await rm(empty, { recursive: true });
  });

  it('refuses two files for one impression', async () => {
    const twice = await mkdtemp(join(tmpdir(), 'dactylo-fvc-twice-'));
    await writeFile(join(twice, '1_1.tif'), '');
    await writeFile(join(twice, '1_1.png'), '');
    await expect(readFvcDatabase(twice)).rejects.toThrow(/two images for 1_1/);
    await rm(twice, { recursive: true });
  });
});
